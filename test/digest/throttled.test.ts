import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanClusters } from '../../src/digest/scan.js';
import { ALICE, cardOf, cardText, startTestBot, type TestBot } from '../helpers/bot.js';

/** ARM throttles reads per subscription and principal: Palisade slows down on the remaining-reads header and a 429. */
describe('a digest scan under ARM read throttling', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('a 429 with Retry-After slows the scan and the digest still completes', async () => {
    const s = bot.app.services;
    const clusters = await s.clusters.list();
    const pacer = s.azure.pacer;
    const before = { ...pacer.stats };
    // two reads in the bucket, one more a second: a subscription's Defender reads (3) cannot all go at once
    bot.app.sandbox!.arm.throttle.configure({ reads: { size: 2, refillPerSecond: 1 } });
    const arm = bot.app.sandbox!.arm.faults.record();
    try {
      const postures = await scanClusters(s.posture, clusters);
      expect(postures.size).toBe(clusters.length);
      // (a private API server cannot be reached from outside, throttled or not: its Kubernetes areas are expected unread)
      for (const p of [...postures.values()].filter((x) => !x.cluster.isPrivate)) {
        const unread = p.areas.flatMap((a) => a.findings).filter((f) => f.id.endsWith('.unreachable'));
        expect(unread, p.cluster.name).toEqual([]);
      }
      // ARM did answer 429 with Retry-After, and the pacer held reads back (before and after it)
      expect(pacer.stats.throttled).toBeGreaterThan(before.throttled);
      expect(pacer.stats.paced).toBeGreaterThan(before.paced);
      expect(arm.length).toBeGreaterThan(0);

      // (under throttling the digest may outlast the reply deadline and arrive as a proactive message: wait for it)
      const conversation = '19:throttled@thread.tacv2';
      const sentBefore = bot.connector.sent.length;
      await bot.say('digest now for aks-prod', ALICE, conversation);
      const digest = await bot.connector.waitFor(() => bot.connector.sent.slice(sentBefore).find((s) => s.method === 'POST' && s.conversationId === conversation && cardOf(s.activity)), 60_000);
      expect(cardText(cardOf(digest.activity))).toMatch(/aks-prod/);
    } finally {
      bot.app.sandbox!.arm.throttle.reset();
      bot.app.sandbox!.arm.throttle.configure({ reads: { size: 250, refillPerSecond: 25 } });
    }
  });
});
