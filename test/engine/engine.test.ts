import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OP } from '../../src/approvals/names.js';
import { Policy } from '../../src/approvals/policy.js';
import type { ApplyOutcome, Operation, OperationContext, PlanDraft, StoredPlan } from '../../src/approvals/types.js';
import { StalePlanError } from '../../src/approvals/types.js';
import type { ConversationRef, Messenger, OutgoingMessage } from '../../src/chat/events.js';
import type { Config } from '../../src/config.js';
import { ApprovalEngine } from '../../src/engine/engine.js';
import { PLAN_CARD_BUDGET_BYTES } from '../../src/engine/fit.js';
import { cardSizeBytes } from '../../src/cards/render.js';
import { UserError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/index.js';
import { cardText, tempDir } from '../helpers/bot.js';

/** The approval engine on a SQLite store with a recording messenger and tiny test operations: no server, no emulator. */

const ALICE = { id: '29:alice', aadObjectId: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice' };
const BOB = { id: '29:bob', aadObjectId: 'b0b00000-0000-4000-8000-000000000002', name: 'Bob' };
const MALLORY = { id: '29:mallory', aadObjectId: 'ma110000-0000-4000-8000-000000000003', name: 'Mallory' };
const CONVERSATION: ConversationRef = { serviceUrl: 'http://127.0.0.1:1', channelId: 'msteams', conversation: { id: 'conv-1' }, bot: { id: '28:palisade' } };
const OTHER: ConversationRef = { ...CONVERSATION, conversation: { id: 'conv-2' } };
const APPROVERS_THREAD: ConversationRef = { ...CONVERSATION, conversation: { id: '19:approvers@thread.tacv2;messageid=1700000000000' } };
const log = createLogger('silent');

/** Sends get ids; every post and update is kept, so tests read what people saw. */
class RecordingMessenger implements Messenger {
  readonly posts: Array<{ id: string; message: OutgoingMessage }> = [];
  readonly updates: Array<{ id: string; message: OutgoingMessage }> = [];
  /** The next sends fail (the connector is down, or the process dies before the card goes out). */
  failSends = 0;
  async send(_ref: ConversationRef, message: OutgoingMessage): Promise<{ id: string }> {
    if (this.failSends > 0 && this.failSends--) throw new Error('connector unreachable');
    const id = `${this.posts.length + 1}`;
    this.posts.push({ id, message });
    return { id };
  }
  async update(_ref: ConversationRef, id: string, message: OutgoingMessage): Promise<void> {
    this.updates.push({ id, message });
  }
  latestText(id: string): string {
    const last = [...this.updates].reverse().find((u) => u.id === id) ?? this.posts.find((p) => p.id === id);
    return cardText(last?.message.card) || last?.message.text || '';
  }
}

/** A world of one number, and an operation that sets it: plan reads it, apply writes it once, reconcile reads it back. */
interface Knob {
  value: number;
  writes: number;
  failWith?: Error;
  /** Thrown after the write landed (a lost response, a failed poll). */
  failAfterWrite?: Error;
  /** Live state cannot be read (check answers unknown). */
  unreadable?: boolean;
  rows?: number;
}
type SetArgs = { to: number; timerMs?: number; askFirst?: boolean };
type Value = { value: number };

function knobOperation(knob: Knob): Operation<SetArgs, Value, Value> {
  const outcome = (value: number, args: SetArgs): ApplyOutcome => ({
    summary: `value is ${value}`,
    facts: [{ title: 'Value (read back)', value: String(value) }],
    after: { value },
    requestIds: [`req-${knob.writes}`],
    timers: args.timerMs ? [{ afterMs: args.timerMs, operation: OP.setRanges, args: { to: 1 }, title: 'Put it back to 1' }] : undefined,
  });
  return {
    name: OP.setRanges,
    async plan(_ctx, args): Promise<PlanDraft<Value, Value>> {
      if (args.to === knob.value) throw new UserError(`It is already ${args.to}.`);
      const rows = Array.from({ length: knob.rows ?? 1 }, (_, i) => ({ label: `row ${i} ${'x'.repeat(200)}`, before: String(knob.value), after: String(args.to) }));
      return {
        title: `Set the knob to ${args.to}`, target: { cluster: 'knob-cluster' }, current: { value: knob.value }, desired: { value: args.to },
        diff: rows, risk: args.to > knob.value ? 'widens' : 'narrows', warnings: [], precondition: { etag: String(knob.value) },
        revert: { operation: OP.setRanges, args: { to: knob.value }, title: `Back to ${knob.value}` },
        requirements: args.askFirst ? { askFirst: 'it would switch the knob off' } : undefined,
        details: knob.rows ? Array.from({ length: knob.rows }, (_, i) => `line ${i} ${'y'.repeat(100)}`).join('\n') : undefined,
      };
    },
    async apply(_ctx, plan, progress) {
      if (String(knob.value) !== plan.precondition.etag) throw new StalePlanError(`The knob moved to ${knob.value} since this plan.`);
      if (knob.failWith) throw knob.failWith;
      await progress('Turning the knob…');
      knob.value = plan.desired.value;
      knob.writes++;
      if (knob.failAfterWrite) throw knob.failAfterWrite;
      return outcome(knob.value, plan.args);
    },
    async check(_ctx, plan) {
      if (knob.unreadable) return { state: 'unknown', reason: 'the knob cannot be read' };
      return knob.value === plan.desired.value ? { state: 'applied', outcome: outcome(knob.value, plan.args) } : { state: 'notApplied', live: `Nothing was changed: the knob reads ${knob.value}.` };
    },
  };
}

const POLICY: Config['policy'] = {
  operators: [{ type: 'anyone' }],
  approvers: [{ type: 'user', id: ALICE.aadObjectId }, { type: 'user', id: BOB.aadObjectId }],
  allowedTenants: [],
  selfApproval: false,
  planTtlMinutes: 60,
};

let store: Store;
let knob: Knob;
let messenger: RecordingMessenger;
let clock: number;

function engine(instanceId = 'one', policy: Partial<Config['policy']> = {}) {
  return new ApprovalEngine({
    store,
    messenger,
    policy: new Policy({ ...POLICY, ...policy }),
    log,
    operations: { [OP.setRanges]: knobOperation(knob) },
    operationContext: { log } as Omit<OperationContext, 'requester'>,
    now: () => clock,
    instanceId,
  });
}

async function audit(planId: string): Promise<string[]> {
  return (await store.readAudit()).filter((a) => a.planId === planId).map((a) => `${a.kind}:${a.outcome ?? ''}`).reverse();
}

beforeEach(async () => {
  store = await openStore({ kind: 'sqlite', dataDir: tempDir('palisade-engine-') });
  knob = { value: 1, writes: 0 };
  messenger = new RecordingMessenger();
  clock = Date.parse('2026-12-01T10:00:00.000Z');
});
afterEach(async () => store.close());

describe('propose', () => {
  it('stores a pending plan, audits the request and posts the shared card with Approve/Reject', async () => {
    const e = engine();
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    expect(plan).toMatchObject({ state: 'pending', operation: OP.setRanges, cardActivityId: '1', fourEyes: false, selfApprovalAllowed: false, refreshUserIds: ['29:alice'] });
    expect(plan.expiresAt).toBe('2026-12-01T11:00:00.000Z');
    expect(messenger.latestText('1')).toMatch(/Set the knob to 0[\s\S]*Pending approval/);
    expect(JSON.stringify(messenger.posts[0].message.card)).toMatch(/"verb":"approve"/);
    expect(await audit(plan.id)).toEqual(['request:']);
  });

  it('a widening plan needs four eyes; a bad request is refused and stores nothing', async () => {
    const e = engine();
    expect((await e.propose(OP.setRanges, { to: 5 }, { requester: ALICE, conversation: CONVERSATION })).fourEyes).toBe(true);
    await expect(e.propose(OP.setRanges, { to: 1 }, { requester: ALICE, conversation: CONVERSATION })).rejects.toThrow(/already 1/);
    expect(await store.list('plans')).toHaveLength(1);
  });

  it('shortens a plan that would not fit a card: details first, then rows', async () => {
    knob.rows = 120;
    const plan = await engine().propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    expect(plan.diff.some((r) => /^… \d+ more row\(s\)$/.test(r.label))).toBe(true);
    expect(plan.details).toMatch(/more line\(s\)/);
    expect(cardSizeBytes(messenger.posts[0].message.card!)).toBeLessThan(PLAN_CARD_BUDGET_BYTES);
  });
});

describe('buttons', () => {
  it('approve by a second person applies in the background, exactly once, and the shared card follows', async () => {
    const e = engine();
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    const answers = await Promise.all([e.act('approve', { planId: plan.id }, BOB, CONVERSATION), e.act('approve', { planId: plan.id }, BOB, CONVERSATION)]);
    expect(answers.map((a) => cardText(a.card)).join('\n')).toMatch(/Approved by Bob/);
    await e.idle();
    expect(knob).toMatchObject({ value: 0, writes: 1 });
    expect(messenger.latestText('1')).toMatch(/Applied · approved by Bob[\s\S]*Value \(read back\)\n0/);
    expect(messenger.updates.map((u) => cardText(u.message.card)).join('\n')).toMatch(/Turning the knob…/);
    expect(await audit(plan.id)).toEqual(['request:', 'decision:approved', 'apply:applied']);
    expect((await e.getPlan(plan.id))?.state).toBe('applied');
  });

  it('the requester cannot approve their own plan; a non-approver is told so; the plan stays pending', async () => {
    const e = engine();
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    expect(cardText((await e.act('approve', { planId: plan.id }, ALICE, CONVERSATION)).card)).toMatch(/can't approve your own request/);
    expect(cardText((await e.act('approve', { planId: plan.id }, MALLORY, CONVERSATION)).card)).toMatch(/not an approver/);
    expect((await e.getPlan(plan.id))?.state).toBe('pending');
    expect(knob.writes).toBe(0);
  });

  it('reject closes it (withdrawn when the requester does it); a later approve says so and changes nothing', async () => {
    const e = engine();
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    expect(cardText((await e.act('reject', { planId: plan.id }, MALLORY, CONVERSATION)).card)).toMatch(/can't reject this/);
    await e.act('reject', { planId: plan.id }, ALICE, CONVERSATION);
    expect(messenger.latestText('1')).toMatch(/Withdrawn by the requester/);
    expect(cardText((await e.act('approve', { planId: plan.id }, BOB, CONVERSATION)).card)).toMatch(/rejected by Alice/);
    expect(await audit(plan.id)).toEqual(['request:', 'decision:withdrawn']);
    expect(knob.writes).toBe(0);
  });

  it('a button without a known plan gets a clear line', async () => {
    const e = engine();
    expect((await e.act('approve', { planId: '../../etc/passwd' }, BOB, CONVERSATION)).text).toMatch(/doesn't point at a request/);
    expect((await e.act('approve', { planId: 'A'.repeat(22) }, BOB, CONVERSATION)).text).toMatch(/can't find that request/);
    expect((await e.act('approve', undefined, BOB, CONVERSATION)).text).toMatch(/doesn't point at a request/);
  });

  it('revert proposes the inverse as a new plan, once', async () => {
    const e = engine();
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    await e.act('approve', { planId: plan.id }, BOB, CONVERSATION);
    await e.idle();
    const answer = await e.act('revert', { planId: plan.id }, BOB, CONVERSATION);
    expect(cardText(answer.card)).toMatch(/Revert requested/);
    const revert = (await store.list<StoredPlan>('plans')).map((p) => p.value).find((p) => p.revertOf === plan.id)!;
    expect(revert).toMatchObject({ state: 'pending', args: { to: 1 }, requester: BOB, fourEyes: true });
    expect((await e.getPlan(plan.id))?.revertedBy).toBe(revert.id);
    await expect(e.act('revert', { planId: plan.id }, BOB, CONVERSATION)).rejects.toThrow(/already requested/);
    await e.act('approve', { planId: revert.id }, ALICE, CONVERSATION);
    await e.idle();
    expect(knob.value).toBe(1);
    expect(await audit(revert.id)).toEqual(['request:', 'decision:approved', 'apply:applied', `revert:reverted ${plan.id}`]);
  });
});

describe('failures', () => {
  it('a stale plan fails with the next step; an unexpected error becomes an internal error with a ref', async () => {
    const e = engine();
    const stale = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    knob.value = 7;
    await e.act('approve', { planId: stale.id }, BOB, CONVERSATION);
    await e.idle();
    expect(await e.getPlan(stale.id)).toMatchObject({ state: 'failed', error: { message: 'The knob moved to 7 since this plan.', nextStep: 'Run the command again for a fresh plan.' } });

    knob.failWith = new Error('socket hang up');
    const broken = await e.propose(OP.setRanges, { to: 3 }, { requester: ALICE, conversation: CONVERSATION });
    await e.act('approve', { planId: broken.id }, BOB, CONVERSATION);
    await e.idle();
    const failed = await e.getPlan(broken.id);
    expect(failed?.error?.message).toMatch(/^Internal error, ref [0-9a-f]{8}\.$/);
    expect(JSON.stringify(failed)).not.toMatch(/socket hang up/);
    expect(knob.value).toBe(7);
  });
});

describe('time', () => {
  it('a pending plan expires on the sweep once its time has come, not before', async () => {
    const e = engine();
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    clock += 59 * 60_000;
    await e.sweep();
    expect((await e.getPlan(plan.id))?.state).toBe('pending');
    clock += 60_000;
    await e.sweep();
    expect((await e.getPlan(plan.id))?.state).toBe('expired');
    expect(messenger.latestText('1')).toMatch(/Expired/);
    expect(await audit(plan.id)).toEqual(['request:', 'expire:expired']);
    expect(await e.pendingPlans()).toEqual([]);
  });

  it('a timed follow-up runs once when due, across two replicas sharing the store, and says so', async () => {
    const one = engine('one');
    const two = engine('two');
    const plan = await one.propose(OP.setRanges, { to: 0, timerMs: 3_600_000 }, { requester: ALICE, conversation: CONVERSATION });
    await one.act('approve', { planId: plan.id }, BOB, CONVERSATION);
    await one.idle();
    expect(await one.pendingTimers()).toHaveLength(1);
    await Promise.all([one.sweep(), two.sweep()]);
    expect(knob.value).toBe(0);
    clock += 3_600_000;
    await Promise.all([one.sweep(), two.sweep()]);
    expect(knob).toMatchObject({ value: 1, writes: 2 });
    expect(await one.pendingTimers()).toEqual([]);
    expect(messenger.posts.filter((p) => /⏱ Put it back to 1: done/.test(p.message.text ?? ''))).toHaveLength(1);
    expect((await store.readAudit()).filter((a) => a.kind === 'timer').map((a) => a.outcome)).toEqual(['applied']);
  });
});

describe('restart', () => {
  async function interrupted(): Promise<StoredPlan> {
    const e = engine();
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    // As a crash would leave it: approved and claimed, the write not known to have happened
    await store.update<StoredPlan>('plans', plan.id, (p) => ({ ...p!, state: 'applying', decidedBy: BOB, approvals: [{ by: BOB, at: '' }] }));
    return plan;
  }

  it('a write that landed is confirmed from live state, not written again', async () => {
    const plan = await interrupted();
    knob.value = 0;
    const e = engine();
    await e.reconcile();
    await e.idle();
    expect(await e.getPlan(plan.id)).toMatchObject({ state: 'applied', progress: expect.stringMatching(/confirmed from live state/) });
    expect(knob.writes).toBe(0);
  });

  it('a write that never landed is applied now', async () => {
    const plan = await interrupted();
    const e = engine();
    await e.reconcile();
    await e.idle();
    expect((await e.getPlan(plan.id))?.state).toBe('applied');
    expect(knob).toMatchObject({ value: 0, writes: 1 });
  });
});

describe('where a decision comes from', () => {
  it('approve, reject and revert only from the conversation the plan was posted in; refresh elsewhere shows no buttons', async () => {
    const e = engine();
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    for (const verb of ['approve', 'reject'] as const) expect((await e.act(verb, { planId: plan.id }, BOB, OTHER)).text).toMatch(/posted in another conversation/);
    expect((await e.getPlan(plan.id))?.state).toBe('pending');
    const view = await e.act('refresh', { planId: plan.id }, BOB, OTHER);
    expect(cardText(view.card)).toMatch(/Set the knob to 0/);
    expect(JSON.stringify(view.card)).not.toMatch(/"verb":"approve"/);
    expect(knob.writes).toBe(0);
  });

  it("the approvers' channel (any of its threads) may decide plans posted elsewhere", async () => {
    const e = engine('one', { approversChannel: '19:approvers@thread.tacv2' });
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    expect(cardText((await e.act('approve', { planId: plan.id }, BOB, APPROVERS_THREAD)).card)).toMatch(/Approved by Bob/);
    await e.idle();
    expect(knob).toMatchObject({ value: 0, writes: 1 });
  });
});

describe('outcomes from live state', () => {
  it('an error after the write landed: applied (from live state), with Revert, and the error named', async () => {
    const e = engine();
    knob.failAfterWrite = new Error('socket hang up');
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    await e.act('approve', { planId: plan.id }, BOB, CONVERSATION);
    await e.idle();
    expect(await e.getPlan(plan.id)).toMatchObject({ state: 'applied', progress: expect.stringMatching(/confirmed from live state/) });
    expect(messenger.latestText('1')).toMatch(/Applied/);
    expect(JSON.stringify(messenger.updates.at(-1)!.message.card)).toMatch(/"verb":"revert"/);
    expect(await audit(plan.id)).toEqual(['request:', 'decision:approved', 'apply:applied']);
  });

  it('an error before any write: "Nothing was changed" only because live state shows it', async () => {
    const e = engine();
    knob.failWith = new UserError('The knob is jammed.', 'Oil it.');
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    await e.act('approve', { planId: plan.id }, BOB, CONVERSATION);
    await e.idle();
    expect(await e.getPlan(plan.id)).toMatchObject({ state: 'failed', error: { message: 'The knob is jammed.', nextStep: 'Oil it.', live: 'Nothing was changed: the knob reads 1.' } });
    expect(messenger.latestText('1')).toMatch(/Failed[\s\S]*The knob is jammed\.[\s\S]*Nothing was changed: the knob reads 1\./);
  });

  it('live state unreadable after the error: the card says the outcome is unknown, and the sweep settles it later', async () => {
    const e = engine();
    knob.failAfterWrite = new Error('ECONNRESET');
    knob.unreadable = true;
    const plan = await e.propose(OP.setRanges, { to: 0, timerMs: 60_000 }, { requester: ALICE, conversation: CONVERSATION });
    await e.act('approve', { planId: plan.id }, BOB, CONVERSATION);
    await e.idle();
    expect((await e.getPlan(plan.id))?.state).toBe('unknown');
    expect(messenger.latestText('1')).toMatch(/Outcome unknown[\s\S]*the knob cannot be read/);
    expect(messenger.latestText('1')).not.toMatch(/Nothing was changed/);
    await e.sweep();
    expect((await e.getPlan(plan.id))?.state).toBe('unknown');
    knob.unreadable = false;
    await e.sweep();
    expect((await e.getPlan(plan.id))?.state).toBe('applied');
    expect(messenger.latestText('1')).toMatch(/Applied/);
    expect(await e.pendingTimers()).toHaveLength(1);
    expect(await audit(plan.id)).toEqual(['request:', 'decision:approved', 'apply:unknown', 'apply:applied']);
  });
});

describe('durable proposals', () => {
  const TURN = 'conv-1|act-42';

  it('the same turn proposing again (a redelivered activity) finds its plan: one plan, one card, one request', async () => {
    const e = engine();
    const first = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION, turnKey: TURN });
    knob.value = 5; // a fresh plan() would now differ: the redelivery must not plan again
    const again = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION, turnKey: TURN });
    expect(again.id).toBe(first.id);
    expect(await store.list('plans')).toHaveLength(1);
    expect(messenger.posts).toHaveLength(1);
    expect(await audit(first.id)).toEqual(['request:']);
  });

  it('a turn cut short before its card went out: the redelivery posts the card of the stored plan', async () => {
    const e = engine();
    messenger.failSends = 1;
    await expect(e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION, turnKey: TURN })).rejects.toThrow(/connector unreachable/);
    const [stored] = (await store.list<StoredPlan>('plans')).map((p) => p.value);
    expect(stored.cardActivityId).toBeUndefined();
    const again = await engine('restarted').propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION, turnKey: TURN });
    expect(again).toMatchObject({ id: stored.id, cardActivityId: '1' });
    expect(await store.list('plans')).toHaveLength(1);
    expect(await audit(stored.id)).toEqual(['request:']);
  });

  it('with no redelivery, a plan left without a card gets it from the sweep once its proposing turn must be over', async () => {
    messenger.failSends = 1;
    await expect(engine('crashed').propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION, turnKey: TURN })).rejects.toThrow();
    const other = engine('other');
    await other.sweep();
    expect(messenger.posts).toHaveLength(0);
    clock += 5 * 60_000;
    await other.sweep();
    expect(messenger.posts).toHaveLength(1);
    const [plan] = (await store.list<StoredPlan>('plans')).map((p) => p.value);
    expect(plan.cardActivityId).toBe('1');
    expect(messenger.latestText('1')).toMatch(/Set the knob to 0[\s\S]*Pending approval/);
  });
});

