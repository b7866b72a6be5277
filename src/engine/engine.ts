import { currentOrigin } from '../understanding/origin.js';
import { randomBytes } from 'node:crypto';
import type { OperationName } from '../approvals/names.js';
import type { Policy } from '../approvals/policy.js';
import type { ArgsOf, OperationContext, PlanOfOperation, StoredPlan, TimerDoc } from '../approvals/types.js';
import type { AdaptiveCard, ConversationRef, Messenger, Person } from '../chat/events.js';
import { samePerson } from '../chat/person.js';
import { UserError } from '../errors.js';
import { trackRoutes } from '../kube/transport/route.js';
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

  constructor(private readonly deps: EngineDeps<Ops>) {
    this.now = deps.now ?? Date.now;
    this.instanceId = deps.instanceId ?? randomBytes(6).toString('hex');
    const contextFor = (requester: Person): OperationContext => ({ ...deps.operationContext, requester });
    this.plans = new PlanStore(deps.store);
    this.cards = new PlanCards(deps);
    this.audit = new PlanAudit(deps.store, this.now);
    this.operations = new OperationLookup(deps.operations);
    this.timers = new Timers({ ...deps, operations: this.operations, contextFor, now: this.now, instanceId: this.instanceId });
    this.applier = new Applier({ plans: this.plans, cards: this.cards, audit: this.audit, timers: this.timers, operations: this.operations, contextFor, log: deps.log, now: this.now });
  }

  /** Plans a change and posts its approval card into the conversation. */
  async propose<N extends OperationName & keyof Ops>(operation: N, args: ArgsOf<Ops[N]>, by: ProposedBy): Promise<PlanOfOperation<Ops[N]>> {
    return (await this.proposeAny(operation, args, by)) as PlanOfOperation<Ops[N]>;
  }

  private async proposeAny(operation: OperationName, args: unknown, by: ProposedBy): Promise<StoredPlan> {
    const { policy } = this.deps;
    const op = this.operations.get(operation);
    const allowed = await policy.canRequest(by.requester);
    if (!allowed.ok) throw new UserError(allowed.reason);
    const tracked = trackRoutes(this.deps.operationContext.kube);
    const draft = fitPlanCard(await op.plan({ ...this.deps.operationContext, kube: tracked.kube, requester: by.requester }, args));
    const created = this.now();
    const fourEyes = draft.risk === 'widens' || Boolean(draft.requirements?.fourEyes);
    const plan: StoredPlan = {
      ...draft,
      id: randomBytes(16).toString('base64url'),
      operation,
      args,
      requester: by.requester,
      conversation: by.conversation,
      createdAt: new Date(created).toISOString(),
      expiresAt: new Date(created + policy.planTtlMs).toISOString(),
      state: 'pending',
      approvals: [],
      revertOf: by.revertOf,
      selfApprovalAllowed: policy.selfApproval && !fourEyes,
      approvalsNeeded: Math.max(1, draft.requirements?.approvals ?? 1),
      fourEyes,
      reachedVia: reachedVia(tracked.route()),
      // what the requester typed and the command it was read as (issue 11), for the card and the audit
      origin: currentOrigin(),
    };
    // Who gets their own copy of the card is settled once per plan, not on every card update
    plan.refreshUserIds = ((await this.deps.deciders?.(plan)) ?? [plan.requester.id]).slice(0, 60);
    await this.plans.create(plan);
    await this.audit.record(plan, 'request', by.requester, { before: draft.current, after: draft.desired, words: plan.origin?.words, command: plan.origin?.command });
    const cardActivityId = await this.cards.post(plan);
    return (await this.plans.change(plan.id, (p) => ({ ...p, cardActivityId }))) ?? plan;
  }

  /** A plan card's button (Action.Execute or the Submit fallback). Answers fast; applies continue in the background. */
  async act(verb: PlanVerb, data: unknown, clicker: Person): Promise<ActionAnswer> {
    const planId = (data as { planId?: unknown } | undefined)?.planId;
    if (typeof planId !== 'string' || !PLAN_ID.test(planId))
      return { text: "That button doesn't point at a request I know. Run the command again for a fresh card." };
    const found = await this.plans.get(planId);
    if (!found) return { text: "I can't find that request (it may be from another Palisade installation). Run the command again." };
    const plan = await this.expireIfDue(found);
    switch (verb) {
      case 'refresh':
        return { card: await this.cards.forViewer(plan, clicker) };
      case 'approve':
        return this.approve(plan, clicker);
      case 'reject':
        return this.reject(plan, clicker);
      case 'revert':
        return { card: await this.cards.forViewer(await this.requestRevert(plan, clicker), clicker, 'Revert requested: a new approval card is posted below.') };
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

  /** At start: finish what a restart interrupted, and expire what timed out while we were down. */
  async reconcile(): Promise<void> {
    const plans = await this.plans.list();
    await this.applier.resume(plans);
    for (const plan of plans) if (plan.state === 'pending') await this.expireIfDue(plan);
  }

  /** Expires due pending plans and runs due timers; call periodically. Timers run once across replicas. */
  async sweep(): Promise<void> {
    for (const plan of await this.plans.list()) if (plan.state === 'pending') await this.expireIfDue(plan);
    await this.timers.runDue();
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
