import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/loader.mjs');
const running = new Set<ChildProcess>();
// A run that did not stop on its own (a failing test) must not outlive the test
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
});

/** `npm start` as an operator runs it, from a directory of their own; only this test's variables, none of ours. */
function startMain(cwd: string, env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', TSX, path.join(ROOT, 'src/main.ts')], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += String(d);
    if (until?.test(stdout)) child.kill('SIGTERM');
  });
  child.stderr.on('data', (d) => (stderr += String(d)));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'palisade-start-'));

describe('starting Palisade', () => {
  it('reads .env, and a bad LOG_LEVEL is one clear configuration error listing the other bad fields, no stack', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=verbose\nAZURE_SUBSCRIPTION_IDS=not-a-guid\nPALISADE_EGRESS_IPS=999.1.1.1\n');
    const run = await startMain(dir, {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Invalid configuration:\n/);
    for (const field of ['LOG_LEVEL', 'AZURE_SUBSCRIPTION_IDS', 'PALISADE_EGRESS_IPS', 'MicrosoftAppId', 'PALISADE_PUBLIC_URL']) expect(run.stderr).toContain(`  - ${field}: `);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('variables set in the environment win over .env', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=verbose\n');
    const run = await startMain(dir, { LOG_LEVEL: 'loud' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/LOG_LEVEL: must be one of/);
    expect(run.stderr.match(/LOG_LEVEL/g)).toHaveLength(1);
  });

  it('Azure mode without a bot identity refuses to start whatever NODE_ENV says', async () => {
    for (const nodeEnv of ['development', 'Production', 'prod']) {
      const run = await startMain(tempDir(), { NODE_ENV: nodeEnv, AZURE_SUBSCRIPTION_IDS: '11111111-1111-4111-8111-111111111111', PALISADE_PUBLIC_URL: 'https://palisade.example.com' });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/MicrosoftAppId: required with AZURE_SUBSCRIPTION_IDS/);
    }
  });

  it('copying .env.example to .env, as the README says, starts the sandbox', async () => {
    const dir = tempDir();
    copyFileSync(path.join(ROOT, '.env.example'), path.join(dir, '.env'));
    const run = await startMain(dir, { PORT: '0', PALISADE_PLAYGROUND: 'false', PALISADE_DATA_DIR: path.join(dir, 'data') }, /Palisade is running/);
    expect(run.stdout).toMatch(/Palisade is running \(sandbox mode\) on http:\/\/127\.0\.0\.1:\d+\/api\/messages/);
    expect(run.stderr).not.toMatch(/Invalid configuration/);
  });
});
