import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';

export interface Playground {
  url: string;
  stop(): void;
}

function waitForPort(port: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const attempt = () => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() > deadline) resolve(false);
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

/** Microsoft 365 Agents Playground (a local Teams-like client) pointed at the bot: channel msteams, no telemetry, no browser. */
export async function startPlayground(opts: { botUrl: string; port: number; cwd: string; log: Logger }): Promise<Playground | undefined> {
  const require = createRequire(import.meta.url);
  let cli: string;
  try {
    cli = path.join(path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  } catch {
    opts.log.warn('the Agents Playground is not installed; chat with the bot through another client');
    return undefined;
  }
  fs.mkdirSync(opts.cwd, { recursive: true }); // it writes a devTools/ log folder in its working directory
  const child: ChildProcess = spawn(
    process.execPath,
    [cli, '-e', `${opts.botUrl}/api/messages`, '-c', 'msteams', '-p', String(opts.port), '--disable-telemetry'],
    { cwd: opts.cwd, env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BROWSER: 'none' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d) => opts.log.debug({ playground: String(d).trim() }));
  child.stderr?.on('data', (d) => opts.log.debug({ playground: String(d).trim() }));
  child.on('exit', (code) => opts.log.info({ code }, 'Agents Playground exited'));
  const up = await waitForPort(opts.port, 30_000);
  if (!up) opts.log.warn({ port: opts.port }, 'the Agents Playground did not open its port in 30 s');
  return { url: `http://localhost:${opts.port}`, stop: () => child.kill() };
}
