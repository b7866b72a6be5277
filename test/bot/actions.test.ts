import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Policy } from '../../src/approvals/policy.js';
import { CARD_ACTIONS } from '../../src/bot/actions.js';
import { createTurnHandler } from '../../src/bot/app.js';
import { cards } from '../../src/cards/views.js';
import type { IncomingEvent, OutgoingMessage } from '../../src/chat/events.js';
import type { Services } from '../../src/handlers/types.js';
import { createLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/index.js';
import { cardText, tempDir } from '../helpers/bot.js';

/** The one table of card buttons, and the turn handler around it, without a server. */

const ALICE = { id: '29:alice', aadObjectId: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice' };
let store: Store;
let s: Services;

beforeAll(async () => {
  store = await openStore({ kind: 'sqlite', dataDir: tempDir('palisade-actions-') });
  const policy = new Policy({ operators: [{ type: 'anyone' }], approvers: [{ type: 'anyone' }], allowedTenants: ['t1'], selfApproval: true, planTtlMinutes: 60 });
  // Only what a turn without an Azure call touches: the policy, the store, the cards, a logger
  s = { policy, store, cards, log: createLogger('silent') } as unknown as Services;
});
afterAll(async () => store.close());

function event(kind: 'invoke' | 'message', extra: Record<string, unknown>, tenantId = 't1'): IncomingEvent {
  const base = { activityId: `a-${Math.random()}`, from: ALICE, tenantId, conversationType: 'personal', conversation: { serviceUrl: 'http://127.0.0.1:1', channelId: 'msteams', conversation: { id: 'c1' }, bot: { id: 'b' } } };
  return kind === 'invoke' ? { kind, name: 'adaptiveCard/action', value: extra, ...base } : { kind, text: '', ...extra, ...base };
}

async function run(e: IncomingEvent) {
  const replies: OutgoingMessage[] = [];
  const res = await createTurnHandler(s)(e, { reply: async (m) => (replies.push(m), { id: 'r' }) });
  return { res: res as { status: number; body: { type?: string; value?: unknown; error?: string } } | undefined, replies };
}

describe('card actions', () => {
  it('one table holds every button verb', () => {
    expect([...CARD_ACTIONS.keys()].sort()).toEqual(['approve', 'choose', 'digestPage', 'refresh', 'reject', 'revert', 'vulnPage']);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('the verb %s finds nothing', async (verb) => {
    expect(CARD_ACTIONS.get(verb)).toBeUndefined();
    const { res } = await run(event('invoke', { action: { type: 'Action.Execute', verb, data: {} } }));
    expect(res?.body.value).toBe(`I don't know the button "${verb}". Run the command again for a fresh card.`);
  });

  it('a button without a verb, another tenant, another invoke: clear answers', async () => {
    expect((await run(event('invoke', { action: { data: {} } }))).res?.body.value).toMatch(/no action/);
    expect((await run(event('invoke', { action: { verb: 'approve', data: {} } }, 'evil'))).res?.status).toBe(403);
    const other = { ...event('invoke', {}), name: 'composeExtension/query' } as IncomingEvent;
    expect((await run(other)).res?.status).toBe(501);
  });

  it('choose runs the command text as typed (Execute answers OK; the Submit fallback only runs it)', async () => {
    const execute = await run(event('invoke', { action: { type: 'Action.Execute', verb: 'choose', data: { choice: 'help' } } }));
    expect(execute.res?.body.value).toBe('OK: help');
    expect(cardText(execute.replies[0].card)).toMatch(/Palisade commands/);
    const submit = await run(event('message', { value: { verb: 'choose', choice: 'help' } }));
    expect(submit.replies).toHaveLength(1);
    expect(cardText(submit.replies[0].card)).toMatch(/Palisade commands/);
    expect((await run(event('invoke', { action: { verb: 'choose', data: { choice: '  ' } } }))).res?.body.value).toMatch(/choice is empty/);
  });
});
