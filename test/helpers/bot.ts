import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { OperationContext } from '../../src/approvals/types.js';
import type { Person } from '../../src/chat/events.js';
import type { BotAuthEndpoints } from '../../src/bot/teamsAdapter.js';
import type { Timings } from '../../src/timings.js';
import { startOnSandbox } from './sandbox.js';
import { type FakeConnector, startFakeConnector } from './connector.js';

export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const ALICE = { id: '29:alice', aadObjectId: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice' };
export const BOB = { id: '29:bob', aadObjectId: 'b0b00000-0000-4000-8000-000000000002', name: 'Bob' };
export const MALLORY = { id: '29:mallory', aadObjectId: 'ma110000-0000-4000-8000-000000000003', name: 'Mallory' };

export type User = typeof ALICE;

export function tempDir(prefix = 'palisade-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A Palisade on the sandbox with a fake Bot Connector, for end-to-end tests over HTTP. */
export async function startTestBot(
  env: Record<string, string> = {},
  opts: { dataDir?: string; connector?: FakeConnector; now?: () => number; botAuth?: BotAuthEndpoints; timings?: Partial<Timings>; log?: Logger } = {},
) {
  const dataDir = opts.dataDir ?? tempDir();
  const connector = opts.connector ?? (await startFakeConnector());
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PALISADE_DATA_DIR: dataDir,
    PALISADE_PLAYGROUND: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // a loaded test machine must not turn ordinary turns into proactive ones (test/e2e/conversation.test.ts covers those)
    PALISADE_REPLY_DEADLINE_MS: '10000',
    ...env,
  });
  const app = await startOnSandbox({ config, log: opts.log ?? createLogger(config.logLevel), now: opts.now, botAuth: opts.botAuth, timings: opts.timings });
  let seq = 0;

  function activity(type: string, user: User, extra: Record<string, unknown>, conversationId = 'conv-personal-alice') {
    return {
      type,
      id: `act-${Date.now()}-${++seq}-${randomUUID().slice(0, 8)}`,
      timestamp: new Date().toISOString(),
      serviceUrl: connector.url,
      channelId: 'msteams',
      from: user,
      recipient: { id: '28:palisade', name: 'Palisade' },
      conversation: { id: conversationId, conversationType: conversationId.includes('channel') ? 'channel' : 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      locale: 'en-US',
      ...extra,
    };
  }

  /** POSTs an activity as the Bot Connector would; `authorization` is its bearer token (none in the sandbox). */
  async function post(body: unknown, raw = false, authorization?: string): Promise<{ status: number; body: any }> {
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: raw ? (body as string) : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed };
  }

  /** Sends a message and returns what the bot sent back in that turn. */
  async function say(text: string, user: User = ALICE, conversationId?: string, id?: string, authorization?: string) {
    const before = connector.sent.length;
    const act = activity('message', user, { text, ...(id ? { id } : {}) }, conversationId);
    const res = await post(act, false, authorization);
    return { status: res.status, body: res.body, replies: connector.sent.slice(before).filter((s) => s.method === 'POST'), activity: act };
  }

  /** Clicks an Action.Execute button. */
  async function click(verb: string, data: unknown, user: User = ALICE, conversationId?: string, authorization?: string) {
    return post(activity('invoke', user, { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } }, conversationId), false, authorization);
  }

  return {
    app,
    connector,
    dataDir,
    config,
    activity,
    post,
    say,
    click,
    async close() {
      await app.close();
    },
    async closeAll() {
      await app.close();
      await connector.close();
    },
  };
}

export type TestBot = Awaited<ReturnType<typeof startTestBot>>;

/** What the engine hands an operation, from a running bot's services: to call plan/apply/reconcile directly. */
export function operationContext(bot: TestBot, requester: Person): OperationContext {
  const s = bot.app.services;
  return { log: s.log, requester, azure: s.azure, kube: s.kube, clusters: s.clusters, egressIps: s.config.network.egressIps, timings: s.timings };
}

/** All text of a card, flattened, for assertions on what a person would read. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if ((k === 'text' || k === 'title' || k === 'value' || k === 'altText') && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

export function cardOf(activity: any): any {
  return activity?.attachments?.[0]?.content;
}

/** The plan id a plan card's buttons carry. */
export function planIdOf(activity: any): string | undefined {
  const m = /"planId":"([A-Za-z0-9_-]{22})"/.exec(JSON.stringify(cardOf(activity) ?? {}));
  return m?.[1];
}

/** Buttons (Action.Execute verbs) a card shows, top level and in action sets. */
export function verbsOf(card: any): string[] {
  const verbs: string[] = [];
  const walk = (n: any, inRefresh = false) => {
    if (Array.isArray(n)) n.forEach((x) => walk(x, inRefresh));
    else if (n && typeof n === 'object') {
      if (n.type === 'Action.Execute' && !inRefresh && typeof n.verb === 'string') verbs.push(n.verb);
      for (const [k, v] of Object.entries(n)) if (k !== 'fallback') walk(v, inRefresh || k === 'refresh');
    }
  };
  walk(card);
  return verbs;
}

/** Posts a command that yields a plan card; returns the plan id and the card's activity id. */
export async function requestPlan(bot: TestBot, text: string, user: User = ALICE, conversationId?: string) {
  const before = bot.connector.sent.length;
  const res = await bot.say(text, user, conversationId);
  const sent = await bot.connector.waitFor(() => bot.connector.sent.slice(before).find((s) => s.method === 'POST' && planIdOf(s.activity)));
  return { planId: planIdOf(sent.activity)!, activityId: sent.id, replies: res.replies };
}

/** Waits until the shared plan card (activity id) shows a state label matching `re`. */
export async function waitForCard(bot: TestBot, activityId: string, re: RegExp, timeoutMs = 20_000): Promise<string> {
  return bot.connector.waitFor(() => {
    const text = cardText(cardOf(bot.connector.latest(activityId)));
    return re.test(text) ? text : undefined;
  }, timeoutMs);
}

/** The command text behind each `choose` button of a card (choice cards, Fix buttons). */
export function choicesOf(card: any): string[] {
  const out: string[] = [];
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (n.type === 'Action.Execute' && n.verb === 'choose') out.push(n.data.choice);
      for (const [k, v] of Object.entries(n)) if (k !== 'fallback') walk(v);
    }
  };
  walk(card);
  return out;
}

/** What a person reads in a set of replies: card text, or the plain text of text messages. */
export function repliesText(replies: Array<{ activity: any }>): string {
  return replies.map((r) => cardText(cardOf(r.activity)) || r.activity.text || '').join('\n');
}
