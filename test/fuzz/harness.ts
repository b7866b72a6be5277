import { Writable } from 'node:stream';
import { createLogger } from '../../src/log.js';
import { cardOf, cardText, startTestBot, type TestBot } from '../helpers/bot.js';

/** What one fuzz run found: the figures docs/chaos.md reports. */
export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  internalErrors: string[];
  unintended5xx: string[];
  over5s: string[];
  maxMs: number;
  p99Ms: number;
  wallMs: number;
}

/** A sandbox Palisade whose error-level log lines are collected (an internal error always logs one). */
export async function startFuzzBot(): Promise<{ bot: TestBot; errorLogs: string[] }> {
  const errorLogs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { level: number; msg: string; err?: { message?: string }; ref?: string };
        if (entry.level >= 50) errorLogs.push(`${entry.msg}${entry.ref ? ` (ref ${entry.ref})` : ''}: ${entry.err?.message ?? ''}`);
      }
      done();
    },
  });
  const bot = await startTestBot({}, { log: createLogger('error', sink) });
  return { bot, errorLogs };
}

/** Runs `send` over the items, `concurrency` at a time, timing each request. */
export async function drive<T>(
  items: T[],
  concurrency: number,
  send: (item: T) => Promise<{ status: number; unintended5xx: boolean; label: string }>,
): Promise<Omit<FuzzReport, 'internalErrors'>> {
  const byStatus: Record<string, number> = {};
  const unintended5xx: string[] = [];
  const over5s: string[] = [];
  const durations: number[] = [];
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      const t0 = performance.now();
      const r = await send(item);
      const ms = performance.now() - t0;
      durations.push(ms);
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      if (r.unintended5xx) unintended5xx.push(`${r.status} ${r.label}`);
      if (ms > 5_000) over5s.push(`${Math.round(ms)} ms ${r.label}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  durations.sort((a, b) => a - b);
  return {
    requests: items.length,
    byStatus,
    unintended5xx,
    over5s,
    maxMs: Math.round(durations.at(-1) ?? 0),
    p99Ms: Math.round(durations[Math.floor(durations.length * 0.99)] ?? 0),
    wallMs: Date.now() - started,
  };
}

/** Every reply the bot sent that says "internal error". */
export function internalErrorReplies(bot: TestBot): string[] {
  return bot.connector.sent.map((s) => cardText(cardOf(s.activity)) || s.activity.text || '').filter((t) => /internal error/i.test(t));
}

/** One line per figure, for the test output and docs/chaos.md. */
export function summary(title: string, seed: number, r: FuzzReport): string {
  const statuses = Object.entries(r.byStatus)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  return [
    `${title} (seed ${seed}): ${r.requests} requests in ${(r.wallMs / 1000).toFixed(1)} s`,
    `  statuses ${statuses}`,
    `  internal errors ${r.internalErrors.length}, unintended 5xx ${r.unintended5xx.length}, over 5 s ${r.over5s.length}, p99 ${r.p99Ms} ms, max ${r.maxMs} ms`,
  ].join('\n');
}
