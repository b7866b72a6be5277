import { createHash, randomBytes } from 'node:crypto';
import type { OperationName } from '../approvals/names.js';
import type { Policy } from '../approvals/policy.js';
import type { ArgsOf, OperationContext, PlanOfOperation, StoredPlan, TimerDoc } from '../approvals/types.js';
import type { AdaptiveCard, ConversationRef, Messenger, Person } from '../chat/events.js';
import { samePerson } from '../chat/person.js';
import { UserError } from '../errors.js';
import { trackRoutes } from '../kube/transport/route.js';
import { isPreconditionFailed } from '../store/types.js';
import type { Logger } from '../log.js';
import type { OperationCatalog } from '../operations/index.js';
import type { Store } from '../store/types.js';
import { Applier } from './applier.js';
import { PlanAudit } from './audit.js';
import { fitPlanCard } from './fit.js';
import { OperationLookup, type OperationSet } from './operations.js';
import { PlanCards, stateNote } from './planCards.js';
import { PlanStore } from './planStore.js';
import { reachedVia } from './reachedVia.js';
import { SYSTEM, Timers } from './timers.js';

/** What the clicker sees in answer to a button (their copy of the card, or a line of text). */
export interface ActionAnswer {
  card?: AdaptiveCard;
  text?: string;
}

/** The buttons of a plan card. */
export type PlanVerb = 'approve' | 'reject' | 'revert' | 'refresh';

/** Who asks, and where the plan card goes. */
export interface ProposedBy {
  requester: Person;
  conversation: ConversationRef;
  revertOf?: string;
  /**
   * The turn that asks (conversation|activity id): proposing again from the same turn (Teams redelivers an activity
   * after a crash) finds the plan it made and completes it (audit, card) instead of planning twice.
   */
  turnKey?: string;
  /** What the requester typed and the command it was read as (issue 11), when the change was asked for in words. */
  origin?: { words: string; command: string };
}

export interface EngineDeps<Ops extends OperationSet> {
  store: Store;
  messenger: Messenger;
  policy: Policy;
  log: Logger;
  operations: Ops;
  /** What operations get, apart from who asked. */
  operationContext: Omit<OperationContext, 'requester'>;
  /** MRIs of the people who may act on a plan (requester + known approvers), ≤ 60 for refresh.userIds. */
  deciders?(plan: StoredPlan): Promise<string[]>;
  now?: () => number;
  /** Unique per process: whose claim on a timer or an apply this is. */
  instanceId?: string;
}

const PLAN_ID = /^[A-Za-z0-9_-]{22}$/;
/** A plan still without a card this long after it was created lost its proposing turn: the sweep posts the card. */
const CARD_GRACE_MS = 2 * 60_000;

/** One turn's request for one change always gets the same plan id. */
function planIdFor(turnKey: string, operation: OperationName, args: unknown): string {
  return createHash('sha256').update(JSON.stringify([turnKey, operation, args])).digest('base64url').slice(0, 22);
}

/**
 * plan → approve → apply, exactly once, with audit, revert, expiry and timed follow-ups; every state change persists.
 * The parts: lifecycle (pure transitions), PlanStore, Applier (background apply, restart), Timers, PlanCards, PlanAudit.
 */
export class ApprovalEngine<Ops extends OperationSet = OperationCatalog> {
  readonly instanceId: string;
  private readonly now: () => number;
  private readonly plans: PlanStore;
  private readonly cards: PlanCards;
  private readonly audit: PlanAudit;
  private readonly operations: OperationLookup;
  private readonly timers: Timers;
  private readonly applier: Applier;
  /** Proposals this instance is completing right now (audit, card): a second caller waits for the first. */
  private readonly proposing = new Map<string, Promise<StoredPlan>>();

  constructor(private readonly deps: EngineDeps<Ops>) {
    this.now = deps.now ?? Date.now;
    this.instanceId = deps.instanceId ?? randomBytes(6).toString('hex');
    const contextFor = (requester: Person): OperationContext => ({ ...deps.operationContext, requester });
    this.plans = new PlanStore(deps.store);
    this.cards = new PlanCards(deps);
    this.audit = new PlanAudit(deps.store, this.now);
    this.operations = new OperationLookup(deps.operations);
    this.timers = new Timers({
      ...deps, operations: this.operations, contextFor, now: this.now, instanceId: this.instanceId,
      propose: (operation, args, by) => this.proposeAny(operation, args, by, { system: true }),
    });
    this.applier = new Applier({ plans: this.plans, cards: this.cards, audit: this.audit, timers: this.timers, operations: this.operations, contextFor, log: deps.log, now: this.now });
  }

  /** Plans a change and posts its approval card into the conversation. */
  async propose<N extends OperationName & keyof Ops>(operation: N, args: ArgsOf<Ops[N]>, by: ProposedBy): Promise<PlanOfOperation<Ops[N]>> {
    return (await this.proposeAny(operation, args, by)) as PlanOfOperation<Ops[N]>;
  }

