import { randomBytes } from 'node:crypto';
import type { AdaptiveCard, ConversationRef, Messenger, Person } from '../bot/events.js';
import { errorRef, isUserError, UserError } from '../errors.js';
import { currentOrigin } from '../understanding/origin.js';
import type { Logger } from '../log.js';
import { type AuditEntry, isPreconditionFailed, type Store } from '../store/types.js';
import { type Policy, samePerson } from './policy.js';
import { type ApplyOutcome, type Operation, type OperationContext, StalePlanError, type StoredPlan } from './types.js';

/** How a plan looks to one viewer; the shared card is rendered with no viewer. */
export interface PlanView {
  viewerCanDecide: boolean;
  note?: string;
  refreshUserIds: string[];
}
export type PlanCardRenderer = (plan: StoredPlan, view: PlanView) => AdaptiveCard;

/** What the clicker sees in answer to a button (their copy of the card, or a line of text). */
export interface ActionAnswer {
  card?: AdaptiveCard;
  text?: string;
}

export interface TimerDoc {
  id: string;
  dueAt: string;
  operation: string;
  args: unknown;
  title: string;
  planId: string;
  cluster?: string;
  conversation: ConversationRef;
  requester: Person;
  state: 'armed' | 'running' | 'done' | 'failed';
  owner?: string;
  claimedAt?: string;
}

export interface EngineDeps {
  store: Store;
  messenger: Messenger;
  policy: Policy;
  log: Logger;
  operations: Map<string, Operation<any, any>>;
  contextFor(requester: Person): OperationContext;
  renderPlan: PlanCardRenderer;
  /** MRIs of the people who may act on a plan (requester + known approvers), ≤ 60 for refresh.userIds. */
  deciders?(plan: StoredPlan): Promise<string[]>;
  now?: () => number;
  /** Unique per process: whose claim on a timer or an apply this is. */
  instanceId?: string;
}

const PLAN_ID = /^[A-Za-z0-9_-]{22}$/;
const SYSTEM: Person = { id: 'palisade', name: 'Palisade' };

