import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB, cardOf, cardText, requestPlan, startTestBot, type TestBot, waitForCard, repliesText } from '../helpers/bot.js';
import { clusterPuts, PROD, readRanges, WORKSHOP } from '../helpers/azure.js';

const text = repliesText;

describe("the workshop's control-plane sequence, from chat", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it('set 10.0.0.0 → lockout warning, explicit confirmation, second approver → Palisade reports it lost the Kubernetes API', async () => {
    const ask = await bot.say('set ip ranges 10.0.0.0');
    expect(text(ask.replies)).toMatch(/would lock Palisade out of aks-workshop/);
    expect(JSON.stringify(ask.replies[0].activity)).toContain('set ip ranges 10.0.0.0/32 on aks-workshop confirm');

    const { planId, activityId } = await requestPlan(bot, 'set ip ranges 10.0.0.0/32 on aks-workshop confirm');
    const card = cardText(cardOf(bot.connector.latest(activityId)));
    expect(card).toMatch(/10\.0\.0\.0\/32 is a private or reserved address/);
    expect(card).toMatch(/Palisade itself \(203\.0\.113\.7\) can no longer connect to the Kubernetes API of aks-workshop: until a range includes it, status, exposure and network-policy commands go through AKS Run Command/);
    expect(card).toMatch(/Four-eyes/);

    const own = await bot.click('approve', { planId }, ALICE);
    expect(cardText(own.body.value)).toMatch(/can't approve your own request/);
    await bot.click('approve', { planId }, BOB);
    const applied = await waitForCard(bot, activityId, /Applied/);
    expect(applied).toMatch(/Kubernetes API from Palisade\s*\ndirectly: unreachable \(203\.0\.113\.7 is not in the authorized ranges\); through AKS Run Command: reachable/);
    expect(await readRanges(bot.app)).toEqual(['10.0.0.0/32']);

    // locked out of the API server, Palisade still reads the cluster: through AKS Run Command, and the card says so
    const status = await bot.say('status');
    expect(text(status.replies)).toMatch(/Kubernetes read via AKS Run Command/);
    expect(text(status.replies)).not.toMatch(/Could not read this area/);
  });

  it('allowlist my ip: a one-time link captures the IP, posts the plan, and the replaced range makes the cluster reachable again', async () => {
    const res = await bot.say('allowlist my ip');
    const link = /\((http:\/\/localhost:\d+\/ip\/[A-Za-z0-9_-]{43})\)/.exec(text(res.replies))![1].replace('localhost', '127.0.0.1');
    const before = bot.connector.sent.length;
    const page = await fetch(link, { method: 'POST' });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/Your public IP is 203\.0\.113\.7/);
    const posted = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => /Allowlist 203\.0\.113\.7\/32/.test(cardText(cardOf(s.activity)))));
    const card = cardText(cardOf(posted.activity));
    expect(card).toMatch(/Replaces 10\.0\.0\.0\/32, which let nobody in/);
    // from nobody to one address is still growth: someone else approves it
    expect(card).toMatch(/lets 1 more public address reach the API server of aks-workshop/);
    const planId = /"planId":"([A-Za-z0-9_-]{22})"/.exec(JSON.stringify(cardOf(posted.activity)))![1];
    await bot.click('approve', { planId }, BOB);
    const applied = await waitForCard(bot, posted.id, /Applied/);
    expect(applied).toMatch(/Kubernetes API from Palisade\s*\nreachable/);
    expect(await readRanges(bot.app)).toEqual(['203.0.113.7/32']);

    const again = await fetch(link, { method: 'POST' });
    expect(again.status).toBe(410);
    expect(await again.text()).toMatch(/already used/);
  });

  it('capture links: unknown, expired and the rules of the token', async () => {
    const unknown = await fetch(`${bot.app.url}/ip/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    const res = await bot.say('allowlist my ip');
    const token = /\/ip\/([A-Za-z0-9_-]{43})/.exec(text(res.replies))![1];
    await bot.app.services.store.update('captures', token, (c: any) => ({ ...c, expiresAt: new Date(Date.now() - 1).toISOString() }));
    const expired = await fetch(`${bot.app.url}/ip/${token}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toMatch(/expired/);
    const doc = (await bot.app.services.store.get<any>('captures', token))!.value;
    expect(doc.requester.aadObjectId).toBe(ALICE.aadObjectId);
    expect(doc.conversation.conversation.id).toBe('conv-personal-alice');
  });

  it('in a channel, the link is sent only in the 1:1 chat', async () => {
    const res = await bot.say('allowlist my ip', ALICE, 'conv-channel-ops');
    const inChannel = res.replies.filter((r: any) => r.conversationId === 'conv-channel-ops');
    const inPersonal = res.replies.filter((r: any) => r.conversationId === 'conv-personal-alice');
    expect(text(inChannel)).toMatch(/sent you the link in our 1:1 chat/);
    expect(text(inChannel)).not.toMatch(/\/ip\//);
    expect(text(inPersonal)).toMatch(/\/ip\/[A-Za-z0-9_-]{43}/);
  });

  it('ip ranges shows the ranges, outbound IPs and whether Palisade is allowed', async () => {
    const res = await bot.say('who can reach the api server');
    const t = text(res.replies);
    expect(t).toMatch(/203\.0\.113\.7\/32/);
    expect(t).toMatch(/20\.81\.112\.34/);
    expect(t).toMatch(/Palisade \(203\.0\.113\.7\)\s*\nallowed/);
  });

  it('disable ip ranges needs a second approver and opens the API server again', async () => {
    const { planId, activityId } = await requestPlan(bot, 'disable ip ranges');
    expect(cardText(cardOf(bot.connector.latest(activityId)))).toMatch(/Widens exposure/);
    const own = await bot.click('approve', { planId }, ALICE);
    expect(cardText(own.body.value)).toMatch(/can't approve your own request/);
    await bot.click('approve', { planId }, BOB);
    await waitForCard(bot, activityId, /Applied/);
    expect(await readRanges(bot.app)).toEqual([]);
  });

  it('private cluster explains the real options', async () => {
    const res = await bot.say('is aks-workshop private');
    expect(text(res.replies)).toMatch(/API Server VNet Integration/);
    expect(text(res.replies)).toMatch(/cannot simply be switched/);
  });
});

describe('the lockout guard: clear messages and no PUT', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.closeAll());

  it.each([
    ['allowlist 10.0.0.1/33', /invalid prefix length \/33/],
    ['allowlist 137.117.106.90/29', /Did you mean 137\.117\.106\.88\/29/],
    ['allowlist fe80::1', /IPv6 address; AKS authorized IP ranges accept IPv4 only/],
    ['allowlist banana', /not an IPv4 address or CIDR range/],
    ['allowlist 0.0.0.0/32, 203.0.113.7 confirm', /0\.0\.0\.0\/32 .* must be the only range/],
  ])('%s', async (command, message) => {
    const puts = clusterPuts(bot.app);
    const plans = (await bot.app.services.store.list('plans')).length;
    const res = await bot.say(command);
    expect(text(res.replies)).toMatch(message);
    expect(clusterPuts(bot.app)).toBe(puts);
    expect((await bot.app.services.store.list('plans')).length).toBe(plans);
  });

  it('a 201st range', async () => {
    const prod = bot.app.sandbox!.world.findCluster('aks-prod')!;
    prod.resource.properties.apiServerAccessProfile.authorizedIPRanges = ['203.0.113.0/24', ...Array.from({ length: 199 }, (_, i) => `100.${i}.0.0/16`)];
    bot.app.services.clusters.invalidate();
    const puts = clusterPuts(bot.app, 'aks-prod');
    const res = await bot.say('allowlist 198.51.100.9 on aks-prod');
    expect(text(res.replies)).toMatch(/That makes 201 ranges; AKS allows at most 200/);
    expect(clusterPuts(bot.app, 'aks-prod')).toBe(puts);
    expect((await readRanges(bot.app, PROD)).length).toBe(200);
  });

  it('any range on a private cluster', async () => {
    const prod = bot.app.sandbox!.world.findCluster('aks-prod')!;
    prod.resource.properties.apiServerAccessProfile = { enablePrivateCluster: true };
    bot.app.services.clusters.invalidate();
    const res = await bot.say('allowlist 198.51.100.9 on aks-prod');
    expect(text(res.replies)).toMatch(/aks-prod is a private cluster/);
    const mine = await bot.say('allowlist my ip on aks-prod');
    expect(text(mine.replies)).toMatch(/private cluster/);
  });
});

