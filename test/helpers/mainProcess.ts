import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface MainProcess {
  url: string;
  child: ChildProcess;
  /** pino JSON lines printed so far. */
  logs(): Array<Record<string, any>>;
  /** Resolves with the first log line matching `pred` (waits on output, not on time). */
  waitForLog(pred: (line: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * `src/main.ts` in its own process, exactly as `npm start` wires it (config from the environment only): the Palisade
 * a deployment runs, here pointed at emulators that live in the test process.
 */
export async function spawnMain(env: Record<string, string>): Promise<MainProcess> {
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', PALISADE_PLAYGROUND: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const lines: Array<Record<string, any>> = [];
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (d) => {
    out += String(d);
    const parts = out.split('\n');
    out = parts.pop() ?? '';
    for (const p of parts) {
      if (p.startsWith('{')) {
        try {
          lines.push(JSON.parse(p) as Record<string, any>);
        } catch {
          /* not a log line */
        }
      } else lines.push({ text: p });
    }
    for (const l of listeners) l();
  });
  child.stderr!.on('data', (d) => (err += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waitForLog = (pred: (line: Record<string, any>) => boolean, timeoutMs = 60_000) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      const check = () => {
        const hit = lines.find(pred);
        if (hit) {
          cleanup();
          resolve(hit);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching output within ${timeoutMs} ms; stdout: ${JSON.stringify(lines).slice(0, 2000)} stderr: ${err.slice(0, 2000)}`));
      }, timeoutMs);
      const onExit = () => {
        cleanup();
        reject(new Error(`Palisade exited; stderr: ${err.slice(0, 2000)}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
        child.off('exit', onExit);
      };
      listeners.add(check);
      child.once('exit', onExit);
      check();
    });

  const banner = await waitForLog((l) => typeof l.text === 'string' && /Palisade is running .* on (\S+)\/api\/messages/.test(l.text));
  const url = /on (\S+)\/api\/messages/.exec(banner.text as string)![1];
  return {
    url,
    child,
    logs: () => lines,
    waitForLog,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
