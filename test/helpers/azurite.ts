import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The published, well-known Azurite development account key (not a secret). */
export const DEVSTORE_ACCOUNT = 'devstoreaccount1';
export const DEVSTORE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const AZURITE_BLOB_MAIN = fileURLToPath(new URL('../../node_modules/azurite/dist/src/blob/main.js', import.meta.url));

export interface Azurite {
  /** `http://127.0.0.1:<port>/devstoreaccount1` */
  blobEndpoint: string;
  port: number;
  connectionString: string;
  stop(): Promise<void>;
}

export function azuriteConnectionString(blobEndpoint: string): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEVSTORE_ACCOUNT};AccountKey=${DEVSTORE_KEY};BlobEndpoint=${blobEndpoint};`;
}

export interface AzuriteOptions {
  startTimeoutMs?: number;
  /** HTTPS with this certificate and OAuth (`--oauth basic`: bearer tokens checked for audience and issuer shape). */
  oauth?: { certPem: string; keyPem: string };
}

/** Starts an in-memory Azurite blob service on a free 127.0.0.1 port (port 0; the real one is read from its output). */
export async function startAzurite(opts: AzuriteOptions = {}): Promise<Azurite> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'palisade-azurite-'));
  const tlsArgs: string[] = [];
  if (opts.oauth) {
    writeFileSync(path.join(workspace, 'cert.pem'), opts.oauth.certPem);
    writeFileSync(path.join(workspace, 'key.pem'), opts.oauth.keyPem);
    tlsArgs.push('--oauth', 'basic', '--cert', path.join(workspace, 'cert.pem'), '--key', path.join(workspace, 'key.pem'));
  }
  const child = spawn(
    process.execPath,
    [
      AZURITE_BLOB_MAIN,
      '--silent',
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--loose',
      '--blobHost', '127.0.0.1',
      '--blobPort', '0',
      ...tlsArgs,
    ],
    // --location cannot be combined with --inMemoryPersistence: a scratch cwd keeps any stray file out of the repo.
    { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Azurite did not start within ${opts.startTimeoutMs ?? 20_000} ms:\n${output}`));
    }, opts.startTimeoutMs ?? 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listens on https?:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited before listening (code ${code}, signal ${signal}):\n${output}`));
    });
  });
  // Keep draining output so a chatty child never blocks on a full pipe.
  child.stdout!.resume();
  child.stderr!.resume();

  const blobEndpoint = `${opts.oauth ? 'https' : 'http'}://127.0.0.1:${port}/${DEVSTORE_ACCOUNT}`;
  return {
    blobEndpoint,
    port,
    connectionString: azuriteConnectionString(blobEndpoint),
    stop: async () => {
      process.off('exit', killOnExit);
      await stopChild(child);
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
