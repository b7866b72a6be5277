import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fuzzActivities } from './activities.js';
import { drive, internalErrorReplies, startFuzzBot, summary, type FuzzReport } from './harness.js';
import { rng } from './random.js';

const SEED = Number(process.env.FUZZ_SEED ?? 13);
const COUNT = Number(process.env.FUZZ_ACTIVITIES ?? 2_000);

function isInvoke(body: string): boolean {
  try {
    return (JSON.parse(body) as { type?: unknown })?.type === 'invoke';
  } catch {
    return false;
  }
}

describe('malformed activities over HTTP', () => {
  it(`${COUNT} malformed activities: clear 4xx (or a normal answer), no internal error, no unintended 5xx, none over 5 s`, async () => {
    const { bot, errorLogs } = await startFuzzBot();
    try {
      const requests = fuzzActivities(COUNT, rng(SEED), bot.connector.url);
      const run = await drive(requests, 4, async (req) => {
        const res = await fetch(`${bot.app.url}/api/messages`, { method: 'POST', headers: req.contentType ? { 'content-type': req.contentType } : {}, body: req.body });
        const text = await res.text();
        // A 501 answers an invoke Palisade does not handle; any other 5xx is a defect
        const unintended = res.status >= 500 && !(res.status === 501 && isInvoke(req.body));
        return { status: res.status, unintended5xx: unintended, label: `${req.what}: ${text.slice(0, 200)}` };
      });
      const report: FuzzReport = { ...run, internalErrors: [...internalErrorReplies(bot), ...errorLogs] };
      process.stdout.write(`\n${summary('Malformed activities', SEED, report)}\n`);
      if (process.env.FUZZ_REPORT) writeFileSync(`${process.env.FUZZ_REPORT}.activities.json`, JSON.stringify({ seed: SEED, ...report }, null, 2));
      expect(report.internalErrors).toEqual([]);
      expect(report.unintended5xx).toEqual([]);
      expect(report.over5s).toEqual([]);
      // The bot still answers a real message afterwards
      expect((await bot.say('help')).replies).toHaveLength(1);
    } finally {
      await bot.closeAll();
    }
  }, 30 * 60_000);
});
