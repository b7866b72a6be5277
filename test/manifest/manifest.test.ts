import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { helpEntries } from '../../src/commands/help.js';
import { read } from '../../src/understanding/understand.js';
import { SANDBOX_SNAPSHOT } from '../understanding/snapshot.js';
import { loadConfig } from '../../src/config.js';
import { commandTitle, manifestCommands, MAX_DESCRIPTION, MAX_TITLE, runnableTitle } from '../../src/commands/manifest.js';
import { buildManifest, manifestOptions, MANIFEST_DIR, packageApp, SANDBOX_APP_ID } from '../../scripts/package-manifest.js';

const require = createRequire(import.meta.url);

/** The v1.24 schema bundled in @microsoft/app-manifest: passing it explicitly guarantees no download. */
function bundledSchema(version: string): object {
  const path = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Minimal zip reader: central directory → entries, inflating deflated data. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    out.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const sandbox = manifestOptions(loadConfig({}));
const tmp = mkdtempSync(join(tmpdir(), 'palisade-manifest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('Teams app manifest', () => {
  const manifest = buildManifest(sandbox) as Record<string, any>;

  it('validates offline against the bundled Teams schema', async () => {
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.schema.json');
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, bundledSchema('1.24') as never);
    expect(errors).toEqual([]);
  });

  it('the validator is live: a broken manifest fails', async () => {
    const broken = { ...manifest, bots: [{ ...manifest.bots[0], scopes: ['everywhere'] }] };
    expect((await AppManifestUtils.validateAgainstSchema(broken as AppManifest, bundledSchema('1.24') as never)).length).toBeGreaterThan(0);
  });

  it('uses the placeholder GUID in the sandbox and MicrosoftAppId when set', () => {
    expect(manifest.id).toBe(SANDBOX_APP_ID);
    expect(manifest.bots[0].botId).toBe(SANDBOX_APP_ID);
    const appId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    const real = buildManifest(
      manifestOptions(loadConfig({ MicrosoftAppId: appId, MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', MicrosoftAppPassword: 'x' })),
    ) as Record<string, any>;
    expect(real.id).toBe(appId);
    expect(real.bots[0].botId).toBe(appId);
    expect(JSON.stringify(real)).not.toContain('{{');
  });

  it('declares the bot in personal, team and group chat, without files', () => {
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.bots[0].supportsFiles).toBe(false);
  });

  it('lists the registry commands within Teams limits', () => {
    const lists = manifest.bots[0].commandLists as Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    const entries = helpEntries();
    const flagged = entries.filter((e) => e.inManifest);
    for (const list of lists) {
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(10);
      expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
      for (const c of list.commands) {
        expect(c.title.length).toBeLessThanOrEqual(MAX_TITLE);
        expect(c.description.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
        // every command is a registry entry flagged for the manifest, described by its summary
        const entry = flagged.find((e) => runnableTitle(e.usage) === c.title);
        expect(entry, c.title).toBeDefined();
        expect(entry!.summary.startsWith(c.description.replace(/…$/, ''))).toBe(true);
        // Teams pastes the title into the compose box: sent as is, it is understood or asked about, never "I don't know"
        expect(c.title).not.toMatch(/[<>|[\]]/);
        expect(read(c.title, SANDBOX_SNAPSHOT).kind, c.title).not.toBe('lost');
      }
      expect(list.commands).toEqual(manifestCommands(entries));
    }
  });

  it('icons: 192×192 colour, 32×32 white outline on transparent', () => {
    const color = PNG.sync.read(readFileSync(`${MANIFEST_DIR}color.png`));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = PNG.sync.read(readFileSync(`${MANIFEST_DIR}outline.png`));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a === 0) transparent += 1;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.4);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });

  it('packages manifest.json and both icons into the zip', async () => {
    const out = await packageApp(sandbox, join(tmp, 'palisade.zip'));
    const files = unzip(readFileSync(out));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(files.get('manifest.json')!.toString('utf8'))).toEqual(manifest);
    expect(files.get('color.png')!.equals(readFileSync(`${MANIFEST_DIR}color.png`))).toBe(true);
    expect(files.get('outline.png')!.equals(readFileSync(`${MANIFEST_DIR}outline.png`))).toBe(true);
  });
});

describe('commandTitle', () => {
  it('drops optional parts and alternatives, keeps required placeholders', () => {
    expect(commandTitle('status [on <cluster>]')).toBe('status');
    expect(commandTitle('make <service> internal [subnet <name>] [in <namespace>] [on <cluster>]')).toBe('make <service> internal');
    expect(commandTitle('restrict <service> to <cidr>[, …] | my ip [in <namespace>] [on <cluster>]')).toBe('restrict <service> to <cidr>');
    expect(commandTitle('a very long command name that goes on and on and on').length).toBeLessThanOrEqual(MAX_TITLE);
  });
});