describe('timers that must ask first', () => {
  it('posts the follow-up as a plan for approval instead of applying it', async () => {
    const e = engine();
    const plan = await e.propose(OP.setRanges, { to: 0 }, { requester: ALICE, conversation: CONVERSATION });
    await e.act('approve', { planId: plan.id }, BOB, CONVERSATION);
    await e.idle();
    await store.put('timers', 't1', {
      id: 't1', dueAt: new Date(clock).toISOString(), operation: OP.setRanges, args: { to: 1, askFirst: true }, title: 'Put it back to 1',
      planId: plan.id, cluster: 'knob-cluster', conversation: CONVERSATION, requester: ALICE, state: 'armed',
    });
    await e.sweep();
    expect(knob).toMatchObject({ value: 0, writes: 1 });
    const asked = (await e.pendingPlans()).find((p) => p.title === 'Set the knob to 1')!;
    expect(asked).toMatchObject({ requester: { id: 'palisade' }, state: 'pending' });
    expect(messenger.latestText(asked.cardActivityId!)).toMatch(/Pending approval/);
    expect(messenger.posts.some((p) => /⏱ Put it back to 1: needs approval because it would switch the knob off/.test(p.message.text ?? ''))).toBe(true);
    await e.act('approve', { planId: asked.id }, BOB, CONVERSATION);
    await e.idle();
    expect(knob.value).toBe(1);
  });
});
