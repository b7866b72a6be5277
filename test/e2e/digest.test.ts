import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, cardOf, cardText, startTestBot, type TestBot, choicesOf } from '../helpers/bot.js';
import { type FakeConnector, startFakeConnector } from '../helpers/connector.js';
import { digestSchedulerFor } from '../../src/digest/scheduler.js';
import type { ScheduleDoc } from '../../src/digest/schedules.js';
import { getService, patchService } from '../../src/kube/services.js';
import { cardSizeBytes, MAX_MESSAGE_BYTES } from '../../src/cards/render.js';
import { schemaErrors } from '../cards/schema.js';

/** A thread in a channel: digests go to the channel itself, as new posts. */
const THREAD = 'conv-channel-digest;messageid=1';
const CHANNEL = 'conv-channel-digest';
const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';

/** Digest cards (SECURITY DIGEST header) posted to a conversation. */
function digestsIn(connector: FakeConnector, conversationId: string) {
  return connector.sent.filter((s) => s.method === 'POST' && s.conversationId === conversationId && /SECURITY DIGEST/.test(JSON.stringify(cardOf(s.activity) ?? {})));
}



async function schedulesFor(bot: TestBot, conversationId: string): Promise<ScheduleDoc[]> {
  return (await bot.app.services.store.list<ScheduleDoc>('schedules')).map((d) => d.value).filter((d) => d.conversationId === conversationId);
}