  private async proposeAny(operation: OperationName, args: unknown, by: ProposedBy, opts: { system?: boolean } = {}): Promise<StoredPlan> {
    const { policy } = this.deps;
    const id = by.turnKey ? planIdFor(by.turnKey, operation, args) : randomBytes(16).toString('base64url');
    const earlier = by.turnKey ? await this.plans.get(id) : undefined;
    if (earlier) return this.completeProposal(earlier);
    const op = this.operations.get(operation);
    if (!opts.system) {
      const allowed = await policy.canRequest(by.requester);
      if (!allowed.ok) throw new UserError(allowed.reason);
    }
    const tracked = trackRoutes(this.deps.operationContext.kube);
    const draft = fitPlanCard(await op.plan({ ...this.deps.operationContext, kube: tracked.kube, requester: by.requester }, args));
    const created = this.now();
    const fourEyes = draft.risk === 'widens' || Boolean(draft.requirements?.fourEyes);
    const plan: StoredPlan = {
      ...draft,
      id,
      operation,
      args,
      requester: by.requester,
      conversation: by.conversation,
      createdAt: new Date(created).toISOString(),
      expiresAt: new Date(created + policy.planTtlMs).toISOString(),
      state: 'pending',
      approvals: [],
      revertOf: by.revertOf,
      turnKey: by.turnKey,
      proposedBy: this.instanceId,
      selfApprovalAllowed: policy.selfApproval && !fourEyes && !opts.system,
      approvalsNeeded: Math.max(1, draft.requirements?.approvals ?? 1),
      fourEyes,
      reachedVia: reachedVia(tracked.route()),
      // what the requester typed and the command it was read as (issue 11), for the card and the audit
      origin: by.origin,
    };
    // Who gets their own copy of the card is settled once per plan, not on every card update
    plan.refreshUserIds = ((await this.deps.deciders?.(plan)) ?? [plan.requester.id]).slice(0, 60);
    try {
      await this.plans.create(plan);
    } catch (e) {
      if (!isPreconditionFailed(e)) throw e;
      // the same turn, delivered twice at once: the other delivery stored it first
      return this.completeProposal((await this.plans.get(id))!);
    }
    return this.completeProposal(plan);
  }

  /** A stored plan's request is audited and its card posted, once each, whoever gets there (the turn, its redelivery, the sweep). */
  private completeProposal(stored: StoredPlan): Promise<StoredPlan> {
    const running = this.proposing.get(stored.id);
    if (running) return running;
    const work = (async () => {
      let plan = (await this.plans.get(stored.id)) ?? stored;
      if (!plan.requestAudited) {
        await this.audit.record(plan, 'request', plan.requester, { before: plan.current, after: plan.desired, words: plan.origin?.words, command: plan.origin?.command });
        plan = (await this.plans.change(plan.id, (p) => ({ ...p, requestAudited: true }))) ?? plan;
      }
      if (!plan.cardActivityId) {
        const cardActivityId = await this.cards.post(plan);
        plan = (await this.plans.change(plan.id, (p) => ({ ...p, cardActivityId }))) ?? plan;
      }
      return plan;
    })().finally(() => this.proposing.delete(stored.id));
    this.proposing.set(stored.id, work);
    return work;
  }

  /**
   * A plan card's button (Action.Execute or the Submit fallback), clicked in conversation `where`. Answers fast;
   * applies continue in the background. Decisions count only where the plan was posted (or the approvers' channel).
   */
  async act(verb: PlanVerb, data: unknown, clicker: Person, where: ConversationRef): Promise<ActionAnswer> {
    const planId = (data as { planId?: unknown } | undefined)?.planId;
    if (typeof planId !== 'string' || !PLAN_ID.test(planId))
      return { text: "That button doesn't point at a request I know. Run the command again for a fresh card." };
    const found = await this.plans.get(planId);
    if (!found) return { text: "I can't find that request (it may be from another Palisade installation). Run the command again." };
    const plan = await this.expireIfDue(found);
    const place = this.deps.policy.decidesFrom(plan, where);
    if (verb === 'refresh') return { card: await this.cards.forViewer(plan, clicker, undefined, !place.ok) };
    if (!place.ok) return { text: place.reason };
    switch (verb) {
      case 'approve':
        return this.approve(plan, clicker);
      case 'reject':
        return this.reject(plan, clicker);
      case 'revert':
        return { card: await this.cards.forViewer(await this.requestRevert(plan, clicker), clicker, 'Revert requested: a new approval card is posted below.') };
      default:
        return { text: "I don't know that button." };
    }
  }

