import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Starts test/helpers/botProcess.ts (or another entry: TypeScript through tsx, or an already bundled .mjs) as a child
 * process; resolves with its URL once it is ready. `preload` runs first (`node --import`).
 */
export async function spawnBot(env: Record<string, string>, entry = 'test/helpers/botProcess.ts', preload?: string): Promise<{ url: string; child: ChildProcess; kill(): Promise<void>; stop(): Promise<void> }> {
  const file = path.resolve(ROOT, entry);
  const preloads = preload ? ['--import', pathToFileURL(path.resolve(ROOT, preload)).href] : [];
  const child = spawn(process.execPath, file.endsWith('.mjs') ? [...preloads, file] : ['--conditions=source', '--import', 'tsx', ...preloads, file], {
    cwd: ROOT,
    env: { ...process.env, PALISADE_REPLY_DEADLINE_MS: '10000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  if (process.env.CHAOS_DEBUG) child.stderr!.pipe(process.stderr);
  if (process.env.CHAOS_DEBUG) child.stdout!.pipe(process.stderr);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`bot process did not start: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`bot process exited with ${code}: ${stderr}`)));
  });
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      // a child killed by a signal has no exit code, only a signal code
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { url, child, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}
