import { performance } from 'node:perf_hooks';
import { CACHED_READS } from '../src/timings.js';
import { BOB, requestPlan, startTestBot, waitForCard } from '../test/helpers/bot.js';
import { ms, progress, summarize, table } from './lib.js';
import { results } from './results.js';

const APPROVALS = 15;

/**
 * Section 5: Approve click → invoke response. Each round asks for a plan (`allowlist 198.51.100.N`, after an untimed first one for Palisade's own address), clicks Approve
 * (timed: POST of the `adaptiveCard/action` invoke until its response), then waits for the apply, which the engine runs
 * in the background after answering, so the next round starts on an idle cluster.
 */
export async function approveSection(): Promise<string> {
  const bot = await startTestBot({}, { timings: CACHED_READS });
  const times: number[] = [];
  let failures = 0;
  try {
    progress(`approve: ${APPROVALS} plans, each approved and applied`);
    // first Palisade's own address (the lockout guard refuses ranges that would shut Palisade out), then others beside it
    for (let i = -1; i < APPROVALS; i++) {
      const { planId, activityId } = await requestPlan(bot, i < 0 ? 'allowlist 203.0.113.7' : `allowlist 198.51.100.${i + 10}`);
      const t0 = performance.now();
      // widening the allowlist takes a second person (four-eyes): Bob approves what the default user asked for
      const res = await bot.click('approve', { planId }, BOB);
      if (i >= 0) times.push(performance.now() - t0);
      if (res.status !== 200 || !/Approved by/.test(JSON.stringify(res.body))) failures++;
      await waitForCard(bot, activityId, /Applied/);
    }
  } finally {
    await bot.closeAll();
  }
  const s = summarize(times);
  results.approveInvokeMedianMs = Math.round(s.median * 10) / 10;
  return [
    '## 5. Approve click → invoke response',
    '',
    table(['Approvals', 'Median', 'p99', 'Max'], [[String(s.n), ms(s.median), ms(s.p99), ms(s.max)]]),
    '',
    `Each click answered with the approved card${failures ? ` (**${failures} did not**)` : ''}; the apply (a cluster PUT and its long-running operation on the sandbox) ran on after the answer and every plan reached Applied before the next round. ` +
      'Palisade in the bench process on the sandbox (fast timings, reads from memory), timed from the POST of the invoke to its response.',
  ].join('\n');
}
