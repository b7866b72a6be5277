import { randomBytes } from 'node:crypto';
import { format, parse } from '../commands/grammar.js';
import { echoingTurn, typedAsIs } from '../understanding/readAs.js';
import { SnapshotCache } from '../understanding/snapshotCache.js';
import { read } from '../understanding/understand.js';
import { inventoryFrom } from './inventory.js';
import { NeedChoice } from '../clusters/resolve.js';
import type { AdaptiveCard, IncomingEvent, InvokeResponse, OutgoingMessage } from '../chat/events.js';
import type { Turn } from '../chat/turn.js';
import { errorRef, isUserError } from '../errors.js';
import type { HandlerContext, Services } from '../handlers/types.js';
import { isPreconditionFailed } from '../store/types.js';
import { instruments } from '../telemetry/index.js';
import { type ActionContext, CARD_ACTIONS } from './actions.js';
import { dispatch } from './registry.js';
import type { TurnHandler } from './teamsAdapter.js';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';

/** The core's turn handler: plain events in, replies out. Knows nothing of botbuilder. */
export function createTurnHandler(s: Services): TurnHandler {
  // Activities this process is running now: a duplicate delivery meanwhile is dropped, not run alongside
  const running = new Set<string>();
  const owner = randomBytes(6).toString('hex');
  return async (event, io) => {
    if (!s.policy.tenantAllowed(event.tenantId)) {
      s.log.warn({ tenantId: event.tenantId, from: event.from.aadObjectId, kind: event.kind }, 'ignored an activity from a tenant that is not allowed');
      return event.kind === 'invoke' ? { status: 403, body: { error: 'tenant not allowed' } } : undefined;
    }
    await remember(s, event);
    const turn: Turn = { event, person: event.from, conversation: event.conversation, conversationType: event.conversationType, reply: io.reply };
    switch (event.kind) {
      case 'message':
        return durableTurn(s, { running, owner }, event, async () => {
          if (isSubmitAction(event.value)) await submitFallback(s, turn, event.value);
          else await runCommandText(s, turn, event.text);
        });
      case 'invoke':
        return onInvoke(s, turn, event);
      case 'installed':
        // Teams announces an install twice (installationUpdate and conversationUpdate): welcome once per install
        if (await firstWelcome(s, event)) await io.reply({ card: s.cards.welcome() });
        return;
      case 'uninstalled':
        await s.store.delete('prefs', `welcomed:${event.conversation.conversation.id}`).catch(() => undefined);
        return;
      default:
        return;
    }
  };
}

/**
 * What handlers and buttons get for one turn: `propose` plans as this person, into this conversation, keyed by the
 * activity so that a redelivered activity finds the plan it already made.
 */
function handlerContext(s: Services, turn: Turn, origin?: { words: string; command: string }): HandlerContext {
  const turnKey = turn.event.activityId ? activityKey(turn.event) : undefined;
  return { turn, s, propose: (operation, args) => s.engine.propose(operation, args, { requester: turn.person, conversation: turn.conversation, turnKey, origin }) };
}

function actionContext(s: Services, turn: Turn, via: ActionContext['via']): ActionContext {
  return { ...handlerContext(s, turn), via, runCommand: (text) => runCommandText(s, turn, text) };
}

// --- understanding (issue 11): free text → the exact grammar, else the understanding step; the reading is echoed and audited
const snapshots = new WeakMap<Services, SnapshotCache>();
/** Commands answered from Palisade's own state: no typing indicator. */
const LOCAL_KINDS = new Set<string>(['help', 'greet', 'thanks', 'approvals', 'audit', 'digests', 'digestOff', 'digestSchedule', 'useCluster']);

function snapshotsFor(s: Services): SnapshotCache {
  let cache = snapshots.get(s);
  if (!cache) snapshots.set(s, (cache = new SnapshotCache(inventoryFrom(s), 30_000)));
  return cache;
}