describe('scheduled digests in a channel, with a controlled clock', () => {
  let bot: TestBot;
  // Friday 2026-11-27 10:00 UTC (11:00 in Berlin)
  let clock = Date.parse('2026-11-27T10:00:00Z');
  beforeAll(async () => {
    bot = await startTestBot({}, { now: () => clock });
  });
  afterAll(async () => bot.closeAll());

  async function tickTo(iso: string) {
    clock = Date.parse(iso);
    return digestSchedulerFor(bot.app.services)!.runDue();
  }

  it('confirms with the next run time, posts at the tick exactly once, and lists a fixed finding the next day', async () => {
    const { replies } = await bot.say('<at>Palisade</at> digest daily at 09:00 Europe/Berlin', ALICE, THREAD);
    expect(replies).toHaveLength(1);
    const confirmation = cardText(cardOf(replies[0].activity));
    expect(confirmation).toContain('Digest scheduled');
    expect(confirmation).toContain('Sat 2026-11-28 09:00 CET (08:00 UTC)');
    expect(confirmation).toContain('all clusters');

    await tickTo('2026-11-28T07:59:00Z');
    expect(digestsIn(bot.connector, CHANNEL)).toHaveLength(0);

    await tickTo('2026-11-28T08:00:07Z');
    await tickTo('2026-11-28T08:30:00Z');
    const first = digestsIn(bot.connector, CHANNEL);
    expect(first).toHaveLength(1);
    const card = cardOf(first[0].activity);
    expect(schemaErrors(card)).toEqual([]);
    expect(cardSizeBytes(card)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const text = cardText(card);
    expect(text).toContain('Daily at 09:00 Europe/Berlin · Sat 2026-11-28 09:00 CET (08:00 UTC)');
    expect(text).toContain('aks-workshop');
    expect(text).toContain('aks-prod');
    expect(text).toMatch(/ratings-web \(ratingsapp\) is public to the whole internet/);
    expect(text).toContain('id wl.public-open.ratingsapp.ratings-web');
    expect(text).toContain('id cp.api-open · CIS AKS 5.4.1');
    expect(text).toContain('First digest of this cluster here');
    expect(choicesOf(card)).toContain('make ratings-web internal in ratingsapp on aks-workshop');
    expect(choicesOf(card)).toContain('allowlist my ip on aks-workshop');

    // The fix happens outside the digest: the Service gets the internal-LB annotation and AKS moves it
    const s = bot.app.services;
    const workshop = (await s.clusters.list()).find((c) => c.name === 'aks-workshop')!;
    const api = await s.kube.for(workshop);
    const svc = await getService(api, 'ratingsapp', 'ratings-web');
    await patchService(api, 'ratingsapp', 'ratings-web', { annotations: { [INTERNAL]: 'true' } }, svc.resourceVersion);
    await bot.app.sandbox!.controller.idle();

    await tickTo('2026-11-29T08:00:03Z');
    const both = digestsIn(bot.connector, CHANNEL);
    expect(both).toHaveLength(2);
    const next = cardText(cardOf(both[1].activity));
    expect(next).toMatch(/FIXED\n.*ratings-web \(ratingsapp\) is public to the whole internet/);
    expect(next).toContain('was high · id wl.public-open.ratingsapp.ratings-web');
    expect(next).toMatch(/▲ \+12 since Sat 28 Nov 09:00 CET · 0 new, 1 fixed/);
    expect(next).toMatch(/No score change since Sat 28 Nov 09:00 CET · 0 new, 0 fixed/); // aks-prod
    expect(choicesOf(cardOf(both[1].activity))).not.toContain('make ratings-web internal in ratingsapp on aks-workshop');

    const listing = cardText(cardOf((await bot.say('digests', ALICE, THREAD)).replies[0].activity));
    expect(listing).toContain('daily at 09:00 Europe/Berlin · all clusters');
    expect(listing).toContain('next Mon 2026-11-30 09:00 CET (08:00 UTC)');
    expect(listing).toContain('last sent for Sun 2026-11-29 09:00 CET (08:00 UTC)');
  });

  it('a Fix button runs its command: the usual plan card', async () => {
    const before = bot.connector.sent.length;
    const [digest] = digestsIn(bot.connector, CHANNEL);
    const fix = choicesOf(cardOf(digest.activity)).find((c) => c.startsWith('enable defender'))!;
    expect(fix).toBe('enable defender for containers on aks-workshop');
    // Clicking on the digest post: Teams names the post's thread as the conversation
    const res = await bot.click('choose', { choice: fix }, ALICE, `${CHANNEL};messageid=${digest.id}`);
    expect(res.status).toBe(200);
    const plan = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => /"planId"/.test(JSON.stringify(s.activity))));
    expect(plan.conversationId).toBe(`${CHANNEL};messageid=${digest.id}`);
    expect(cardText(cardOf(plan.activity))).toMatch(/Defender for Containers/i);
  });

  it('digest now replies in the thread; digest off removes the schedule', async () => {
    const posted = digestsIn(bot.connector, CHANNEL).length;
    const { replies } = await bot.say('digest now for aks-prod', ALICE, THREAD);
    expect(replies).toHaveLength(1);
    const text = cardText(cardOf(replies[0].activity));
    expect(text).toContain('SECURITY DIGEST');
    expect(text).toContain('aks-prod');
    expect(text).not.toContain('aks-workshop');

    const off = cardText(cardOf((await bot.say('digest off', ALICE, THREAD)).replies[0].activity));
    expect(off).toContain('Digests stopped');
    expect(await schedulesFor(bot, CHANNEL)).toEqual([]);
    await tickTo('2026-11-30T08:00:03Z');
    expect(digestsIn(bot.connector, CHANNEL)).toHaveLength(posted);
  });

  it('bad input gets a clear answer', async () => {
    const answer = async (text: string) => cardText(cardOf((await bot.say(text, ALICE, THREAD)).replies[0].activity));
    expect(await answer('digest daily at 25:00')).toMatch(/"25:00" is not a time of day: use HH:MM from 00:00 to 23:59/);
    expect(await answer('digest daily at 09:00 Mars/Olympus_Mons')).toMatch(/"Mars\/Olympus_Mons" is not a time zone I know/);
    expect(await answer('digest cron "61 9 * * *"')).toMatch(/"61 9 \* \* \*" is not a valid cron expression: .*minute.*61/i);
    expect(await answer('digest cron "0 9 * *"')).toMatch(/is not a valid cron expression/);
    expect(await answer('digest cron "*/5 * * * *"')).toMatch(/fires more than once an hour/);
    expect(await answer('digest daily at 09:00 for aks-nope')).toMatch(/I can't see a cluster named aks-nope\.[\s\S]*aks-workshop, aks-prod|aks-prod, aks-workshop/);
    expect(await schedulesFor(bot, CHANNEL)).toEqual([]);
  });
});

