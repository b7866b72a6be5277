import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALICE, BOB } from '../helpers/bot.js';
import { drive, internalErrorReplies, startFuzzBot, summary, type FuzzReport } from './harness.js';
import { fuzzMessages } from './messages.js';
import { rng } from './random.js';

const SEED = Number(process.env.FUZZ_SEED ?? 13);
const COUNT = Number(process.env.FUZZ_MESSAGES ?? 10_000);
const CAROL = { id: '29:carol', aadObjectId: 'ca201000-0000-4000-8000-000000000004', name: 'Carol [ops](https://evil.example.com)' };

describe('fuzzed chat messages', () => {
  it(`${COUNT} messages (grammar-aware mutations of real commands): no internal error, no 5xx, none over 5 s`, async () => {
    const { bot, errorLogs } = await startFuzzBot();
    try {
      const r = rng(SEED);
      const messages = fuzzMessages(COUNT, r).map((text) => ({ text, user: r.pick([ALICE, BOB, CAROL]), conversation: r.pick(['conv-personal-alice', 'conv-fuzz', 'conv-channel-ops']) }));
      const run = await drive(messages, 2, async ({ text, user, conversation }) => {
        const res = await bot.post(bot.activity('message', user, { text }, conversation));
        return { status: res.status, unintended5xx: res.status >= 500, label: JSON.stringify(text.slice(0, 120)) };
      });
      const report: FuzzReport = { ...run, internalErrors: [...internalErrorReplies(bot), ...errorLogs] };
      process.stdout.write(`\n${summary('Fuzzed messages', SEED, report)}\n`);
      if (process.env.FUZZ_REPORT) writeFileSync(`${process.env.FUZZ_REPORT}.messages.json`, JSON.stringify({ seed: SEED, ...report }, null, 2));
      expect(report.internalErrors).toEqual([]);
      expect(report.unintended5xx).toEqual([]);
      expect(report.over5s).toEqual([]);
      expect(run.byStatus['200']).toBeGreaterThan(COUNT * 0.9);
    } finally {
      await bot.closeAll();
    }
  }, 30 * 60_000);
});