/** Reads one message (grammar first, then the understanding step) and runs it; every failure becomes a clear reply. */
export async function runCommandText(s: Services, asked: Turn, text: string): Promise<void> {
  let stopTyping = () => {};
  // the first reply ends "typing…": it is never sent after the answer
  const turn: Turn = { ...asked, reply: (message) => (stopTyping(), asked.reply(message)) };
  let replyTurn = turn;
  let kind: string | undefined;
  try {
    const exact = parse(text);
    // "typing…" while the turn reads the clusters (the names for the reading, then Azure and Kubernetes for the answer)
    if (!(exact.ok && LOCAL_KINDS.has(exact.command.kind))) stopTyping = await typing(asked, s.timings.typingAfterMs);
    // an exact command that names nothing (status, clusters, help…) needs no inventory: it runs as typed
    const namesSomething = !exact.ok || ['service', 'from', 'to', 'namespace', 'cluster', 'ranges', 'topic'].some((k) => (exact.command as Record<string, unknown>)[k] !== undefined);
    const snapshot = namesSomething ? await snapshotsFor(s).snapshot(turn.conversation.conversation.id) : { clusters: [], inventories: {}, now: new Date() };
    const u = read(text, snapshot);
    if (u.kind === 'ask') {
      const card = u.options.length ? s.cards.choice(u.question, u.detail ?? 'Pick one:', u.options) : s.cards.userError(u.question, u.detail);
      await turn.reply({ card });
      return;
    }
    if (u.kind === 'lost') {
      // the grammar's own answer is the better one when a command's words were right but its arguments were not
      if (!exact.ok && exact.usage && !u.negated) await turn.reply({ card: s.cards.notUnderstood(exact.reply, exact.suggestions, exact.usage) });
      else await turn.reply({ card: s.cards.notUnderstood(u.reply, u.suggestions.map((x) => x.command)) });
      return;
    }
    const reading = parse(u.command);
    if (!reading.ok) throw new Error(`the understanding step produced "${u.command}", which does not parse`);
    const command = format(reading.command);
    kind = reading.command.kind;
    replyTurn = typedAsIs(text, command) ? turn : echoingTurn(turn, command);
    // passed along, not kept in an AsyncLocalStorage: on Node 20 that puts a hook on every promise of the process
    await dispatch(reading.command, handlerContext(s, replyTurn, { words: text, command }));
  } catch (err) {
    // every failure, in the reading or in the handler, becomes a clear reply
    await replyTurn.reply(errorReply(s, err, { command: kind ?? 'unread' }));
  } finally {
    stopTyping();
  }
}

/** "typing…" at once, or only once the turn has taken `afterMs` (an answer from memory needs none); returns its stop. */
async function typing(turn: Turn, afterMs: number): Promise<() => void> {
  const send = () => turn.reply({ typing: true }).catch(() => undefined);
  if (afterMs <= 0) {
    await send();
    return () => undefined;
  }
  const timer = setTimeout(() => void send(), afterMs);
  return () => clearTimeout(timer);
}
// --- end understanding

