import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';

const SCRIPT = fileURLToPath(new URL('../../scripts/audit-export.ts', import.meta.url));
const run = promisify(execFile);

describe('npm run audit:export', () => {
  let dataDir: string;
  const env = () => ({ ...process.env, PALISADE_DATA_DIR: dataDir, PALISADE_STORE: 'sqlite', LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'palisade-export-'));
    const store = await openStore({ kind: 'sqlite', dataDir });
    for (let i = 0; i < 3; i++) {
      await store.appendAudit({ at: `2025-01-01T00:00:0${i}Z`, kind: 'apply', cluster: i === 1 ? 'b' : 'a', summary: `e${i}` });
    }
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes JSON lines, oldest first, to stdout', async () => {
    const { stdout } = await run(process.execPath, ['--conditions=source', '--import', 'tsx', SCRIPT], { env: env() });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { summary: string });
    expect(lines.map((l) => l.summary)).toEqual(['e0', 'e1', 'e2']);
  });

  it('writes to --out and filters by --cluster', async () => {
    const out = path.join(dataDir, 'audit.jsonl');
    await run(process.execPath, ['--conditions=source', '--import', 'tsx', SCRIPT, '--out', out, '--cluster', 'a'], { env: env() });
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { summary: string });
    expect(lines.map((l) => l.summary)).toEqual(['e0', 'e2']);
  });

  it('rejects a bad --limit with usage', async () => {
    await expect(run(process.execPath, ['--conditions=source', '--import', 'tsx', SCRIPT, '--limit', 'x'], { env: env() })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage'),
    });
  });
});
