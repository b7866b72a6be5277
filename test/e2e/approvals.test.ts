import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardOf, cardText, MALLORY, requestPlan, startTestBot, TENANT, type TestBot, verbsOf, waitForCard } from '../helpers/bot.js';
import { clusterPuts, readRanges } from '../helpers/azure.js';
import { startAzurite } from '../helpers/azurite.js';

type StoreEnv = { name: string; env: () => Promise<Record<string, string>>; stop?: () => Promise<void> };

let azurite: Awaited<ReturnType<typeof startAzurite>> | undefined;
const STORES: StoreEnv[] = [
  { name: 'SQLite', env: async () => ({}) },
  {
    name: 'Azure Blob (Azurite)',
    env: async () => {
      azurite ??= await startAzurite();
      return { PALISADE_STORE: 'blob', AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString, PALISADE_BLOB_CONTAINER: `t${Date.now()}${Math.floor(Math.random() * 1e6)}` };
    },
  },
];

afterAll(async () => azurite?.stop());

describe.each(STORES)('plan → approve → apply on $name', (store) => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ ...(await store.env()), PALISADE_ALLOWED_TENANTS: TENANT });
  });
  afterAll(async () => bot.closeAll());

  it('allowlist 203.0.113.7: card → Approve → applying → applied, ranges read back from ARM', async () => {
    const { planId, activityId } = await requestPlan(bot, 'allowlist 203.0.113.7');
    const pending = cardText(cardOf(bot.connector.latest(activityId)));
    expect(pending).toMatch(/Allowlist 203\.0\.113\.7\/32 on aks-workshop/);
    expect(pending).toMatch(/Pending approval/);
    expect(pending).toMatch(/Sandbox: you may approve your own request/);
    expect(verbsOf(cardOf(bot.connector.latest(activityId)))).toEqual(expect.arrayContaining(['approve', 'reject']));
    expect(cardOf(bot.connector.latest(activityId)).refresh.userIds).toEqual(['29:alice']);

    const res = await bot.click('approve', { planId });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(res.body.value)).toMatch(/Approved by Alice/);

    const applied = await waitForCard(bot, activityId, /Applied/);
    expect(applied).toMatch(/203\.0\.113\.7\/32/);
    expect(applied).toMatch(/Kubernetes API from Palisade\s*\nreachable/);
    expect(bot.connector.sent.filter((s) => s.id === activityId).map((s) => cardText(cardOf(s.activity)))).toEqual(
      expect.arrayContaining([expect.stringMatching(/applying/)]),
    );
    expect(await readRanges(bot.app)).toEqual(['203.0.113.7/32']);
    expect(verbsOf(cardOf(bot.connector.latest(activityId)))).toContain('revert');

    const audit = await bot.app.services.store.readAudit({ cluster: 'aks-workshop' });
    const kinds = audit.filter((a) => a.planId === planId).map((a) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(['request', 'decision', 'apply']));
    const applyEntry = audit.find((a) => a.planId === planId && a.kind === 'apply')!;
    expect(applyEntry.actor?.aadObjectId).toBe(ALICE.aadObjectId);
    expect(applyEntry.requestIds?.length).toBe(1);
    expect(applyEntry.after).toEqual({ ranges: ['203.0.113.7/32'] });
  });

  it('racing 20 approve clicks on one plan yields one PUT', async () => {
    const { planId, activityId } = await requestPlan(bot, 'allowlist 198.51.100.0/24');
    const puts = clusterPuts(bot.app);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => bot.click('approve', { planId }, i % 2 ? ALICE : BOB)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await waitForCard(bot, activityId, /Applied/);
    await bot.app.services.engine.idle();
    expect(clusterPuts(bot.app) - puts).toBe(1);
    expect(await readRanges(bot.app)).toEqual(['203.0.113.7/32', '198.51.100.0/24']);
  });

  it('a replayed activity id yields no second plan', async () => {
    const plansBefore = (await bot.app.services.store.list('plans')).length;
    const id = `replay-${Date.now()}`;
    const cardsFor = () => bot.connector.sent.filter((s) => s.method === 'POST' && /Allowlist 192\.0\.2\.10\/32/.test(cardText(cardOf(s.activity)))).length;
    // The turn posts its plan card before the HTTP answer, so both counts are final when say() returns
    const first = await bot.say('allowlist 192.0.2.10', ALICE, undefined, id);
    expect(first.status).toBe(200);
    expect(cardsFor()).toBe(1);
    const replay = await bot.say('allowlist 192.0.2.10', ALICE, undefined, id);
    expect(replay.status).toBe(200);
    expect(replay.replies).toEqual([]);
    expect(cardsFor()).toBe(1);
    expect((await bot.app.services.store.list('plans')).length).toBe(plansBefore + 1);
  });

  it('a turn cut short before its card went out runs again on redelivery: one plan, one card', async () => {
    const plansBefore = (await bot.app.services.store.list('plans')).length;
    const id = `cut-${Date.now()}`;
    const cardsFor = () => bot.connector.sent.filter((s) => s.method === 'POST' && /Allowlist 192\.0\.2\.11\/32/.test(cardText(cardOf(s.activity)))).length;
    // the connector is down for this turn: neither the card nor the error reply gets out, as when the process dies
    bot.connector.failNext('conv-personal-alice', ...Array.from({ length: 6 }, () => ({ status: 400 })));
    await bot.say('allowlist 192.0.2.11', ALICE, undefined, id);
    bot.connector.clearFailures();
    expect((await bot.app.services.store.list('plans')).length).toBe(plansBefore + 1);
    // Teams delivers the same activity again
    await bot.say('allowlist 192.0.2.11', ALICE, undefined, id);
    expect(cardsFor()).toBe(1);
    expect((await bot.app.services.store.list('plans')).length).toBe(plansBefore + 1);
    // and once it is done, a further delivery is a replay
    const third = await bot.say('allowlist 192.0.2.11', ALICE, undefined, id);
    expect(third.replies).toEqual([]);
    expect(cardsFor()).toBe(1);
  });

  it('a stale plan refuses when another plan changed the ranges first', async () => {
    const first = await requestPlan(bot, 'remove 198.51.100.0/24 from allowlist');
    const second = await requestPlan(bot, 'allowlist 192.0.2.0/24');
    await bot.click('approve', { planId: second.planId }, BOB);
    await waitForCard(bot, second.activityId, /Applied/);
    const before = await readRanges(bot.app);
    await bot.click('approve', { planId: first.planId });
    const failed = await waitForCard(bot, first.activityId, /Failed/);
    expect(failed).toMatch(/changed since this plan/);
    expect(failed).toMatch(/Run the command again/);
    expect(await readRanges(bot.app)).toEqual(before);
  });

  it('Reject closes the request without a change', async () => {
    const { planId, activityId } = await requestPlan(bot, 'allowlist 192.0.2.99');
    const before = clusterPuts(bot.app);
    await bot.click('reject', { planId }, BOB);
    await waitForCard(bot, activityId, /Rejected by Bob/);
    const again = await bot.click('approve', { planId }, ALICE);
    expect(cardText(again.body.value)).toMatch(/rejected by Bob/);
    expect(clusterPuts(bot.app)).toBe(before);
  });

  it('a click from another conversation is refused with a clear line and changes nothing', async () => {
    const { planId, activityId } = await requestPlan(bot, 'allowlist 192.0.2.98');
    const before = clusterPuts(bot.app);
    const elsewhere = await bot.click('approve', { planId }, BOB, 'conv-channel-elsewhere');
    expect(elsewhere.body.value).toMatch(/posted in another conversation/);
    expect(cardText(cardOf(bot.connector.latest(activityId)))).toMatch(/Pending approval/);
    expect(clusterPuts(bot.app)).toBe(before);
    await bot.click('reject', { planId }, ALICE);
  });

  it('Revert is a new plan through the same flow', async () => {
    const { planId, activityId } = await requestPlan(bot, 'allowlist 192.0.2.55');
    await bot.click('approve', { planId }, BOB);
    await waitForCard(bot, activityId, /Applied/);
    const before = bot.connector.sent.length;
    await bot.click('revert', { planId });
    const revertCard = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => s.method === 'POST' && /Remove 192\.0\.2\.55\/32/.test(cardText(cardOf(s.activity)))));
    const revertId = /"planId":"([A-Za-z0-9_-]{22})"/.exec(JSON.stringify(cardOf(revertCard.activity)))![1];
    await bot.click('approve', { planId: revertId });
    await waitForCard(bot, revertCard.id, /Applied/);
    expect(await readRanges(bot.app)).not.toContain('192.0.2.55/32');
    const second = await bot.click('revert', { planId });
    expect(JSON.stringify(second.body)).toMatch(/already requested/);
  });

  it('bad invokes get a clear answer and change nothing', async () => {
    const before = clusterPuts(bot.app);
    const unknown = await bot.click('approve', { planId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(unknown.body.value).toMatch(/can't find that request/);
    const tampered = await bot.click('approve', { planId: '../../etc/passwd' });
    expect(tampered.body.value).toMatch(/doesn't point at a request/);
    const noVerb = await bot.post(bot.activity('invoke', ALICE, { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', data: { planId: 'x' } } } }));
    expect(noVerb.body.value).toMatch(/no action/);
    const other = await bot.post({ ...bot.activity('invoke', MALLORY, { name: 'adaptiveCard/action', value: { action: { verb: 'approve', data: {} } } }), channelData: { tenant: { id: 'another-tenant' } }, conversation: { id: 'x', tenantId: 'another-tenant' } });
    expect(other.status).toBe(403);

    const { planId, activityId } = await requestPlan(bot, 'allowlist 192.0.2.77');
    await bot.app.services.store.update('plans', planId, (p: any) => ({ ...p, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    const expired = await bot.click('approve', { planId });
    expect(cardText(expired.body.value)).toMatch(/expired/i);
    await waitForCard(bot, activityId, /Expired/);
    expect(clusterPuts(bot.app)).toBe(before);
  });
});

describe('four-eyes with self-approval off', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ PALISADE_SELF_APPROVAL: 'false' });
  });
  afterAll(async () => bot.closeAll());

  it("refuses the requester's own click and applies a second user's", async () => {
    const { planId, activityId } = await requestPlan(bot, 'allowlist 203.0.113.7');
    const puts = clusterPuts(bot.app);
    const own = await bot.click('approve', { planId }, ALICE);
    expect(cardText(own.body.value)).toMatch(/can't approve your own request/);
    expect(verbsOf(own.body.value)).not.toContain('approve');
    expect(cardText(cardOf(bot.connector.latest(activityId)))).toMatch(/Pending approval/);
    await bot.click('approve', { planId }, BOB);
    await waitForCard(bot, activityId, /Applied · approved by Bob/);
    expect(clusterPuts(bot.app) - puts).toBe(1);
  });

  it('a viewer who is not an approver is told so, for themselves only', async () => {
    await bot.close();
    bot = await startTestBot({ PALISADE_APPROVERS: ALICE.aadObjectId }, { dataDir: bot.dataDir, connector: bot.connector });
    const { planId, activityId } = await requestPlan(bot, 'allowlist 192.0.2.1', BOB);
    const updatesBefore = bot.connector.sent.filter((s) => s.id === activityId).length;
    const res = await bot.click('approve', { planId }, MALLORY);
    expect(cardText(res.body.value)).toMatch(/can't approve this: you are not an approver/);
    expect(bot.connector.sent.filter((s) => s.id === activityId).length).toBe(updatesBefore);
  });
});
