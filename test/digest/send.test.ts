import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TeamsAdapter } from '../../src/bot/teamsAdapter.js';
import { FAST_TIMINGS } from '../../src/timings.js';
import type { ConversationRef } from '../../src/chat/events.js';
import { loadConfig } from '../../src/config.js';
import { ConversationClosed, Pacer, parseRetryAfter, retryDelayMs, SendFailed, sendWithRetry } from '../../src/digest/send.js';
import { createLogger } from '../../src/log.js';
import { type FakeConnector, startFakeConnector } from '../helpers/connector.js';
import { tempDir } from '../helpers/bot.js';

const log = createLogger('silent');

describe('retry timing decisions (pure)', () => {
  const opts = { baseDelayMs: 1000, maxDelayMs: 60_000 };

  it('backs off exponentially with equal jitter, capped', () => {
    expect(retryDelayMs(1, undefined, () => 0, opts)).toBe(500);
    expect(retryDelayMs(1, undefined, () => 0.999999, opts)).toBe(1000);
    expect(retryDelayMs(3, undefined, () => 0, opts)).toBe(2000);
    expect(retryDelayMs(3, undefined, () => 1, opts)).toBe(4000);
    expect(retryDelayMs(20, undefined, () => 1, opts)).toBe(60_000);
  });

  it('never retries before Retry-After, and adds a little jitter on top', () => {
    expect(retryDelayMs(1, 5000, () => 0, opts)).toBe(5000);
    expect(retryDelayMs(1, 5000, () => 1, opts)).toBe(5500);
    expect(retryDelayMs(1, 30_000, () => 1, opts)).toBe(31_000);
    expect(retryDelayMs(4, 100, () => 0, opts)).toBe(4000); // the backoff wins when it is longer
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-28T09:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Sat, 28 Nov 2026 09:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('paces one conversation and all of them, reserving slots in call order', async () => {
    let now = 0;
    const slept: Array<[string, number]> = [];
    const pacer = new Pacer(2000, 50, () => now, async (ms) => {
      slept.push([String(now), ms]);
    });
    await Promise.all([pacer.turn('a'), pacer.turn('a'), pacer.turn('b'), pacer.turn('a')]);
    expect(slept).toEqual([['0', 2000], ['0', 50], ['0', 4000]]);
    now = 10_000;
    pacer.hold('b', 13_000);
    slept.length = 0;
    await pacer.turn('b');
    expect(slept).toEqual([['10000', 3000]]);
  });
});

describe('sendWithRetry through the real Bot Connector client and a fake connector', () => {
  let connector: FakeConnector;
  let teams: TeamsAdapter;
  const ref = (id: string): ConversationRef => ({ serviceUrl: connector.url, channelId: 'msteams', conversation: { id, conversationType: 'channel' }, bot: { id: '28:palisade' } });
  const fast = () => ({ pacer: new Pacer(0, 0), log, baseDelayMs: 20, maxDelayMs: 100 });
  beforeAll(async () => {
    connector = await startFakeConnector();
    teams = new TeamsAdapter(loadConfig({ PALISADE_DATA_DIR: tempDir(), LOG_LEVEL: 'silent' }), log, FAST_TIMINGS);
  });
  afterAll(async () => connector.close());

  it('sends, returning the activity id', async () => {
    const out = await sendWithRetry(teams, ref('c-ok'), { text: 'hello' }, fast());
    expect(out).toMatchObject({ attempts: 1, retries: [] });
    expect(connector.latest(out.id).text).toBe('hello');
  });

  it('403 becomes ConversationClosed with the reason, without retrying', async () => {
    connector.failNext('c-403', { status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'gone' } } });
    const err = await sendWithRetry(teams, ref('c-403'), { text: 'x' }, fast()).catch((e) => e);
    expect(err).toBeInstanceOf(ConversationClosed);
    expect(err.code).toBe('BotNotInConversationRoster');
    expect(err.reason).toMatch(/no longer a member of this conversation/);
    expect(err.attempts).toBe(1);
    expect(connector.sent.filter((s) => s.conversationId === 'c-403')).toHaveLength(0);
  });

  it('412 and 502 are retried; 400 is not', async () => {
    connector.failNext('c-412', { status: 412 });
    const out = await sendWithRetry(teams, ref('c-412'), { text: 'x' }, fast());
    expect(out.attempts).toBe(2);
    expect(out.retries).toMatchObject([{ status: 412 }]);

    connector.failNext('c-400', { status: 400, body: { error: { code: 'BadArgument', message: 'no' } } });
    const bad = await sendWithRetry(teams, ref('c-400'), { text: 'x' }, fast()).catch((e) => e);
    expect(bad).toBeInstanceOf(SendFailed);
    expect(bad.reason).toBe('the send failed: HTTP 400 BadArgument');
    expect(bad.attempts).toBe(1);
  });

  it('gives up after maxAttempts with the last status', async () => {
    connector.failNext('c-busy', ...Array.from({ length: 3 }, () => ({ status: 412 })));
    const err = await sendWithRetry(teams, ref('c-busy'), { text: 'x' }, { ...fast(), maxAttempts: 3 }).catch((e) => e);
    expect(err).toBeInstanceOf(SendFailed);
    expect(err.reason).toBe('the send failed 3 times (last: HTTP 412 Throttled)');
    expect(err.retries).toHaveLength(2);
  });

  it('a Retry-After beyond the limit is not waited for', async () => {
    const throttled = { status: 429, headers: { 'Retry-After': '2' } };
    // The connector client itself tries four times (waiting out each Retry-After) before Palisade sees the 429
    connector.failNext('c-later', throttled, throttled, throttled, throttled);
    const err = await sendWithRetry(teams, ref('c-later'), { text: 'x' }, { ...fast(), maxRetryAfterMs: 1000 }).catch((e) => e);
    expect(err).toBeInstanceOf(SendFailed);
    expect(err.reason).toBe('Teams asked to wait 2 s (HTTP 429 Throttled); the next run will try again');
  });
});
