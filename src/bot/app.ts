import { parse } from '../commands/grammar.js';
import { dispatch, runCardAction } from '../commands/registry.js';
import { NeedChoice } from '../clusters/resolve.js';
import { errorRef, isUserError } from '../errors.js';
import type { Services } from '../services.js';
import { isPreconditionFailed } from '../store/types.js';
import { instruments } from '../telemetry/index.js';
import type { AdaptiveCard, IncomingEvent, InvokeResponse, OutgoingMessage } from './events.js';
import type { TurnHandler } from './teamsAdapter.js';
import type { Turn } from './turn.js';

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
const ENGINE_VERBS = new Set(['approve', 'reject', 'revert', 'refresh']);

/** The core's turn handler: plain events in, replies out. Knows nothing of botbuilder. */
export function createTurnHandler(s: Services): TurnHandler {
  return async (event, io) => {
    if (!s.policy.tenantAllowed(event.tenantId)) {
      s.log.warn({ tenantId: event.tenantId, from: event.from.aadObjectId, kind: event.kind }, 'ignored an activity from a tenant that is not allowed');
      return event.kind === 'invoke' ? { status: 403, body: { error: 'tenant not allowed' } } : undefined;
    }
    await remember(s, event);
    const turn: Turn = { event, person: event.from, conversation: event.conversation, conversationType: event.conversationType, reply: io.reply };
    switch (event.kind) {
      case 'message':
        if (await isReplay(s, event)) return;
        if (isSubmitAction(event.value)) return void (await submitFallback(s, turn, event.value));
        return void (await runCommandText(s, turn, event.text));
      case 'invoke':
        return onInvoke(s, turn, event);
      case 'installed':
        await io.reply({ card: s.cards.welcome() });
        return;
      default:
        return;
    }
  };
}

/** Parses and runs one command; every failure becomes a clear reply. */
export async function runCommandText(s: Services, turn: Turn, text: string): Promise<void> {
  const parsed = parse(text);
  if (!parsed.ok) {
    await turn.reply({ card: s.cards.notUnderstood(parsed.reply, parsed.suggestions, parsed.usage) });
    return;
  }
  try {
    await dispatch(parsed.command, { turn, s });
  } catch (err) {
    await turn.reply(errorReply(s, err, { command: parsed.command.kind }));
  }
}

async function onInvoke(s: Services, turn: Turn, event: Extract<IncomingEvent, { kind: 'invoke' }>): Promise<InvokeResponse> {
  if (event.name !== 'adaptiveCard/action') {
    s.log.info({ name: event.name }, 'unhandled invoke');
    return { status: 501, body: { error: `Palisade does not handle "${event.name || 'unnamed'}" invokes.` } };
  }
  const action = (event.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  const verb = typeof action?.verb === 'string' ? action.verb : undefined;
  try {
    if (verb && ENGINE_VERBS.has(verb)) return answer(await s.engine.onAction(verb, action?.data, turn.person));
    if (verb === 'choose') {
      const choice = (action?.data as { choice?: unknown } | undefined)?.choice;
      if (typeof choice !== 'string' || !choice.trim()) return answer({ text: 'That choice is empty. Type the command instead.' });
      await runCommandText(s, turn, choice);
      return answer({ text: `OK: ${choice}` });
    }
    const handled = verb ? await runCardAction(verb, action?.data, { turn, s }) : undefined;
    if (handled) return answer(handled);
    return answer({ text: verb ? `I don't know the button "${verb}". Run the command again for a fresh card.` : 'That button sent no action (verb missing).' });
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

/** Old clients send Action.Submit: a message whose value carries the verb and plan id. */
function isSubmitAction(value: unknown): value is { verb: string; planId?: string; choice?: string } {
  return typeof value === 'object' && value !== null && typeof (value as { verb?: unknown }).verb === 'string';
}

async function submitFallback(s: Services, turn: Turn, value: { verb: string; planId?: string; choice?: string; [k: string]: unknown }): Promise<void> {
  try {
    if (value.verb === 'choose' && typeof value.choice === 'string') return await runCommandText(s, turn, value.choice);
    const a = ENGINE_VERBS.has(value.verb)
      ? await s.engine.onAction(value.verb, value, turn.person)
      : await runCardAction(value.verb, value, { turn, s });
    if (a?.text) await turn.reply({ text: a.text });
    else if (a?.card) await turn.reply({ card: a.card });
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

/** Teams retries deliveries; an activity id we have seen in this conversation is not run twice. */
async function isReplay(s: Services, event: IncomingEvent): Promise<boolean> {
  if (!event.activityId) return false;
  try {
    await s.store.put('activities', `${event.conversation.conversation.id}|${event.activityId}`, { at: new Date().toISOString() }, { ifNoneMatch: '*' });
    return false;
  } catch (e) {
    if (isPreconditionFailed(e)) {
      s.log.info({ activityId: event.activityId }, 'ignored a replayed activity');
      return true;
    }
    throw e;
  }
}

/** Conversation references (for proactive sends) and who is who (MRI ↔ Entra id, for refresh.userIds). */
async function remember(s: Services, event: IncomingEvent): Promise<void> {
  const id = event.conversation.conversation.id;
  try {
    await s.store.update('conversations', id, (cur: { ref: unknown; firstSeen: string } | undefined) => ({
      ref: event.conversation,
      conversationType: event.conversationType,
      firstSeen: cur?.firstSeen ?? new Date().toISOString(),
      lastSeen: new Date().toISOString(),
    }));
    if (event.from.aadObjectId)
      await s.store.put('prefs', `person:${event.from.aadObjectId}`, { id: event.from.id, name: event.from.name, aadObjectId: event.from.aadObjectId });
    if (event.conversationType === 'personal') await s.store.put('prefs', `personal:${event.from.aadObjectId ?? event.from.id}`, { ref: event.conversation });
  } catch (err) {
    s.log.warn({ err }, 'could not store the conversation reference');
  }
}