async function onInvoke(s: Services, turn: Turn, event: Extract<IncomingEvent, { kind: 'invoke' }>): Promise<InvokeResponse> {
  if (event.name !== 'adaptiveCard/action') {
    s.log.info({ name: event.name }, 'unhandled invoke');
    return { status: 501, body: { error: `Palisade does not handle "${event.name || 'unnamed'}" invokes.` } };
  }
  const action = (event.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  const verb = typeof action?.verb === 'string' ? action.verb : undefined;
  if (!verb) return answer({ text: 'That button sent no action (verb missing).' });
  const button = CARD_ACTIONS.get(verb);
  if (!button) return answer({ text: `I don't know the button "${verb}". Run the command again for a fresh card.` });
  try {
    return answer(await button(action?.data, actionContext(s, turn, 'execute')));
  } catch (err) {
    const reply = errorReply(s, err, { invoke: verb });
    return answer(reply.card ? { card: reply.card } : { text: reply.text });
  }
}

function answer(a: { card?: AdaptiveCard; text?: string }): InvokeResponse {
  return a.card
    ? { status: 200, body: { statusCode: 200, type: CARD_TYPE, value: a.card } }
    : { status: 200, body: { statusCode: 200, type: MESSAGE_TYPE, value: a.text ?? 'Done.' } };
}

/** Old clients send Action.Submit: a message whose value carries the verb and the button's data. */
function isSubmitAction(value: unknown): value is { verb: string } {
  return typeof value === 'object' && value !== null && typeof (value as { verb?: unknown }).verb === 'string';
}

async function submitFallback(s: Services, turn: Turn, value: { verb: string }): Promise<void> {
  const button = CARD_ACTIONS.get(value.verb);
  if (!button) return;
  try {
    const a = await button(value, actionContext(s, turn, 'submit'));
    if (a.text) await turn.reply({ text: a.text });
    else if (a.card) await turn.reply({ card: a.card });
  } catch (err) {
    await turn.reply(errorReply(s, err, { submit: value.verb }));
  }
}

/** User errors as they are, with the next step; anything else as "internal error, ref X" plus a full log line. */
export function errorReply(s: Services, err: unknown, context: Record<string, unknown>): OutgoingMessage {
  if (err instanceof NeedChoice) return { card: s.cards.choice(err.message, err.question, err.options) };
  instruments().errors.add(1, { kind: isUserError(err) ? 'user' : 'internal' });
  if (isUserError(err)) return { card: s.cards.userError(err.message, err.nextStep) };
  const ref = errorRef();
  s.log.error({ err, ref, ...context }, 'internal error');
  return { card: s.cards.internalError(ref) };
}

async function firstWelcome(s: Services, event: IncomingEvent): Promise<boolean> {
  try {
    await s.store.put('prefs', `welcomed:${event.conversation.conversation.id}`, { at: new Date().toISOString() }, { ifNoneMatch: '*' });
    return true;
  } catch (e) {
    if (isPreconditionFailed(e)) return false;
    throw e;
  }
}

function activityKey(event: IncomingEvent): string {
  return `${event.conversation.conversation.id}|${event.activityId}`;
}

interface ActivityRecord {
  /** 'running' only in records of earlier versions, which wrote one before the turn. */
  state: 'running' | 'done';
  at: string;
  owner: string;
}

/**
 * Teams redelivers an activity it thinks failed. A turn is recorded as done only once it finished (its plan stored,
 * its card posted), so a finished turn is not run twice while one cut short by a crash runs again: its propose is
 * keyed by the activity and completes the plan it already made.
 */
async function durableTurn(s: Services, turns: { running: Set<string>; owner: string }, event: IncomingEvent, run: () => Promise<void>): Promise<void> {
  const { running, owner } = turns;
  if (!event.activityId) return run();
  const key = activityKey(event);
  if (running.has(key)) return void s.log.info({ activityId: event.activityId }, 'ignored a duplicate delivery of an activity being handled');
  running.add(key);
  try {
    // a read, not a "running" write: a redelivery after a crash runs again whether it finds no record or a running one
    const seen = await s.store.get<ActivityRecord>('activities', key);
    if (seen?.value.state === 'done') return void s.log.info({ activityId: event.activityId }, 'ignored a replayed activity');
    await run();
    await s.store.put<ActivityRecord>('activities', key, { state: 'done', at: new Date().toISOString(), owner });
  } finally {
    running.delete(key);
  }
}

/** Conversation references (for proactive sends) and who is who (MRI ↔ Entra id, for refresh.userIds). */
async function remember(s: Services, event: IncomingEvent): Promise<void> {
  const id = event.conversation.conversation.id;
  // the activity it came with changes every turn and is never used for a proactive send (digestConversation drops it)
  const { activityId: _activity, ...ref } = event.conversation;
  try {
    if (due(s, `c:${id}`, [ref, event.conversationType]))
      await s.store.update('conversations', id, (cur: { ref: unknown; firstSeen: string } | undefined) => ({
        ref,
        conversationType: event.conversationType,
        firstSeen: cur?.firstSeen ?? new Date().toISOString(),
        lastSeen: new Date().toISOString(),
      }));
    if (event.from.aadObjectId && due(s, `p:${event.from.aadObjectId}`, [event.from.id, event.from.name]))
      await s.store.put('prefs', `person:${event.from.aadObjectId}`, { id: event.from.id, name: event.from.name, aadObjectId: event.from.aadObjectId });
    if (event.conversationType === 'personal' && due(s, `u:${event.from.aadObjectId ?? event.from.id}`, ref))
      await s.store.put('prefs', `personal:${event.from.aadObjectId ?? event.from.id}`, { ref });
  } catch (err) {
    remembered.delete(s.store); // written again on the next turn
    s.log.warn({ err }, 'could not store the conversation reference');
  }
}

/** Per store, what this process last wrote per key and when: an unchanged reference is rewritten every few minutes. */
const remembered = new WeakMap<object, Map<string, { json: string; at: number }>>();
const REMEMBER_EVERY_MS = 5 * 60_000;

/** True when `value` must be written for `key`: new, changed, or written long enough ago to refresh lastSeen. */
function due(s: Services, key: string, value: unknown): boolean {
  let last = remembered.get(s.store);
  if (!last) remembered.set(s.store, (last = new Map()));
  const json = JSON.stringify(value);
  const now = Date.now();
  const was = last.get(key);
  if (was && was.json === json && now - was.at < REMEMBER_EVERY_MS) return false;
  if (last.size >= 10_000) last.clear(); // bounded: a busy tenant's keys are simply written again
  last.set(key, { json, at: now });
  return true;
}