/** plan → approve → apply, exactly once, with audit, revert, expiry and timed reverts; every state change persists. */
export class ApprovalEngine {
  private readonly now: () => number;
  readonly instanceId: string;
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
    this.instanceId = deps.instanceId ?? randomBytes(6).toString('hex');
  }

  /** Plans a change and posts its approval card into the conversation. */
  async propose(req: {
    operation: string;
    args: unknown;
    requester: Person;
    conversation: ConversationRef;
    revertOf?: string;
  }): Promise<StoredPlan> {
    const op = this.operation(req.operation);
    const allowed = await this.deps.policy.canRequest(req.requester);
    if (!allowed.ok) throw new UserError(allowed.reason);
    const draft = await op.plan(this.deps.contextFor(req.requester), req.args);
    const created = this.now();
    const fourEyes = draft.risk === 'widens' || Boolean(draft.requirements?.fourEyes);
    const plan: StoredPlan = {
      ...draft,
      id: randomBytes(16).toString('base64url'),
      operation: req.operation,
      args: req.args,
      requester: req.requester,
      conversation: req.conversation,
      createdAt: new Date(created).toISOString(),
      expiresAt: new Date(created + this.deps.policy.planTtlMs).toISOString(),
      state: 'pending',
      approvals: [],
      revertOf: req.revertOf,
      selfApprovalAllowed: this.deps.policy.selfApproval && !fourEyes,
      approvalsNeeded: Math.max(1, draft.requirements?.approvals ?? 1),
      fourEyes,
      origin: currentOrigin(),
    };
    // Who gets their own copy of the card is settled once per plan, not on every card update
    plan.refreshUserIds = ((await this.deps.deciders?.(plan)) ?? [plan.requester.id]).slice(0, 60);
    await this.deps.store.put('plans', plan.id, plan, { ifNoneMatch: '*' });
    await this.audit(plan, 'request', req.requester, { before: draft.current, after: draft.desired, words: plan.origin?.words, command: plan.origin?.command });
    const { id } = await this.deps.messenger.send(plan.conversation, { card: await this.sharedCard(plan) });
    return (await this.patch(plan.id, (p) => ({ ...p, cardActivityId: id }))) ?? plan;
  }

  /** A card button (Action.Execute or the Submit fallback). Answers fast; applies continue in the background. */
  async onAction(verb: string | undefined, data: unknown, clicker: Person): Promise<ActionAnswer> {
    const planId = (data as { planId?: unknown } | undefined)?.planId;
    if (!verb) return { text: 'That button sent no action. Run the command again for a fresh card.' };
    if (typeof planId !== 'string' || !PLAN_ID.test(planId))
      return { text: "That button doesn't point at a request I know. Run the command again for a fresh card." };
    const found = await this.deps.store.get<StoredPlan>('plans', planId);
    if (!found) return { text: "I can't find that request (it may be from another Palisade installation). Run the command again." };
    let plan = await this.expireIfDue(found.value);
    switch (verb) {
      case 'refresh':
        return { card: await this.viewerCard(plan, clicker) };
      case 'approve':
        return this.approve(plan, clicker);
      case 'reject':
        return this.reject(plan, clicker);
      case 'revert':
        plan = await this.requestRevert(plan, clicker);
        return { card: await this.viewerCard(plan, clicker, 'Revert requested: a new approval card is posted below.') };
      default:
        return { text: `I don't know the button "${verb}". Run the command again for a fresh card.` };
    }
  }

  private async approve(plan: StoredPlan, clicker: Person): Promise<ActionAnswer> {
    if (plan.state !== 'pending') return { card: await this.viewerCard(plan, clicker, stateNote(plan)) };
    const decision = await this.deps.policy.canApprove(clicker, plan);
    if (!decision.ok) return { card: await this.viewerCard(plan, clicker, decision.reason) };
    let won = false;
    const updated = await this.patch(plan.id, (p) => {
      if (p.state !== 'pending' || p.approvals.some((a) => samePerson(a.by, clicker))) return undefined;
      won = true;
      const approvals = [...p.approvals, { by: clicker, at: new Date(this.now()).toISOString() }];
      const done = approvals.length >= p.approvalsNeeded;
      return { ...p, approvals, state: done ? 'approved' : 'pending', decidedBy: done ? clicker : undefined };
    });
    if (!won || !updated) {
      const latest = (await this.deps.store.get<StoredPlan>('plans', plan.id))!.value;
      return { card: await this.viewerCard(latest, clicker, stateNote(latest)) };
    }
    await this.audit(updated, 'decision', clicker, { outcome: updated.state === 'approved' ? 'approved' : 'approval recorded' });
    if (updated.state === 'approved') this.startApply(updated.id);
    await this.refreshShared(updated);
    return { card: await this.viewerCard(updated, clicker) };
  }

  private async reject(plan: StoredPlan, clicker: Person): Promise<ActionAnswer> {
    if (plan.state !== 'pending') return { card: await this.viewerCard(plan, clicker, stateNote(plan)) };
    const own = samePerson(clicker, plan.requester);
    if (!own) {
      const decision = await this.deps.policy.canApprove(clicker, { ...plan, fourEyes: false, selfApprovalAllowed: true });
      if (!decision.ok) return { card: await this.viewerCard(plan, clicker, "You can't reject this: you are not an approver.") };
    }
    const updated = await this.patch(plan.id, (p) => (p.state === 'pending' ? { ...p, state: 'rejected', decidedBy: clicker, finishedAt: new Date(this.now()).toISOString() } : undefined));
    const final = updated ?? (await this.deps.store.get<StoredPlan>('plans', plan.id))!.value;
    if (updated) {
      await this.audit(final, 'decision', clicker, { outcome: own ? 'withdrawn' : 'rejected' });
      await this.refreshShared(final);
    }
    return { card: await this.viewerCard(final, clicker, updated ? undefined : stateNote(final)) };
  }

  private async requestRevert(plan: StoredPlan, clicker: Person): Promise<StoredPlan> {
    if (plan.state !== 'applied' || !plan.revert) throw new UserError('Only an applied change with a known inverse can be reverted.');
    if (plan.revertedBy) throw new UserError('A revert of this change was already requested; see its card.');
    let claimed = false;
    const marked = await this.patch(plan.id, (p) => {
      if (p.revertedBy) return undefined;
      claimed = true;
      return { ...p, revertedBy: 'pending' };
    });
    if (!claimed || !marked) throw new UserError('A revert of this change was already requested; see its card.');
    try {
      const revert = await this.propose({ operation: plan.revert.operation, args: plan.revert.args, requester: clicker, conversation: plan.conversation, revertOf: plan.id });
      const updated = await this.patch(plan.id, (p) => ({ ...p, revertedBy: revert.id }));
      await this.audit(plan, 'revert', clicker, { outcome: `revert requested as ${revert.id}` });
      return updated ?? marked;
    } catch (e) {
      await this.patch(plan.id, (p) => ({ ...p, revertedBy: undefined })); // let them try again
      throw e;
    }
  }

  /** Runs an approved plan once, in the background; the clicker already has their answer. */
  startApply(planId: string): Promise<void> {
    const existing = this.running.get(planId);
    if (existing) return existing;
    const run = this.runApply(planId)
      .catch((err) => this.deps.log.error({ err, planId }, 'apply crashed'))
      .finally(() => this.running.delete(planId));
    this.running.set(planId, run);
    return run;
  }

  /** Waits for every background apply (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  private async runApply(planId: string): Promise<void> {
    let claimed = false;
    const plan = await this.patch(planId, (p) => {
      if (p.state !== 'approved') return undefined;
      claimed = true;
      return { ...p, state: 'applying', applyStartedAt: new Date(this.now()).toISOString(), progress: 'Applying…' };
    });
    if (!claimed || !plan) return; // another click, replica or restart got there first
    await this.refreshShared(plan);
    const op = this.operation(plan.operation);
    let shown = plan.progress;
    // Pollers repeat the same line every few seconds: only a new line is worth a card update
    const progress = async (text: string) => {
      if (text === shown) return;
      shown = text;
      const p = await this.patch(planId, (cur) => (cur.state === 'applying' ? { ...cur, progress: text } : undefined));
      if (p) await this.refreshShared(p);
    };
    try {
      const outcome = await op.apply(this.deps.contextFor(plan.decidedBy ?? plan.requester), plan, progress);
      await this.finish(plan, outcome);
    } catch (err) {
      await this.fail(plan, err);
    }
  }

  private async finish(plan: StoredPlan, outcome: ApplyOutcome, note?: string): Promise<void> {
    const done = await this.patch(plan.id, (p) => ({
      ...p,
      state: 'applied',
      result: outcome,
      progress: note,
      finishedAt: new Date(this.now()).toISOString(),
    }));
    await this.audit(plan, 'apply', plan.decidedBy ?? plan.requester, {
      outcome: 'applied',
      before: plan.current,
      after: outcome.after ?? plan.desired,
      requestIds: outcome.requestIds,
    });
    if (plan.revertOf) await this.audit(plan, 'revert', plan.decidedBy ?? plan.requester, { outcome: `reverted ${plan.revertOf}` });
    for (const t of outcome.timers ?? []) await this.armTimer(plan, t);
    if (done) await this.refreshShared(done);
  }

  private async fail(plan: StoredPlan, err: unknown): Promise<void> {
    let error: { message: string; nextStep?: string };
    if (err instanceof StalePlanError) error = { message: err.message, nextStep: err.nextStep };
    else if (isUserError(err)) error = { message: err.message, nextStep: err.nextStep };
    else {
      const ref = errorRef();
      this.deps.log.error({ err, ref, planId: plan.id, operation: plan.operation }, 'apply failed');
      error = { message: `Internal error, ref ${ref}.`, nextStep: 'Nothing more was changed after the error. Check `audit` and run the command again.' };
    }
    const failed = await this.patch(plan.id, (p) => ({ ...p, state: 'failed', error, progress: undefined, finishedAt: new Date(this.now()).toISOString() }));
    await this.audit(plan, 'apply', plan.decidedBy ?? plan.requester, { outcome: `failed: ${error.message}` });
    if (failed) await this.refreshShared(failed);
  }

  /** At start: finish what a restart interrupted, and expire what timed out while we were down. */
  async reconcile(): Promise<void> {
    const plans = await this.deps.store.list<StoredPlan>('plans');
    for (const { value: plan } of plans) {
      if (plan.state === 'approved') this.startApply(plan.id);
      else if (plan.state === 'applying') await this.reconcileApplying(plan);
      else if (plan.state === 'pending') await this.expireIfDue(plan);
    }
  }

  private async reconcileApplying(plan: StoredPlan): Promise<void> {
    const op = this.deps.operations.get(plan.operation);
    try {
      const outcome = op?.reconcile ? await op.reconcile(this.deps.contextFor(plan.requester), plan) : undefined;
      if (outcome) return await this.finish(plan, outcome, 'Palisade restarted during the apply; the change is confirmed from live state.');
      // The write never landed: it is still approved, so apply it now (apply() re-checks that the plan is not stale)
      const again = await this.patch(plan.id, (p) => (p.state === 'applying' ? { ...p, state: 'approved', progress: 'Palisade restarted before the change was written; applying it now…' } : undefined));
      if (again) this.startApply(plan.id);
    } catch (err) {
      await this.fail(plan, err);
    }
  }

  /** Expires due pending plans and runs due timers; call periodically. Timers run once across replicas. */
  async sweep(): Promise<void> {
    for (const { value } of await this.deps.store.list<StoredPlan>('plans')) if (value.state === 'pending') await this.expireIfDue(value);
    const nowIso = new Date(this.now()).toISOString();
    for (const { id, value, etag } of await this.deps.store.list<TimerDoc>('timers')) {
      const stuck = value.state === 'running' && value.claimedAt && this.now() - Date.parse(value.claimedAt) > 10 * 60_000;
      if ((value.state !== 'armed' && !stuck) || value.dueAt > nowIso) continue;
      try {
        await this.deps.store.put('timers', id, { ...value, state: 'running', owner: this.instanceId, claimedAt: nowIso }, { ifMatch: etag });
      } catch (e) {
        if (isPreconditionFailed(e)) continue; // another replica claimed it
        throw e;
      }
      await this.runTimer(value);
    }
  }

  private async runTimer(timer: TimerDoc): Promise<void> {
    const op = this.operation(timer.operation);
    const ctx = this.deps.contextFor(SYSTEM);
    let text: string;
    let state: TimerDoc['state'] = 'done';
    try {
      const draft = await op.plan(ctx, timer.args);
      const plan: StoredPlan = {
        ...draft, id: randomBytes(16).toString('base64url'), operation: timer.operation, args: timer.args, requester: SYSTEM,
        conversation: timer.conversation, createdAt: new Date(this.now()).toISOString(), expiresAt: new Date(this.now()).toISOString(),
        state: 'applying', approvals: [], selfApprovalAllowed: false, approvalsNeeded: 1, fourEyes: false,
      };
      const outcome = await op.apply(ctx, plan, async () => {});
      text = `⏱ ${timer.title}: done. ${outcome.summary}`;
      await this.deps.store.appendAudit({ at: new Date(this.now()).toISOString(), kind: 'timer', actor: SYSTEM, cluster: timer.cluster, planId: timer.planId, summary: timer.title, outcome: 'applied', requestIds: outcome.requestIds, before: draft.current, after: outcome.after ?? draft.desired });
    } catch (err) {
      state = 'failed';
      const msg = isUserError(err) || err instanceof StalePlanError ? err.message : `internal error, ref ${errorRef()}`;
      if (!isUserError(err)) this.deps.log.error({ err, timer: timer.id }, 'timed revert failed');
      text = `⏱ ${timer.title}: could not be done automatically (${msg}). Please check \`ip ranges\`.`;
      await this.deps.store.appendAudit({ at: new Date(this.now()).toISOString(), kind: 'timer', actor: SYSTEM, cluster: timer.cluster, planId: timer.planId, summary: timer.title, outcome: `failed: ${msg}` });
    }
    await this.deps.store.put('timers', timer.id, { ...timer, state });
    try {
      await this.deps.messenger.send(timer.conversation, { text });
    } catch (err) {
      this.deps.log.warn({ err, timer: timer.id }, 'could not announce a timed revert');
    }
  }

  private async armTimer(plan: StoredPlan, t: NonNullable<ApplyOutcome['timers']>[number]): Promise<void> {
    const id = `${plan.id}-${randomBytes(4).toString('hex')}`;
    const doc: TimerDoc = {
      id, dueAt: new Date(this.now() + t.afterMs).toISOString(), operation: t.operation, args: t.args, title: t.title,
      planId: plan.id, cluster: plan.target.cluster, conversation: plan.conversation, requester: plan.requester, state: 'armed',
    };
    await this.deps.store.put('timers', id, doc, { ifNoneMatch: '*' });
  }

  async pendingTimers(): Promise<TimerDoc[]> {
    return (await this.deps.store.list<TimerDoc>('timers')).map((t) => t.value).filter((t) => t.state === 'armed');
  }

  async pendingPlans(): Promise<StoredPlan[]> {
    const all = (await this.deps.store.list<StoredPlan>('plans')).map((p) => p.value);
    const live: StoredPlan[] = [];
    for (const p of all) if (p.state === 'pending') live.push(await this.expireIfDue(p));
    return live.filter((p) => p.state === 'pending').sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async getPlan(id: string): Promise<StoredPlan | undefined> {
    return (await this.deps.store.get<StoredPlan>('plans', id))?.value;
  }

  private async expireIfDue(plan: StoredPlan): Promise<StoredPlan> {
    if (plan.state !== 'pending' || Date.parse(plan.expiresAt) > this.now()) return plan;
    const expired = await this.patch(plan.id, (p) => (p.state === 'pending' ? { ...p, state: 'expired', finishedAt: new Date(this.now()).toISOString() } : undefined));
    if (!expired) return (await this.deps.store.get<StoredPlan>('plans', plan.id))!.value;
    await this.audit(expired, 'expire', SYSTEM, { outcome: 'expired' });
    await this.refreshShared(expired);
    return expired;
  }

  private operation(name: string): Operation<any, any> {
    const op = this.deps.operations.get(name);
    if (!op) throw new Error(`unknown operation ${name}`);
    return op;
  }

  /** Conditional read-modify-write of one plan; fn returns undefined to leave it. Returns the new plan or undefined. */
  private async patch(id: string, fn: (p: StoredPlan) => StoredPlan | undefined): Promise<StoredPlan | undefined> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const cur = await this.deps.store.get<StoredPlan>('plans', id);
      if (!cur) return undefined;
      const next = fn(cur.value);
      if (!next) return undefined;
      try {
        await this.deps.store.put('plans', id, next, { ifMatch: cur.etag });
        return next;
      } catch (e) {
        if (!isPreconditionFailed(e)) throw e;
      }
    }
    throw new Error(`plan ${id}: too much contention`);
  }

  private async sharedCard(plan: StoredPlan): Promise<AdaptiveCard> {
    return this.deps.renderPlan(plan, { viewerCanDecide: true, refreshUserIds: plan.refreshUserIds ?? [plan.requester.id] });
  }

  private async viewerCard(plan: StoredPlan, viewer: Person, note?: string): Promise<AdaptiveCard> {
    const viewerCanDecide = plan.state === 'pending' && (await this.deps.policy.mayDecide(viewer, plan));
    return this.deps.renderPlan(plan, { viewerCanDecide, note, refreshUserIds: plan.refreshUserIds ?? [plan.requester.id] });
  }

  /** Updates the card everyone sees; a failed update (message deleted, bot removed) is logged, never fatal. */
  private async refreshShared(plan: StoredPlan): Promise<void> {
    if (!plan.cardActivityId) return;
    try {
      await this.deps.messenger.update(plan.conversation, plan.cardActivityId, { card: await this.sharedCard(plan) });
    } catch (err) {
      this.deps.log.warn({ err, planId: plan.id }, 'could not update the shared plan card');
    }
  }

  private async audit(plan: StoredPlan, kind: AuditEntry['kind'], actor: Person, extra: Partial<AuditEntry>): Promise<void> {
    await this.deps.store.appendAudit({
      at: new Date(this.now()).toISOString(),
      kind,
      actor: { id: actor.id, aadObjectId: actor.aadObjectId, name: actor.name },
      cluster: plan.target.cluster ?? plan.target.subscriptionId,
      planId: plan.id,
      summary: plan.title,
      ...extra,
    });
  }
}

function stateNote(plan: StoredPlan): string {
  const who = plan.decidedBy?.name ?? plan.decidedBy?.id ?? 'someone';
  switch (plan.state) {
    case 'pending':
      return 'Your approval is recorded; this request needs another approver.';
    case 'approved':
    case 'applying':
      return `Already approved by ${who}; it is being applied.`;
    case 'applied':
      return `Already approved by ${who} and applied.`;
    case 'failed':
      return 'This request was approved but failed; see the card for the reason.';
    case 'rejected':
      return `This request was rejected by ${who}.`;
    case 'expired':
      return `This request expired at ${plan.expiresAt.slice(0, 16).replace('T', ' ')} UTC. Run the command again for a fresh plan.`;
  }
}