describe('timed entries', () => {
  it('a for 1m entry is removed after a restart within its lifetime, and the removal is announced', async () => {
    const first = await startTestBot();
    const { planId, activityId } = await requestPlan(first, 'allowlist 192.0.2.0/24 for 1m on aks-prod');
    await first.click('approve', { planId }, BOB);
    await waitForCard(first, activityId, /Applied/);
    expect(await readRanges(first.app, PROD)).toEqual(['198.51.100.0/24', '203.0.113.0/24', '192.0.2.0/24']);
    const listing = await first.say('ip ranges on aks-prod');
    expect(text(listing.replies)).toMatch(/Timed: 192\.0\.2\.0\/24[\s\S]*removed in 1m/);
    await first.close();

    // Restarted 61 s later by its clock: the timer is due and runs once
    const second = await startTestBot({}, { dataDir: first.dataDir, connector: first.connector, now: () => Date.now() + 61_000 });
    const announcement = await second.connector.waitFor(() => second.connector.sent.find((s) => /Timed allowlist entry 192\.0\.2\.0\/24 on aks-prod expired: done/.test(s.activity.text ?? '')));
    expect(announcement.conversationId).toBe('conv-personal-alice');
    expect(await readRanges(second.app, PROD)).toEqual(['198.51.100.0/24', '203.0.113.0/24']);
    const audit = await second.app.services.store.readAudit({ cluster: 'aks-prod' });
    expect(audit.some((a) => a.kind === 'timer' && a.outcome === 'applied')).toBe(true);
    await second.closeAll();
  });

  it('an expiring entry that is the last range asks for approval instead of closing the API server', async () => {
    const first = await startTestBot();
    const { planId, activityId } = await requestPlan(first, 'allowlist 203.0.113.0/24 for 1m');
    await first.click('approve', { planId });
    await waitForCard(first, activityId, /Applied/);
    await first.close();

    const second = await startTestBot({}, { dataDir: first.dataDir, connector: first.connector, now: () => Date.now() + 61_000 });
    const note = await second.connector.waitFor(() => second.connector.sent.find((s) => /expired: needs approval because it would leave no authorized range on aks-workshop/.test(s.activity.text ?? '')));
    expect(note.conversationId).toBe('conv-personal-alice');
    const asked = await second.connector.waitFor(() => second.connector.sent.find((s) => /Remove expired entry 203\.0\.113\.0\/24 on aks-workshop/.test(cardText(cardOf(s.activity)))));
    const card = cardText(cardOf(asked.activity));
    expect(card).toMatch(/was the last authorized range of aks-workshop/);
    expect(card).toMatch(/Pending approval/);
    // still open to the one range until someone decides
    expect(await readRanges(second.app, WORKSHOP)).toEqual(['203.0.113.0/24']);
    const askedPlan = /"planId":"([A-Za-z0-9_-]{22})"/.exec(JSON.stringify(cardOf(asked.activity)))![1];
    await second.click('approve', { planId: askedPlan }, BOB);
    await waitForCard(second, asked.id, /Applied/);
    expect(await readRanges(second.app, WORKSHOP)).toEqual(['0.0.0.0/32']);
    await second.closeAll();
  });
});
