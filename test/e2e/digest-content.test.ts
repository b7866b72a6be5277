import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardSizeBytes, MAX_MESSAGE_BYTES } from '../../src/cards/render.js';
import { composeDigest } from '../../src/digest/compose.js';
import { ALICE, cardOf, cardText, requestPlan, startTestBot, type TestBot, verbsOf, waitForCard } from '../helpers/bot.js';
import { schemaErrors } from '../cards/schema.js';
import { cluster, posture } from '../digest/fixtures.js';

const CHANNEL = 'conv-channel-content';

/** Cluster section headings of a digest card (the Medium heading TextBlocks inside cluster containers). */
function clusterNames(card: any): string[] {
  const names: string[] = [];
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (n.type === 'TextBlock' && n.style === 'heading' && n.size === 'Medium') names.push(n.text);
      Object.values(n).forEach(walk);
    }
  };
  walk(card.body);
  return names;
}

describe('digest content through the bot', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('shows pending approvals and timed allowlist entries expiring soon, for its clusters only', async () => {
    const timed = await requestPlan(bot, 'allowlist 203.0.113.0/24 for 2h on aks-workshop');
    await bot.click('approve', { planId: timed.planId });
    await waitForCard(bot, timed.activityId, /Applied/);
    await requestPlan(bot, 'allowlist 198.51.100.7 on aks-workshop');

    const { replies } = await bot.say('digest now for aks-workshop', ALICE, CHANNEL);
    const text = cardText(cardOf(replies[0].activity));
    expect(text).toContain('Pending approvals');
    expect(text).toMatch(/PENDING\nAllowlist 198\.51\.100\.7\/32 on aks-workshop\nrequested by Alice · expires /);
    expect(text).toContain('Timed allowlist entries expiring soon');
    expect(text).toMatch(/EXPIRES\n203\.0\.113\.0\/24 on aks-workshop\nremoved automatically in (1h 59m|2h) \(/);

    const prod = cardText(cardOf((await bot.say('digest now for aks-prod', ALICE, CHANNEL)).replies[0].activity));
    expect(prod).not.toContain('Pending approvals');
    expect(prod).not.toContain('expiring soon');
  });

  it('many clusters: page 1 summarises them all, "Show more" pages through the rest, each page under 28 KB', async () => {
    const conversationId = 'conv-channel-many';
    const postures = Array.from({ length: 30 }, (_, i) => posture(cluster(`aks-fleet-${String(i).padStart(2, '0')}`, { open: i % 3 === 0 }), { services: 1 + (i % 4), namespaces: 2 }));
    const composed = await composeDigest(bot.app.services, { conversationId, subtitle: 'Daily at 09:00 UTC', postures, missing: [], nowMs: Date.now(), timeZone: 'UTC' });
    const pages = composed.snapshot.pages.length;
    expect(pages).toBeGreaterThan(2);

    const first = composed.card;
    const firstText = cardText(first);
    expect(firstText).toContain('All clusters (30), lowest score first');
    expect(firstText).toContain('The overview shows the 25 lowest scores of 30.');
    expect(firstText).toMatch(new RegExp(`Page 1 of ${pages}`));
    expect(verbsOf(first)).toContain('digestPage');
    const seen = [...clusterNames(first)];
    for (let page = 2; page <= pages; page++) {
      const res = await bot.click('digestPage', { run: composed.snapshot.run, page }, ALICE, `${conversationId};messageid=42`);
      expect(res.status).toBe(200);
      const card = res.body.value;
      expect(schemaErrors(card)).toEqual([]);
      expect(cardSizeBytes(card)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(cardText(card)).toContain(`Page ${page} of ${pages}`);
      expect(verbsOf(card)).toContain('digestPage');
      seen.push(...clusterNames(card));
    }
    expect(seen.sort()).toEqual(postures.map((p) => p.cluster.name).sort());

    const elsewhere = await bot.click('digestPage', { run: composed.snapshot.run, page: 2 }, ALICE, 'conv-channel-other');
    expect(elsewhere.body.value).toMatch(/too old to page through/);
    const unknown = await bot.click('digestPage', { run: 'AAAAAAAAAAAAAAAA', page: 2 }, ALICE, conversationId);
    expect(unknown.body.value).toMatch(/too old to page through/);
    const junk = await bot.click('digestPage', { run: '../../etc', page: 'x' }, ALICE, conversationId);
    expect(junk.body.value).toMatch(/can no longer read/);
  });
});
