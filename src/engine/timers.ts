import { randomBytes } from 'node:crypto';
import type { OperationName } from '../approvals/names.js';
import type { ApplyOutcome, OperationContext, StoredPlan, TimerDoc } from '../approvals/types.js';
import { StalePlanError } from '../approvals/types.js';
import type { ConversationRef, Messenger, Person } from '../chat/events.js';
import { errorRef, isUserError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/types.js';
import type { OperationLookup } from './operations.js';
import { applyAndSettle } from './settle.js';

export const SYSTEM: Person = { id: 'palisade', name: 'Palisade' };
/** A timer claimed this long ago and still running is presumed lost with its replica and run again. */
const STUCK_MS = 10 * 60_000;

export interface TimerDeps {
  store: Store;
  messenger: Messenger;
  operations: OperationLookup;
  contextFor(requester: Person): OperationContext;
  log: Logger;
  now: () => number;
  instanceId: string;
  /** Posts a follow-up for approval (as Palisade) when its plan says it must ask first. */
  propose(operation: OperationName, args: unknown, by: { requester: Person; conversation: ConversationRef; turnKey: string }): Promise<StoredPlan>;
}

/** Timed follow-ups of applied plans ('timers' collection): armed after an apply, run once across replicas when due. */
export class Timers {
  constructor(private readonly deps: TimerDeps) {}

  async arm(plan: StoredPlan, timers: ApplyOutcome['timers']): Promise<void> {
    for (const t of timers ?? []) {
      const id = `${plan.id}-${randomBytes(4).toString('hex')}`;
      const doc: TimerDoc = {
        id, dueAt: new Date(this.deps.now() + t.afterMs).toISOString(), operation: t.operation, args: t.args, title: t.title,
        planId: plan.id, cluster: plan.target.cluster, conversation: plan.conversation, requester: plan.requester, state: 'armed',
      };
      await this.deps.store.put('timers', id, doc, { ifNoneMatch: '*' });
    }
  }

  async pending(): Promise<TimerDoc[]> {
    return (await this.deps.store.list<TimerDoc>('timers')).map((t) => t.value).filter((t) => t.state === 'armed');
  }

  /** Claims the due timers (and those stuck with a lost replica) and runs them one by one. */
  async runDue(): Promise<void> {
    const now = this.deps.now();
    const nowIso = new Date(now).toISOString();
    const claimed = await this.deps.store.claimDue<TimerDoc>('timers', (t) => {
      const stuck = t.state === 'running' && t.claimedAt && now - Date.parse(t.claimedAt) > STUCK_MS;
      if ((t.state !== 'armed' && !stuck) || t.dueAt > nowIso) return undefined;
      return { ...t, state: 'running', owner: this.deps.instanceId, claimedAt: nowIso };
    });
    for (const { value } of claimed) await this.run(value);
  }

  /**
   * Plans and applies the follow-up as Palisade (no approval: the approved plan asked for it) and says so in the chat;
   * a follow-up whose plan must ask first (e.g. it would close the API server to everyone) is posted for approval instead.
   */
  private async run(timer: TimerDoc): Promise<void> {
    const { store, log } = this.deps;
    const op = this.deps.operations.get(timer.operation);
    const ctx = this.deps.contextFor(SYSTEM);
    const at = () => new Date(this.deps.now()).toISOString();
    const audit = { kind: 'timer', actor: SYSTEM, cluster: timer.cluster, planId: timer.planId, summary: timer.title };
    let text: string;
    let state: TimerDoc['state'] = 'done';
    try {
      const draft = await op.plan(ctx, timer.args);
      if (draft.requirements?.askFirst) {
        const asked = await this.deps.propose(timer.operation, timer.args, { requester: SYSTEM, conversation: timer.conversation, turnKey: `timer|${timer.id}` });
        text = `⏱ ${timer.title}: needs approval because ${draft.requirements.askFirst}. See the request card.`;
        await store.appendAudit({ at: at(), ...audit, outcome: `asked for approval as ${asked.id}` });
      } else {
        const plan: StoredPlan = {
          ...draft, id: randomBytes(16).toString('base64url'), operation: timer.operation, args: timer.args, requester: SYSTEM,
          conversation: timer.conversation, createdAt: at(), expiresAt: at(),
          state: 'applying', approvals: [], selfApprovalAllowed: false, approvalsNeeded: 1, fourEyes: false,
        };
        const settled = await applyAndSettle(op, ctx, plan, async () => {}, log);
        if (settled.kind === 'applied') {
          text = `⏱ ${timer.title}: done. ${settled.note ? `${settled.note} ` : ''}${settled.outcome.summary}`;
          await store.appendAudit({ at: at(), ...audit, outcome: 'applied', requestIds: settled.outcome.requestIds, before: draft.current, after: settled.outcome.after ?? draft.desired });
        } else {
          state = 'failed';
          const msg = [settled.error.message, settled.error.live].filter(Boolean).join(' ');
          text = `⏱ ${timer.title}: could not be done automatically (${msg}). Please check \`ip ranges\`.`;
          await store.appendAudit({ at: at(), ...audit, outcome: settled.kind === 'unknown' ? `unknown: ${msg}` : `failed: ${msg}` });
        }
      }
    } catch (err) {
      state = 'failed';
      const msg = isUserError(err) || err instanceof StalePlanError ? err.message : `internal error, ref ${errorRef()}`;
      if (!isUserError(err)) log.error({ err, timer: timer.id }, 'timed revert failed');
      text = `⏱ ${timer.title}: could not be done automatically (${msg}). Please check \`ip ranges\`.`;
      await store.appendAudit({ at: at(), ...audit, outcome: `failed: ${msg}` });
    }
    await store.put('timers', timer.id, { ...timer, state });
    try {
      await this.deps.messenger.send(timer.conversation, { text });
    } catch (err) {
      log.warn({ err, timer: timer.id }, 'could not announce a timed revert');
    }
  }
}
