import { describe, expect, it } from 'vitest';
import { closeWithin } from '../../src/lifecycle/shutdown.js';
import { openStore } from '../../src/store/index.js';
import { cardOf, cardText, requestPlan, startTestBot, waitForCard } from '../helpers/bot.js';

describe('shutdown drains', () => {
  it('a draining server takes no turns (503) and is not ready, but stays alive', async () => {
    const bot = await startTestBot();
    try {
      bot.app.server.drain();
      expect((await bot.say('status')).status).toBe(503);
      expect((await fetch(`${bot.app.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${bot.app.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ready: false, reason: 'shutting down' });
    } finally {
      await bot.closeAll();
    }
  });

  it('close() lets an in-flight apply finish, then closes the store', async () => {
    const bot = await startTestBot();
    bot.app.sandbox!.arm.settings.lroDurationMs = 1_500;
    const { planId, activityId } = await requestPlan(bot, 'allowlist 203.0.113.7');
    expect((await bot.click('approve', { planId })).status).toBe(200);
    await waitForCard(bot, activityId, /applying/i);

    expect(await closeWithin(() => bot.app.close(), 60_000)).toBe('closed');

    // The apply ran to its end during the drain: the cluster has the range, the card and the audit say applied
    const workshop = bot.app.sandbox!.world.state.clusters.find((c) => c.name === 'aks-workshop')!;
    expect(workshop.resource.properties.apiServerAccessProfile.authorizedIPRanges).toEqual(['203.0.113.7/32']);
    expect(cardText(cardOf(bot.connector.latest(activityId)))).toMatch(/Applied/);
    const store = await openStore({ kind: 'sqlite', dataDir: bot.dataDir });
    const audit = await store.readAudit();
    await store.close();
    expect(audit.find((a) => a.planId === planId && a.kind === 'apply')?.outcome).toBe('applied');
    await bot.connector.close();
  });

  it('gives up after the bound instead of hanging', async () => {
    expect(await closeWithin(() => new Promise<void>(() => {}), 50)).toBe('timed out');
    expect(await closeWithin(async () => {}, 50)).toBe('closed');
  });
});
