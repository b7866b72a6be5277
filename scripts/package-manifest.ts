/**
 * Builds the Teams app package: npm run package  →  build/palisade.zip (manifest.json, color.png, outline.png).
 * The bot id comes from MicrosoftAppId; in sandbox mode without one, a fixed placeholder GUID is used.
 */
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ZipArchive } from 'archiver';
import { loadConfig, type Config } from '../src/config.js';
import { helpEntries } from '../src/commands/help.js';
import { manifestCommandLists } from '../src/commands/manifest.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const MANIFEST_DIR = `${ROOT}manifest/`;
export const PACKAGE_PATH = `${ROOT}build/palisade.zip`;
/** Sideloading in the sandbox needs some GUID; a real registration replaces it via MicrosoftAppId. */
export const SANDBOX_APP_ID = '00000000-0000-4000-8000-00000000a11d';

export interface ManifestOptions {
  appId: string;
  version: string;
  /** https base for the developer links; its host also goes into validDomains. */
  websiteUrl: string;
}

export function manifestOptions(config: Config): ManifestOptions {
  if (!config.bot.appId && config.mode !== 'sandbox') {
    throw new Error('MicrosoftAppId is required to package the app outside the sandbox.');
  }
  const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
  const publicUrl = config.network.publicUrl?.replace(/\/+$/, '');
  return {
    appId: config.bot.appId || SANDBOX_APP_ID,
    version: pkg.version,
    websiteUrl: publicUrl?.startsWith('https://') ? publicUrl : 'https://palisade.example.com',
  };
}

/** The filled-in manifest: template + ids + the command registry's menu. */
export function buildManifest(options: ManifestOptions): Record<string, unknown> {
  const fill: Record<string, string> = { appId: options.appId, botId: options.appId, version: options.version, websiteUrl: options.websiteUrl };
  const text = readFileSync(`${MANIFEST_DIR}manifest.template.json`, 'utf8').replace(/\{\{(\w+)\}\}/g, (m, key: string) => {
    const value = fill[key];
    if (value === undefined) throw new Error(`manifest template has an unknown placeholder ${m}`);
    return value;
  });
  const manifest = JSON.parse(text) as Record<string, unknown> & { bots: Array<Record<string, unknown>>; validDomains: string[] };
  manifest.bots[0].commandLists = manifestCommandLists(helpEntries());
  const host = new URL(options.websiteUrl).host;
  if (!host.endsWith('example.com')) manifest.validDomains = [host];
  return manifest;
}

export async function packageApp(options: ManifestOptions, out = PACKAGE_PATH): Promise<string> {
  mkdirSync(dirname(out), { recursive: true });
  const manifest = buildManifest(options);
  const zip = new ZipArchive({ zlib: { level: 9 } });
  const done = new Promise<void>((resolve, reject) => {
    const file = createWriteStream(out);
    file.on('close', resolve);
    file.on('error', reject);
    zip.on('error', reject);
    zip.pipe(file);
  });
  zip.append(`${JSON.stringify(manifest, null, 2)}\n`, { name: 'manifest.json' });
  zip.file(`${MANIFEST_DIR}color.png`, { name: 'color.png' });
  zip.file(`${MANIFEST_DIR}outline.png`, { name: 'outline.png' });
  await zip.finalize();
  await done;
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = await packageApp(manifestOptions(loadConfig(process.env)));
  process.stdout.write(`wrote ${out}\n`);
}
