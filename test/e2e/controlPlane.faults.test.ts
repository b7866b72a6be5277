import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOB, requestPlan, startTestBot, type TestBot, verbsOf, waitForCard, cardText, cardOf } from '../helpers/bot.js';
import { readRanges } from '../helpers/azure.js';

/** How applies behave when Azure pushes back: busy cluster, throttling, a failed long-running operation. */
describe('apply against a difficult ARM', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('409 OperationNotAllowed (another update running): waits, says so on the card, retries and applies', async () => {
    const { planId, activityId } = await requestPlan(bot, 'allowlist 203.0.113.7');
    bot.app.sandbox!.arm.faults.add({
      method: 'PUT',
      pathIncludes: 'managedClusters/aks-workshop',
      status: 409,
      times: 1,
      body: { error: { code: 'OperationNotAllowed', message: "Operation is not allowed because there's an in progress update managed cluster operation for aks-workshop." } },
    });
    await bot.click('approve', { planId });
    await waitForCard(bot, activityId, /Applied/);
    const versions = bot.connector.sent.filter((s) => s.id === activityId).map((s) => cardText(cardOf(s.activity)));
    expect(versions.some((v) => /Another operation is running on aks-workshop; retrying/.test(v))).toBe(true);
    expect(await readRanges(bot.app)).toEqual(['203.0.113.7/32']);
  });

  it('429 with Retry-After is honoured and the change still lands', async () => {
    const { planId, activityId } = await requestPlan(bot, 'allowlist 198.51.100.0/24');
    bot.app.sandbox!.arm.faults.add({ method: 'GET', pathIncludes: 'managedClusters/aks-workshop', status: 429, headers: { 'retry-after': '1' }, times: 1 });
    await bot.click('approve', { planId }, BOB);
    await waitForCard(bot, activityId, /Applied/);
    expect(await readRanges(bot.app)).toEqual(['203.0.113.7/32', '198.51.100.0/24']);
  });

  it("a failed long-running operation is reported with Azure's reason, and live state proves nothing changed", async () => {
    const { planId, activityId } = await requestPlan(bot, 'allowlist 192.0.2.0/24');
    bot.app.sandbox!.arm.faults.failNextLro('aks-workshop', { code: 'InternalOperationError', message: 'The node pool upgrade failed: quota exceeded in eastus.' });
    await bot.click('approve', { planId }, BOB);
    const failed = await waitForCard(bot, activityId, /Failed/);
    expect(failed).toMatch(/Azure refused the change: The node pool upgrade failed: quota exceeded in eastus\. \(InternalOperationError/);
    expect(failed).toMatch(/Nothing was changed: the authorized ranges of aks-workshop are still 203\.0\.113\.7\/32, 198\.51\.100\.0\/24/);
    expect(await readRanges(bot.app)).toEqual(['203.0.113.7/32', '198.51.100.0/24']);
    const audit = await bot.app.services.store.readAudit({ cluster: 'aks-workshop', limit: 1 });
    expect(audit[0].outcome).toMatch(/^failed: Azure refused the change/);
  });

  it('the PUT is accepted, then every poll of the operation fails: the card says Applied (from live state) and offers Revert', async () => {
    const { planId, activityId } = await requestPlan(bot, 'allowlist 192.0.2.64/26');
    // more failures than the SDK's own retries of a poll
    bot.app.sandbox!.arm.faults.add({ method: 'GET', pathIncludes: '/operations/', status: 500, times: 8 });
    await bot.click('approve', { planId }, BOB);
    const applied = await waitForCard(bot, activityId, /Applied/);
    expect(applied).not.toMatch(/Nothing was changed/);
    expect(applied).toMatch(/the change landed \(confirmed from live state\)/);
    expect(verbsOf(cardOf(bot.connector.latest(activityId)))).toContain('revert');
    expect(await readRanges(bot.app)).toEqual(['203.0.113.7/32', '198.51.100.0/24', '192.0.2.64/26']);
    bot.app.sandbox!.arm.faults.clear();
  });

  it('the PUT is handled but its answer is lost (connection dropped): Applied from live state, never "nothing changed"', async () => {
    const { planId, activityId } = await requestPlan(bot, 'remove 192.0.2.64/26 from allowlist');
    bot.app.sandbox!.arm.faults.add({ method: 'PUT', pathIncludes: 'managedClusters/aks-workshop', drop: 'after', times: 1 });
    await bot.click('approve', { planId });
    const applied = await waitForCard(bot, activityId, /Applied/);
    expect(applied).not.toMatch(/Nothing was changed/);
    expect(verbsOf(cardOf(bot.connector.latest(activityId)))).toContain('revert');
    expect(await readRanges(bot.app)).toEqual(['203.0.113.7/32', '198.51.100.0/24']);
  });

  it('a 500 on the PUT that ARM never handled: Failed, and live state proves nothing changed', async () => {
    const { planId, activityId } = await requestPlan(bot, 'remove 198.51.100.0/24 from allowlist');
    // more than the SDK retries
    bot.app.sandbox!.arm.faults.add({ method: 'PUT', pathIncludes: 'managedClusters/aks-workshop', status: 500, times: 8 });
    await bot.click('approve', { planId });
    const failed = await waitForCard(bot, activityId, /Failed/);
    expect(failed).toMatch(/The request to Azure failed/);
    expect(failed).toMatch(/Nothing was changed: the authorized ranges of aks-workshop are still 203\.0\.113\.7\/32, 198\.51\.100\.0\/24/);
    expect(await readRanges(bot.app)).toEqual(['203.0.113.7/32', '198.51.100.0/24']);
    bot.app.sandbox!.arm.faults.clear();
  });

  it('audit and approvals in chat', async () => {
    await requestPlan(bot, 'allowlist 192.0.2.128/25');
    const approvals = await bot.say('approvals');
    const a = cardText(cardOf(approvals.replies[0].activity));
    expect(a).toMatch(/Pending approvals \(1\)/);
    expect(a).toMatch(/Allowlist 192\.0\.2\.128\/25 on aks-workshop/);
    const audit = await bot.say('audit 20 on aks-workshop');
    const t = cardText(cardOf(audit.replies[0].activity));
    expect(t).toMatch(/Audit log · aks-workshop · latest \d+/);
    expect(t).toMatch(/Allowlist 192\.0\.2\.0\/24 on aks-workshop/);
  });
});
