import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPlan, startTestBot, type TestBot, waitForCard, cardText, cardOf } from '../helpers/bot.js';
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
    await bot.click('approve', { planId });
    await waitForCard(bot, activityId, /Applied/);
    expect(await readRanges(bot.app)).toEqual(['203.0.113.7/32', '198.51.100.0/24']);
  });

  it("a failed long-running operation is reported with Azure's reason and nothing changes", async () => {
    const { planId, activityId } = await requestPlan(bot, 'allowlist 192.0.2.0/24');
    bot.app.sandbox!.arm.faults.failNextLro('aks-workshop', { code: 'InternalOperationError', message: 'The node pool upgrade failed: quota exceeded in eastus.' });
    await bot.click('approve', { planId });
    const failed = await waitForCard(bot, activityId, /Failed/);
    expect(failed).toMatch(/Azure refused the change: The node pool upgrade failed: quota exceeded in eastus\. \(InternalOperationError/);
    expect(failed).toMatch(/Nothing was changed/);
    expect(await readRanges(bot.app)).toEqual(['203.0.113.7/32', '198.51.100.0/24']);
    const audit = await bot.app.services.store.readAudit({ cluster: 'aks-workshop', limit: 1 });
    expect(audit[0].outcome).toMatch(/^failed: Azure refused the change/);
  });

  it('audit and approvals in chat', async () => {
    await requestPlan(bot, 'allowlist 192.0.2.128/25');
    const approvals = await bot.say('approvals');
    const a = cardText(cardOf(approvals.replies[0].activity));
    expect(a).toMatch(/Pending approvals \(1\)/);
    expect(a).toMatch(/Allowlist 192\.0\.2\.128\/25 on aks-workshop/);
    const audit = await bot.say('audit 5 on aks-workshop');
    const t = cardText(cardOf(audit.replies[0].activity));
    expect(t).toMatch(/Audit log · aks-workshop · latest 5/);
    expect(t).toMatch(/Allowlist 192\.0\.2\.0\/24 on aks-workshop/);
  });
});
