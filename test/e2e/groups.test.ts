import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_GROUPS } from '@palisade/sandbox';
import { SANDBOX_APPROVERS_GROUP } from '../../src/config.js';
import { ALICE, BOB, cardOf, cardText, MALLORY, repliesText, requestPlan, startTestBot, type TestBot, waitForCard } from '../helpers/bot.js';
import { clusterPuts, readRanges } from '../helpers/azure.js';

/**
 * Roles from Entra groups: the sandbox's approvers are the "Palisade approvers" group of its Microsoft Graph emulator
 * (Alice and Bob). Membership is checked with checkMemberGroups, cached per person for PALISADE_GROUP_CACHE_SECONDS
 * on Palisade's clock (moved here, never slept), and when Graph cannot answer, approvals are refused with the reason.
 */

const WINDOW_MS = 300_000;

describe('approvers from an Entra group, through Microsoft Graph', () => {
  let bot: TestBot;
  let clock = Date.now();
  const later = (ms: number) => (clock += ms);
  let range = 10;

  beforeAll(async () => {
    bot = await startTestBot({}, { now: () => clock });
  });
  afterAll(async () => bot.closeAll());

  /** Alice asks for a narrowing change nobody else touches; returns its plan and card. */
  async function ask() {
    return requestPlan(bot, `allowlist 198.51.100.${range++} on aks-prod`);
  }

  async function click(planId: string, who: typeof BOB): Promise<string> {
    return cardText((await bot.click('approve', { planId }, who)).body.value);
  }

  it('the sandbox approvers are the Graph emulator\'s approvers group', () => {
    expect(SANDBOX_APPROVERS_GROUP).toBe(SANDBOX_GROUPS.approvers.id);
    expect(bot.config.policy.approvers).toEqual([{ type: 'group', id: SANDBOX_GROUPS.approvers.id }]);
  });

  it('a member approves; a non-member is told they are not an approver, and nothing is applied', async () => {
    const { planId, activityId } = await ask();
    const puts = clusterPuts(bot.app, 'aks-prod');
    expect(await click(planId, MALLORY)).toMatch(/You can't approve this: you are not an approver/);
    expect(cardText(cardOf(bot.connector.latest(activityId)))).toMatch(/Pending approval/);
    expect(clusterPuts(bot.app, 'aks-prod')).toBe(puts);
    await click(planId, BOB);
    expect(await waitForCard(bot, activityId, /● Applied/)).toMatch(/approved by Bob/);
  });

  it('someone added to the group approves once the cache window has passed', async () => {
    const { planId, activityId } = await ask();
    expect(await click(planId, MALLORY)).toMatch(/not an approver/);
    bot.app.sandbox!.graph.addMember(SANDBOX_GROUPS.approvers.id, MALLORY.aadObjectId);
    // within the window Palisade still has Mallory's last answer
    expect(await click(planId, MALLORY)).toMatch(/not an approver/);
    later(WINDOW_MS + 1);
    await click(planId, MALLORY);
    expect(await waitForCard(bot, activityId, /● Applied/)).toMatch(/approved by Mallory/);
    bot.app.sandbox!.graph.removeMember(SANDBOX_GROUPS.approvers.id, MALLORY.aadObjectId);
  });

  it.each([
    ['answers 503', (g: any) => g.setAvailability('unavailable'), /Microsoft Graph answered 503 serviceNotAvailable/],
    ['refuses connections', (g: any) => g.setAvailability('refused'), /Microsoft Graph is unreachable \(ECONN(REFUSED|RESET)\)/],
    ['lacks GroupMember.Read.All', (g: any) => g.permissions.delete('GroupMember.Read.All'), /needs the application permission GroupMember\.Read\.All \(403 Authorization_RequestDenied\)/],
  ])('Graph %s: approvals are refused with the reason, nothing is applied; fine again once it answers', async (_what, breakIt, reason) => {
    const graph = bot.app.sandbox!.graph;
    const { planId, activityId } = await ask();
    const ranges = await readRanges(bot.app, { subscriptionId: '22222222-2222-4222-8222-222222222222', resourceGroup: 'prod-rg', name: 'aks-prod' });
    later(WINDOW_MS + 1); // Bob's cached membership is stale: Palisade must ask Graph
    await breakIt(graph);
    try {
      const answer = await click(planId, BOB);
      expect(answer).toMatch(/You can't approve this now: I can't check the approvers group\./);
      expect(answer).toMatch(reason);
      expect(answer).toMatch(/Approvals are refused until it answers; nothing was applied\./);
      expect(cardText(cardOf(bot.connector.latest(activityId)))).toMatch(/Pending approval/);
      expect(await readRanges(bot.app, { subscriptionId: '22222222-2222-4222-8222-222222222222', resourceGroup: 'prod-rg', name: 'aks-prod' })).toEqual(ranges);
    } finally {
      await graph.setAvailability('up');
      graph.permissions.add('GroupMember.Read.All');
    }
    await click(planId, BOB);
    await waitForCard(bot, activityId, /● Applied/);
  });

  it('operators from a group too: a non-member cannot even request', async () => {
    await bot.close();
    bot = await startTestBot({ PALISADE_OPERATORS: `group:${SANDBOX_GROUPS.operators.id}` }, { dataDir: bot.dataDir, connector: bot.connector, now: () => clock });
    expect(repliesText((await bot.say('allowlist 198.51.100.99 on aks-prod', MALLORY)).replies)).toMatch(/You are not an operator of Palisade/);
    expect(repliesText((await bot.say('allowlist 198.51.100.99 on aks-prod', ALICE)).replies)).toMatch(/Allowlist 198\.51\.100\.99\/32 on aks-prod/);
  });
});