describe('digests across a restart, 403 and 429', () => {
  let connector: FakeConnector;
  let clock = Date.parse('2026-11-27T10:00:00Z');
  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterAll(async () => connector.close());

  it('missed ticks while Palisade was down post once at start, not once per missed tick', async () => {
    const conv = 'conv-channel-restart';
    const first = await startTestBot({}, { connector, now: () => clock });
    await first.say('digest weekdays at 08:30 for aks-prod', ALICE, conv);
    await first.close();

    clock = Date.parse('2026-12-02T12:00:00Z'); // Wednesday: the 08:30 ticks of Mon, Tue and Wed were missed
    const second = await startTestBot({}, { connector, dataDir: first.dataDir, now: () => clock });
    try {
      await digestSchedulerFor(second.app.services)!.runDue();
      await digestSchedulerFor(second.app.services)!.runDue();
      expect(digestsIn(connector, conv)).toHaveLength(1);
      const [doc] = await schedulesFor(second, conv);
      expect(doc.lastRun).toMatchObject({ tick: '2026-12-02T08:30:00.000Z', outcome: 'sent', attempts: 1 });
    } finally {
      await second.close();
    }
  });

  it('a 403 stops that schedule and says why; a 429 with Retry-After is waited out; both from one scan', async () => {
    const blocked = 'conv-channel-blocked';
    const busy = 'conv-channel-busy';
    const bot = await startTestBot({}, { connector, now: () => clock });
    try {
      await bot.say('digest daily at 09:00 UTC', ALICE, blocked);
      await bot.say('digest daily at 09:00 UTC', ALICE, busy);
      connector.failNext(blocked, { status: 403, body: { error: { code: 'MessageWritesBlocked', message: 'The bot is blocked.' } } });
      // The connector client retries a 429 three times itself; the fourth reaches Palisade's own retry loop
      const throttled = { status: 429, headers: { 'Retry-After': '1' } };
      connector.failNext(busy, throttled, throttled, throttled, throttled);

      const reads: string[] = [];
      bot.app.sandbox!.kube.setInterceptor((req) => {
        // aks-private refuses Palisade's direct attempt; its one read comes from inside, through AKS Run Command
        const refused = req.cluster === 'aks-private' && req.role === 'palisade';
        if (req.method === 'GET' && /\/api\/v1\/services$/.test(req.path) && !refused) reads.push(req.cluster);
        return undefined;
      });
      clock = Date.parse('2026-12-03T09:00:02Z');
      await digestSchedulerFor(bot.app.services)!.runDue();
      bot.app.sandbox!.kube.setInterceptor(undefined);
      expect(reads.sort()).toEqual(['aks-cilium', 'aks-private', 'aks-prod', 'aks-workshop']); // one scan served both digests (one attempt per cluster)

      expect(digestsIn(connector, blocked)).toHaveLength(0);
      const [stopped] = await schedulesFor(bot, blocked);
      expect(stopped.state).toBe('stopped');
      expect(stopped.stopped?.reason).toMatch(/Teams blocks messages from Palisade here/);
      const listing = cardText(cardOf((await bot.say('digests', ALICE, blocked)).replies[0].activity));
      expect(listing).toMatch(/STOPPED 2026-12-03 09:00 UTC: Teams blocks messages from Palisade here \(the app was removed or blocked\)/);

      expect(digestsIn(connector, busy)).toHaveLength(1);
      const [sent] = await schedulesFor(bot, busy);
      expect(sent.lastRun?.outcome).toBe('sent');
      expect(sent.lastRun?.attempts).toBe(2);
      expect(sent.lastRun?.retries[0]).toMatchObject({ status: 429, retryAfterMs: 1000 });
      expect(sent.lastRun!.retries[0].waitMs).toBeGreaterThanOrEqual(1000);

      clock = Date.parse('2026-12-04T09:00:02Z');
      await digestSchedulerFor(bot.app.services)!.runDue();
      expect(digestsIn(connector, blocked)).toHaveLength(0);
      expect(digestsIn(connector, busy)).toHaveLength(2);
    } finally {
      await bot.close();
    }
  });

  it('a 412 is retried by Palisade (the connector client does not retry it)', async () => {
    const conv = 'conv-channel-412';
    const bot = await startTestBot({}, { connector, now: () => clock });
    try {
      await bot.say('digest daily at 10:00 UTC for aks-prod', ALICE, conv);
      connector.failNext(conv, { status: 412 });
      clock = Date.parse('2026-12-04T10:00:02Z');
      await digestSchedulerFor(bot.app.services)!.runDue();
      expect(digestsIn(connector, conv)).toHaveLength(1);
      const [doc] = await schedulesFor(bot, conv);
      expect(doc.lastRun).toMatchObject({ outcome: 'sent', attempts: 2, retries: [{ status: 412 }] });
    } finally {
      await bot.close();
    }
  });
});
