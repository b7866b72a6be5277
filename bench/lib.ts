import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { CACHED_READS, PRODUCTION_TYPING, type Timings } from '../src/timings.js';
import type { Palisade } from '../src/palisade.js';
import type { Sandbox } from '@palisade/sandbox';
import { startOnSandbox } from '../test/helpers/sandbox.js';
import type { WorldState } from '@palisade/sandbox/world.js';
import { type FakeConnector } from '../test/helpers/connector.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const USER = { id: '29:bench', aadObjectId: 'be0c0000-0000-4000-8000-000000000001', name: 'Bench' };

/** Progress goes to stderr so stdout stays clean; the report is the file. */
export function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

export function tempDir(prefix = 'palisade-bench-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------- statistics ----------

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export interface Summary {
  n: number;
  median: number;
  p99: number;
  max: number;
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, median: percentile(s, 50), p99: percentile(s, 99), max: s.at(-1) ?? NaN };
}

export const ms = (v: number, digits = 1) => (Number.isFinite(v) ? `${v.toFixed(digits)} ms` : 'n/a');
export const mib = (kb: number) => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(0)} MiB` : 'n/a');

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

// ---------- processes and ports ----------

/** A port the OS just gave us on 127.0.0.1 and we released, for a child that needs a fixed one. */
export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Resident set size and its high-water mark, in KiB, from /proc (ps as a fallback). */
export function memoryOf(pid: number): { rssKb: number; hwmKb: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
  } catch {
    return { rssKb: NaN, hwmKb: NaN };
  }
}

/** A child server started from a TypeScript entry point via the tsx loader, with a minimal environment. */
export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Spawn → first 200 from GET /healthz, in ms. */
  readyMs: number;
  stop(): Promise<void>;
}

/** `plainNode`: run `entry` (a built .js file) with node alone; otherwise through the tsx loader. `readyPath`: the route that must answer 200. */
export async function spawnServer(entry: string, env: Record<string, string>, opts: { timeoutMs?: number; plainNode?: boolean; readyPath?: string; inherit?: boolean } = {}): Promise<ChildServer> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const base: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[k]) base[k] = process.env[k]!;
  const started = performance.now();
  const args = opts.plainNode ? [path.resolve(ROOT, entry)] : ['--conditions=source', '--import', 'tsx', path.join(ROOT, entry)];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...base, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => reject(new Error(`${entry} exited (${code ?? signal}) before it was ready: ${stderr.slice(-2000)}`))),
  );
  exited.catch(() => undefined);
  const stop = () => stopChild(child);
  try {
    await Promise.race([waitHealthy(url, timeoutMs, opts.readyPath), exited]);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, child, readyMs: performance.now() - started, stop };
}

/** Polls GET `readyPath` (/healthz) every 5 ms until it answers 200. */
export async function waitHealthy(url: string, timeoutMs: number, readyPath = '/healthz'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await sleep(5);
  }
  throw new Error(`${url}${readyPath} did not answer 200 within ${timeoutMs} ms`);
}

// ---------- bots under test ----------

/**
 * Palisade in this process on the sandbox, configured the way the end-to-end tests do it. With `world`, the sandbox
 * starts from that state instead of the seed (the World loads `<dataDir>/sandbox/world.json` when it exists).
 */
export async function startBenchPalisade(latencyMs = 0, opts: { world?: WorldState; timings?: Partial<Timings> } = {}): Promise<{ app: Palisade<Sandbox>; dataDir: string; close(): Promise<void> }> {
  const dataDir = tempDir();
  if (opts.world) {
    fs.mkdirSync(path.join(dataDir, 'sandbox'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'sandbox', 'world.json'), JSON.stringify(opts.world));
  }
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PALISADE_DATA_DIR: dataDir,
    PALISADE_PLAYGROUND: 'false',
    LOG_LEVEL: 'silent',
    PALISADE_SANDBOX_LATENCY_MS: String(latencyMs),
    // as the test helpers: on a loaded machine a 2 s deadline turns slow replies into proactive ones, which the
    // load generator (one reply per turn) would count as strays
    PALISADE_REPLY_DEADLINE_MS: '10000',
  });
  // reads from memory and "typing…" as in production (the fast timings of tests turn them off)
  const app = await startOnSandbox({ config, log: createLogger(config.logLevel), timings: { ...CACHED_READS, ...PRODUCTION_TYPING, ...opts.timings } });
  return {
    app,
    dataDir,
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Sets the emulated ARM and Kubernetes per-request latency of a running sandbox. */
export function setSandboxLatency(app: Palisade<Sandbox>, latencyMs: number): void {
  if (!app.sandbox) throw new Error('Palisade is not running on the sandbox');
  app.sandbox.arm.faults.latencyMs = latencyMs;
  app.sandbox.kube.setLatency(latencyMs);
}

// ---------- turns ----------

interface Arrival {
  at: number;
  replyToId?: string;
  activity: any;
}

/**
 * Watches a fake Bot Connector and hands each message it receives to whoever waits on that conversation,
 * stamped with performance.now() at arrival.
 */
export class ReplyWatcher {
  private seen = 0;
  private stopped = false;
  private readonly waiting = new Map<string, { resolve: (a: Arrival) => void; reject: (e: Error) => void }>();
  private readonly loop: Promise<void>;
  /** Messages no turn was waiting for (e.g. a second reply), which would mean a bot sent more than expected. */
  strays = 0;

  constructor(private readonly connector: FakeConnector) {
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.connector.waitFor(() => this.stopped || this.connector.sent.length > this.seen, 60_000);
      } catch {
        continue;
      }
      const at = performance.now();
      const fresh = this.connector.sent.slice(this.seen);
      this.seen = this.connector.sent.length;
      for (const s of fresh) {
        if (s.method !== 'POST' || s.activity?.type !== 'message') continue;
        const waiter = this.waiting.get(s.conversationId);
        if (!waiter) {
          this.strays++;
          continue;
        }
        this.waiting.delete(s.conversationId);
        waiter.resolve({ at, replyToId: s.replyToId, activity: s.activity });
      }
      // keep memory flat: every reply seen so far is handed out, and thousands of parsed cards kept here would make
      // the bench process's GC (which the bots share) pay for the load generator's memory
      if (this.connector.sent.length > 200) {
        this.connector.sent.splice(0);
        this.seen = 0;
      }
    }
  }

  /** The next message that arrives for this conversation. Register before posting the turn. */
  next(conversationId: string, timeoutMs = 30_000): Promise<Arrival> {
    if (this.waiting.has(conversationId)) throw new Error(`already waiting on ${conversationId}`);
    return new Promise<Arrival>((resolve, reject) => {
      const timer = setTimeout(() => this.cancel(conversationId, `no reply in ${conversationId} within ${timeoutMs} ms`), timeoutMs);
      this.waiting.set(conversationId, {
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
    });
  }

  /** Stops waiting on a conversation (its turn failed); its promise rejects. */
  cancel(conversationId: string, why = 'cancelled'): void {
    const waiter = this.waiting.get(conversationId);
    this.waiting.delete(conversationId);
    waiter?.reject(new Error(why));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }
}

export function messageActivity(serviceUrl: string, conversationId: string, text: string) {
  return {
    type: 'message',
    id: `bench-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: USER,
    recipient: { id: '28:palisade', name: 'Palisade' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    locale: 'en-US',
    text,
  };
}

