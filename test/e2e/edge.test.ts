import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, cardOf, cardText, startTestBot, type TestBot } from '../helpers/bot.js';

/** What a malformed activity's answer says, and that the bot still answers the next good one. */
describe('the edge: activities are schema-checked, malformed ones get 400 with the reason', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.closeAll();
  });

  const message = (over: Record<string, unknown>) => ({ ...bot.activity('message', ALICE, { text: 'help' }), ...over });
  const long = 'x'.repeat(513);

  it.each([
    ['a non-string aadObjectId', () => message({ from: { id: '29:alice', aadObjectId: 42 } }), /from\.aadObjectId: expected string/],
    ['an aadObjectId that is an object', () => message({ from: { id: '29:alice', aadObjectId: { toLowerCase: 1 } } }), /from\.aadObjectId: expected string/],
    ['a non-array membersAdded', () => ({ ...bot.activity('conversationUpdate', ALICE, {}), membersAdded: { id: '28:palisade' } }), /membersAdded: expected array/],
    ['a missing conversation', () => message({ conversation: undefined }), /conversation: expected object/],
    ['a conversation without an id', () => message({ conversation: { conversationType: 'personal' } }), /conversation\.id: expected string/],
    ['a conversation id over 512 characters', () => message({ conversation: { id: long, conversationType: 'personal' } }), /conversation\.id: Too big/],
    ['an activity id over 512 characters', () => message({ id: long }), /^.*id: Too big/],
    ['a from id over 512 characters', () => message({ from: { id: long } }), /from\.id: Too big/],
    ['a conversation id with control characters (it becomes an HTTP header)', () => message({ conversation: { id: 'conv\r\nx-injected: 1' } }), /conversation\.id: must be printable/],
    ['a conversation id in emoji', () => message({ conversation: { id: '😀'.repeat(10) } }), /conversation\.id: must be printable/],
    ['an aadObjectId too long for a store key', () => message({ from: { id: '29:alice', aadObjectId: 'a'.repeat(300) } }), /from\.aadObjectId: Too big/],
    ['a missing from', () => message({ from: undefined }), /from: expected object/],
    ['a serviceUrl that is not a URL', () => message({ serviceUrl: 'javascript:alert(1)' }), /serviceUrl: must be an http\(s\) URL/],
    ['a missing serviceUrl', () => message({ serviceUrl: undefined }), /serviceUrl: expected string/],
    ['text that is not a string', () => message({ text: ['help'] }), /text: expected string/],
    ['a tenant id that is not a string', () => message({ channelData: { tenant: { id: 7 } } }), /channelData\.tenant\.id: expected string/],
    ['replies asked in the HTTP answer', () => message({ deliveryMode: 'expectReplies' }), /deliveryMode/],
    ['an empty type', () => message({ type: '' }), /type: Too small/],
  ])('%s', async (_what, build, reason) => {
    const before = bot.connector.sent.length;
    const res = await bot.post(build());
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^Not a Bot Framework activity Palisade can handle: /);
    expect(res.body.error).toMatch(reason);
    expect(bot.connector.sent.length).toBe(before);
    expect((await bot.say('help')).replies).toHaveLength(1);
  });

  it('passes what Teams sends beyond the fields Palisade reads', async () => {
    const res = await bot.post(
      message({ entities: [{ type: 'clientInfo', locale: 'en-US' }], attachments: [], textFormat: 'plain', localTimezone: 'Europe/Berlin', from: { ...ALICE, userRole: 'user' } }),
    );
    expect(res.status).toBe(200);
  });
});

describe('a Bot Connector that never answers', () => {
  it('cannot hold a turn: each reply gives up at the connector deadline', async () => {
    const bot = await startTestBot({}, { timings: { connectorTimeoutMs: 500, messageAnswerMs: 30_000 } });
    try {
      bot.connector.hang('conv-dead');
      const res = await bot.say('help', ALICE, 'conv-dead');
      // The turn ended on its own (200, not the late 202): the reply and then the error reply were both cut off
      expect(res.status).toBe(200);
      expect(bot.connector.held).toBe(2);
      const ok = await bot.say('help');
      expect(cardText(cardOf(ok.replies[0].activity))).toMatch(/Palisade commands/);
    } finally {
      await bot.closeAll();
    }
  });

  it('cannot hold the POST of a message turn: it is answered (202) while the turn goes on', async () => {
    const bot = await startTestBot({}, { timings: { connectorTimeoutMs: 3_000, messageAnswerMs: 300 } });
    try {
      bot.connector.hang('conv-dead');
      const res = await bot.say('help', ALICE, 'conv-dead');
      expect(res.status).toBe(202);
      expect(bot.connector.held).toBe(1);
    } finally {
      await bot.closeAll();
    }
  });

  it('a turn answered late still ends before a graceful stop closes the store: its reply and error reply were both tried', async () => {
    const bot = await startTestBot({}, { timings: { connectorTimeoutMs: 1_000, messageAnswerMs: 100 } });
    let closed = false;
    try {
      bot.connector.hang('conv-late');
      const res = await bot.say('help', ALICE, 'conv-late');
      expect(res.status).toBe(202);
      expect(bot.connector.held).toBe(1);
      await bot.close();
      closed = true;
      expect(bot.connector.held).toBe(2);
    } finally {
      if (closed) await bot.connector.close();
      else await bot.closeAll();
    }
  });
});