  private async approve(plan: StoredPlan, clicker: Person): Promise<ActionAnswer> {
    if (plan.state !== 'pending') return { card: await this.cards.forViewer(plan, clicker, stateNote(plan)) };
    const decision = await this.deps.policy.canApprove(clicker, plan);
    if (!decision.ok) return { card: await this.cards.forViewer(plan, clicker, decision.reason) };
    const updated = await this.plans.apply(plan.id, { type: 'approve', by: clicker, at: new Date(this.now()).toISOString() });
    if (!updated) {
      const latest = (await this.plans.get(plan.id))!;
      return { card: await this.cards.forViewer(latest, clicker, stateNote(latest)) };
    }
    await this.audit.record(updated, 'decision', clicker, { outcome: updated.state === 'approved' ? 'approved' : 'approval recorded' });
    if (updated.state === 'approved') this.applier.start(updated.id);
    await this.cards.refresh(updated);
    return { card: await this.cards.forViewer(updated, clicker) };
  }

  private async reject(plan: StoredPlan, clicker: Person): Promise<ActionAnswer> {
    if (plan.state !== 'pending') return { card: await this.cards.forViewer(plan, clicker, stateNote(plan)) };
    const own = samePerson(clicker, plan.requester);
    if (!own) {
      const decision = await this.deps.policy.canApprove(clicker, { ...plan, fourEyes: false, selfApprovalAllowed: true });
      if (!decision.ok) return { card: await this.cards.forViewer(plan, clicker, "You can't reject this: you are not an approver.") };
    }
    const updated = await this.plans.apply(plan.id, { type: 'reject', by: clicker, at: new Date(this.now()).toISOString() });
    const final = updated ?? (await this.plans.get(plan.id))!;
    if (updated) {
      await this.audit.record(final, 'decision', clicker, { outcome: own ? 'withdrawn' : 'rejected' });
      await this.cards.refresh(final);
    }
    return { card: await this.cards.forViewer(final, clicker, updated ? undefined : stateNote(final)) };
  }

  private async requestRevert(plan: StoredPlan, clicker: Person): Promise<StoredPlan> {
    if (plan.state !== 'applied' || !plan.revert) throw new UserError('Only an applied change with a known inverse can be reverted.');
    const already = new UserError('A revert of this change was already requested; see its card.');
    if (plan.revertedBy) throw already;
    const claimed = await this.plans.apply(plan.id, { type: 'claimRevert' });
    if (!claimed) throw already;
    try {
      const revert = await this.proposeAny(plan.revert.operation, plan.revert.args, { requester: clicker, conversation: plan.conversation, revertOf: plan.id });
      const updated = await this.plans.apply(plan.id, { type: 'revertProposed', planId: revert.id });
      await this.audit.record(plan, 'revert', clicker, { outcome: `revert requested as ${revert.id}` });
      return updated ?? claimed;
    } catch (e) {
      await this.plans.apply(plan.id, { type: 'releaseRevert' }); // let them try again
      throw e;
    }
  }

  /** At start: finish what a restart interrupted, expire what timed out while we were down, post cards never posted. */
  async reconcile(): Promise<void> {
    const plans = await this.plans.list();
    this.applier.resume(plans);
    await this.tidy(plans);
  }

  /** Expires due pending plans, settles unknown outcomes, posts missing cards and runs due timers (once across replicas); call periodically. */
  async sweep(): Promise<void> {
    const plans = await this.plans.list();
    await this.tidy(plans);
    await this.applier.recheck(plans);
    await this.timers.runDue();
  }

  private async tidy(plans: StoredPlan[]): Promise<void> {
    for (const plan of plans) {
      const current = plan.state === 'pending' ? await this.expireIfDue(plan) : plan;
      if (this.lostItsCard(current)) await this.completeProposal(current);
    }
  }

  /** A plan without a card whose proposing turn is over: this instance's failed one, or any once the grace has passed. */
  private lostItsCard(plan: StoredPlan): boolean {
    if (plan.cardActivityId || this.proposing.has(plan.id)) return false;
    return plan.proposedBy === this.instanceId || this.now() - Date.parse(plan.createdAt) >= CARD_GRACE_MS;
  }

  /** Waits for every background apply (tests, shutdown). */
  idle(): Promise<void> {
    return this.applier.idle();
  }

  pendingTimers(): Promise<TimerDoc[]> {
    return this.timers.pending();
  }

  async pendingPlans(): Promise<StoredPlan[]> {
    const live: StoredPlan[] = [];
    for (const p of await this.plans.list()) if (p.state === 'pending') live.push(await this.expireIfDue(p));
    return live.filter((p) => p.state === 'pending').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  getPlan(id: string): Promise<StoredPlan | undefined> {
    return this.plans.get(id);
  }

  private async expireIfDue(plan: StoredPlan): Promise<StoredPlan> {
    if (plan.state !== 'pending' || Date.parse(plan.expiresAt) > this.now()) return plan;
    const expired = await this.plans.apply(plan.id, { type: 'expire', at: new Date(this.now()).toISOString() });
    if (!expired) return (await this.plans.get(plan.id))!;
    await this.audit.record(expired, 'expire', SYSTEM, { outcome: 'expired' });
    await this.cards.refresh(expired);
    return expired;
  }
}
