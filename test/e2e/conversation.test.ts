import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { ALICE, cardOf, cardText, startTestBot, type TestBot } from '../helpers/bot.js';

/** Issue 11's conversation polish, over the Bot Framework protocol: welcome once, typing, long turns, the reading echoed. */
describe('conversation polish', () => {
  let bot: TestBot;
  let hurried: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    // a short deadline: any turn that reads the clusters through the slowed emulators becomes a proactive one
    hurried = await startTestBot({ PALISADE_REPLY_DEADLINE_MS: '150' });
  });
  afterAll(async () => {
    await bot.closeAll();
    await hurried.closeAll();
  });

  it('one welcome per install: installationUpdate(add) and conversationUpdate give one card, uninstall none', async () => {
    const conversation = `welcome-${Date.now()}`;
    const before = bot.connector.sent.length;
    const botId = 'bot-id';
    await bot.post(bot.activity('installationUpdate', ALICE, { action: 'add', recipient: { id: botId } }, conversation));
    await bot.post(bot.activity('conversationUpdate', ALICE, { membersAdded: [{ id: botId }], recipient: { id: botId } }, conversation));
    await bot.post(bot.activity('installationUpdate', ALICE, { action: 'remove', recipient: { id: botId } }, conversation));
    const mine = bot.connector.sent.slice(before).filter((s) => s.conversationId === conversation);
    expect(mine).toHaveLength(1);
    expect(cardText(cardOf(mine[0].activity))).toMatch(/Hi, I am Palisade/);
  });

  it('a turn that reads the clusters shows typing, and a slow one answers after the request returned', async () => {
    hurried.app.sandbox!.arm.faults.latencyMs = 400;
    try {
      const conversation = `slow-${Date.now()}`;
      const typingBefore = hurried.connector.typing.length;
      const res = await hurried.say('how secure is aks-prod?', ALICE, conversation);
      expect(res.status).toBe(200);
      expect(hurried.connector.typing.slice(typingBefore).some((t) => t.conversationId === conversation)).toBe(true);
      // the answer was not in the HTTP turn: it arrives proactively
      expect(res.replies.filter((r) => r.conversationId === conversation)).toHaveLength(0);
      const late = await hurried.connector.waitFor(() => hurried.connector.sent.find((s) => s.conversationId === conversation && /aks-prod/.test(cardText(cardOf(s.activity)))));
      expect(cardText(cardOf(late.activity))).toMatch(/Read as: `status on aks-prod`/);
    } finally {
      hurried.app.sandbox!.arm.faults.latencyMs = 0;
    }
  });

  it('a graceful stop waits for a turn that was answered late: its answer is sent before the stop returns', async () => {
    const stopping = await startTestBot({ PALISADE_REPLY_DEADLINE_MS: '150' });
    try {
      stopping.app.sandbox!.arm.faults.latencyMs = 400;
      const conversation = `stop-${Date.now()}`;
      const res = await stopping.say('status on aks-prod', ALICE, conversation);
      expect(res.replies.filter((r) => r.conversationId === conversation)).toHaveLength(0);
      await stopping.close();
      // no waiting after close: the late answer must already have been sent
      const late = stopping.connector.sent.filter((s) => s.conversationId === conversation && /aks-prod/.test(cardText(cardOf(s.activity))));
      expect(late).toHaveLength(1);
    } finally {
      await stopping.connector.close();
    }
  });

  it('a reply still on its way at the reply deadline is delivered on its turn, with no error', async () => {
    const lines: Array<{ level: number; msg: string }> = [];
    let deadlinePassed!: () => void;
    const passed = new Promise<void>((resolve) => (deadlinePassed = resolve));
    const sink = new Writable({
      write(chunk, _encoding, done) {
        const line = JSON.parse(String(chunk)) as { level: number; msg: string };
        lines.push(line);
        if (/long turn/.test(line.msg)) deadlinePassed();
        done();
      },
    });
    const held = await startTestBot({ PALISADE_REPLY_DEADLINE_MS: '150' }, { log: createLogger('info', sink) });
    try {
      const conversation = `inflight-${Date.now()}`;
      // the greeting's send is held at the connector until the turn has passed its deadline
      held.connector.holdSends(async (request) => {
        if (request.conversationId === conversation) await passed;
      });
      const res = await held.say('hello', ALICE, conversation);
      expect(res.status).toBe(200);
      const greetings = held.connector.sent.filter((s) => s.conversationId === conversation);
      expect(greetings).toHaveLength(1);
      expect(cardText(cardOf(greetings[0].activity))).toMatch(/I am Palisade/);
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    } finally {
      await held.closeAll();
    }
  });

  it('free text is echoed as the canonical command, and a change keeps the words and the command in its audit entry', async () => {
    const words = 'could you please make the ratings-web svc internal on aks-workshop';
    const before = bot.connector.sent.length;
    await bot.say(words);
    const card = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => /Read as: `make ratings-web internal on aks-workshop`/.test(cardText(cardOf(s.activity)))));
    expect(cardText(cardOf(card.activity))).toMatch(/Make ratings-web internal/i);
    const audit = await bot.app.services.store.readAudit({ limit: 5 });
    const request = audit.find((e) => e.kind === 'request' && e.command === 'make ratings-web internal on aks-workshop');
    expect(request?.words).toBe(words);
  });

  it('a greeting gets one friendly line and three starter buttons', async () => {
    const { replies } = await bot.say('hey there!');
    expect(replies).toHaveLength(1);
    const card = cardOf(replies[0].activity);
    expect(cardText(card)).toMatch(/I am Palisade/);
    expect((card.actions as Array<{ verb?: string }>).filter((a) => a.verb === 'choose')).toHaveLength(3);
  });

  it('a Service that is only on another cluster is offered there, never run on the default', async () => {
    const plans = (await bot.app.services.store.list('plans')).length;
    const { replies } = await bot.say('make payments-api internal');
    const text = cardText(cardOf(replies[0].activity));
    expect(text).toMatch(/payments-api is not on aks-workshop/);
    expect(JSON.stringify(cardOf(replies[0].activity))).toContain('make payments-api internal on aks-prod');
    expect((await bot.app.services.store.list('plans')).length).toBe(plans);
  });

  it('a negated request changes nothing', async () => {
    const plans = (await bot.app.services.store.list('plans')).length;
    const { replies } = await bot.say("please don't make ratings-web public");
    expect(cardText(cardOf(replies[0].activity))).toMatch(/won't|changed nothing|Nothing was changed/);
    expect((await bot.app.services.store.list('plans')).length).toBe(plans);
  });
});