export interface LoadResult {
  latencies: number[];
  /** Turns whose reply was missing, late (> timeout), not a reply to our activity, or failed `check`. */
  errors: number;
  firstError?: string;
  wallMs: number;
}

/**
 * `conversations` conversations run at once; each sends `text` `rounds` times, one turn after another.
 * A turn's latency is POST /api/messages → the reply for that conversation arriving at the connector.
 */
export async function runLoad(opts: {
  botUrl: string;
  connector: FakeConnector;
  watcher: ReplyWatcher;
  label: string;
  conversations: number;
  rounds: number;
  text: string;
  check: (reply: any) => boolean;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const fail = (why: string) => {
    errors++;
    firstError ??= why;
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.conversations }, async (_, c) => {
      const conversationId = `bench-${opts.label}-${c}-${randomUUID().slice(0, 8)}`;
      for (let r = 0; r < opts.rounds; r++) {
        const act = messageActivity(opts.connector.url, conversationId, opts.text);
        const reply = opts.watcher.next(conversationId);
        const t0 = performance.now();
        try {
          const res = await fetch(`${opts.botUrl}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(act),
          });
          await res.arrayBuffer();
          if (res.status >= 300) throw new Error(`POST /api/messages answered ${res.status}`);
          const got = await reply;
          if (got.replyToId && got.replyToId !== act.id) throw new Error(`reply to ${got.replyToId}, expected ${act.id}`);
          if (!opts.check(got.activity)) throw new Error(`unexpected reply: ${JSON.stringify(got.activity).slice(0, 300)}`);
          latencies.push(got.at - t0);
        } catch (e) {
          reply.catch(() => undefined);
          opts.watcher.cancel(conversationId);
          fail(e instanceof Error ? e.message : String(e));
        }
      }
    }),
  );
  return { latencies, errors, firstError, wallMs: performance.now() - started };
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
