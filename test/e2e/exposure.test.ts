import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardOf, cardText, repliesText, requestPlan, startTestBot, type TestBot, waitForCard } from '../helpers/bot.js';
import { PROD, readRanges } from '../helpers/azure.js';

/** Exposure is judged by the public addresses a range list lets in, not by how the list looks. */
describe('world-open authorized ranges, from chat', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it.each([
    { typed: '0.0.0.0/0', after: ['198.51.100.0/24', '203.0.113.0/24', '0.0.0.0/0'] },
    { typed: '0.0.0.0/1, 128.0.0.0/1', after: ['198.51.100.0/24', '203.0.113.0/24', '0.0.0.0/1', '128.0.0.0/1'] },
  ])('allowlist $typed on aks-prod: red "whole internet" warning, four-eyes, and status says open to the internet', async ({ typed, after }) => {
    const { planId, activityId } = await requestPlan(bot, `allowlist ${typed} on aks-prod`);
    const card = cardOf(bot.connector.latest(activityId));
    const text = cardText(card);
    expect(text).toMatch(/Widens exposure/);
    expect(text).toMatch(/Four-eyes/);
    expect(text).not.toMatch(/private or reserved/);
    // the warning sits in the red (attention) container of the card
    const warnings = JSON.stringify(card.body.find((b: any) => b.style === 'attention'));
    expect(warnings).toMatch(/opens the API server of aks-prod to the whole internet/i);
    expect(warnings).toMatch(/3\.7 billion/);

    const own = await bot.click('approve', { planId }, ALICE);
    expect(cardText(own.body.value)).toMatch(/can't approve your own request/);
    await bot.click('approve', { planId }, BOB);
    await waitForCard(bot, activityId, /Applied/);
    expect(await readRanges(bot.app, PROD)).toEqual(after);

    const status = repliesText((await bot.say('status on aks-prod')).replies);
    expect(status).toMatch(/Public API server, open to the internet/);
    expect(status).toMatch(/API server open to the internet/);
    const ranges = repliesText((await bot.say('ip ranges on aks-prod')).replies);
    expect(ranges).toMatch(/anyone on the internet can connect/);

    // put aks-prod back for the next case (a narrowing: no four-eyes needed beyond the policy)
    const back = await requestPlan(bot, 'set ip ranges 198.51.100.0/24, 203.0.113.0/24 on aks-prod');
    await bot.click('approve', { planId: back.planId }, BOB);
    await waitForCard(bot, back.activityId, /Applied/);
    expect(await readRanges(bot.app, PROD)).toEqual(['198.51.100.0/24', '203.0.113.0/24']);
  });

  it('set ip ranges that drops the other ranges names them as a lockout risk and needs a second person', async () => {
    const { activityId } = await requestPlan(bot, 'set ip ranges 203.0.113.0/24 on aks-prod');
    const text = cardText(cardOf(bot.connector.latest(activityId)));
    expect(text).toMatch(/Narrows exposure/);
    expect(text).toMatch(/Lockout risk: 198\.51\.100\.0\/24 loses access/);
    expect(text).toMatch(/Four-eyes/);
  });

  it('a public /8 widens by its size', async () => {
    const { activityId } = await requestPlan(bot, 'allowlist 20.0.0.0/8 on aks-prod');
    const text = cardText(cardOf(bot.connector.latest(activityId)));
    expect(text).toMatch(/Widens exposure/);
    expect(text).toMatch(/lets 16\.8 million more public addresses reach the API server of aks-prod/);
  });

  it('0.0.0.0/0 cannot restrict a Service, nor can the two halves', async () => {
    const res = repliesText((await bot.say('restrict ratings-web to 0.0.0.0/1, 128.0.0.0/1 in ratingsapp')).replies);
    expect(res).toMatch(/the whole internet: that is no restriction/);
  });
});