/** Production holds "typing…" back until a turn has taken a moment: an answer from memory comes without it. */
describe('typing held back', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({}, { timings: { typingAfterMs: 60_000 } });
  });
  afterAll(async () => bot.closeAll());

  const typingIn = (conversation: string) => bot.connector.typing.filter((t) => t.conversationId === conversation).length;

  it('a turn that answers before the hold shows no typing; a slow one shows it once, then its answer', async () => {
    const quick = `quick-${Date.now()}`;
    expect(cardText(cardOf((await bot.say('status on aks-prod', ALICE, quick)).replies[0].activity))).toMatch(/aks-prod/);
    expect(typingIn(quick)).toBe(0);

    bot.app.services.timings.typingAfterMs = 50;
    bot.app.sandbox!.arm.faults.latencyMs = 400;
    try {
      const slow = `slow-${Date.now()}`;
      await bot.say('status on aks-prod', ALICE, slow);
      // in the HTTP turn or, past the reply deadline, proactively
      await bot.connector.waitFor(() => bot.connector.sent.find((s) => s.conversationId === slow && /aks-prod/.test(cardText(cardOf(s.activity)))));
      expect(typingIn(slow)).toBe(1);
    } finally {
      bot.app.sandbox!.arm.faults.latencyMs = 0;
    }
  });
});
