import type { ApplyOutcome, OperationContext, StoredPlan } from '../approvals/types.js';
import { StalePlanError } from '../approvals/types.js';
import type { Person } from '../chat/events.js';
import { errorRef, isUserError } from '../errors.js';
import { routeText, trackRoutes } from '../kube/transport/route.js';
import type { Logger } from '../log.js';
import type { PlanAudit } from './audit.js';
import type { OperationLookup } from './operations.js';
import type { PlanCards } from './planCards.js';
import type { PlanStore } from './planStore.js';
import type { Timers } from './timers.js';

export interface ApplierDeps {
  plans: PlanStore;
  cards: PlanCards;
  audit: PlanAudit;
  timers: Timers;
  operations: OperationLookup;
  contextFor(requester: Person): OperationContext;
  log: Logger;
  now: () => number;
}

const RESTARTED_AFTER_WRITE = 'Palisade restarted during the apply; the change is confirmed from live state.';
const RESTARTED_BEFORE_WRITE = 'Palisade restarted before the change was written; applying it now…';

/** Runs approved plans in the background, exactly once, and finishes what a restart interrupted. */
export class Applier {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly deps: ApplierDeps) {}

  /** Runs an approved plan once, in the background; the clicker already has their answer. */
  start(planId: string): Promise<void> {
    const existing = this.running.get(planId);
    if (existing) return existing;
    const run = this.run(planId)
      .catch((err) => this.deps.log.error({ err, planId }, 'apply crashed'))
      .finally(() => this.running.delete(planId));
    this.running.set(planId, run);
    return run;
  }

  /** Waits for every background apply (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  /** At start: apply what was approved, and settle what was applying when Palisade stopped. */
  async resume(plans: StoredPlan[]): Promise<void> {
    for (const plan of plans) {
      if (plan.state === 'approved') this.start(plan.id);
      else if (plan.state === 'applying') await this.resumeApplying(plan);
    }
  }

  private now(): string {
    return new Date(this.deps.now()).toISOString();
  }

  private async run(planId: string): Promise<void> {
    const { plans, cards } = this.deps;
    const plan = await plans.apply(planId, { type: 'startApply', at: this.now() });
    if (!plan) return; // another click, replica or restart got there first
    await cards.refresh(plan);
    const op = this.deps.operations.get(plan.operation);
    let shown = plan.progress;
    // Pollers repeat the same line every few seconds: only a new line is worth a card update
    const progress = async (text: string) => {
      if (text === shown) return;
      shown = text;
      const p = await plans.apply(planId, { type: 'progress', text });
      if (p) await cards.refresh(p);
    };
    try {
      const ctx = this.deps.contextFor(plan.decidedBy ?? plan.requester);
      const tracked = trackRoutes(ctx.kube);
      const outcome = await op.apply({ ...ctx, kube: tracked.kube }, plan, progress);
      const via = routeText(tracked.route());
      await this.finish(plan, via ? { ...outcome, facts: [...outcome.facts, { title: 'Kubernetes', value: via }] } : outcome);
    } catch (err) {
      await this.fail(plan, err);
    }
  }

  private async finish(plan: StoredPlan, outcome: ApplyOutcome, note?: string): Promise<void> {
    const { audit } = this.deps;
    const done = await this.deps.plans.apply(plan.id, { type: 'applied', outcome, note, at: this.now() });
    const actor = plan.decidedBy ?? plan.requester;
    await audit.record(plan, 'apply', actor, { outcome: 'applied', before: plan.current, after: outcome.after ?? plan.desired, requestIds: outcome.requestIds });
    if (plan.revertOf) await audit.record(plan, 'revert', actor, { outcome: `reverted ${plan.revertOf}` });
    await this.deps.timers.arm(plan, outcome.timers);
    if (done) await this.deps.cards.refresh(done);
  }

  private async fail(plan: StoredPlan, err: unknown): Promise<void> {
    let error: { message: string; nextStep?: string };
    if (err instanceof StalePlanError || isUserError(err)) error = { message: err.message, nextStep: err.nextStep };
    else {
      const ref = errorRef();
      this.deps.log.error({ err, ref, planId: plan.id, operation: plan.operation }, 'apply failed');
      error = { message: `Internal error, ref ${ref}.`, nextStep: 'Nothing more was changed after the error. Check `audit` and run the command again.' };
    }
    const failed = await this.deps.plans.apply(plan.id, { type: 'failed', error, at: this.now() });
    await this.deps.audit.record(plan, 'apply', plan.decidedBy ?? plan.requester, { outcome: `failed: ${error.message}` });
    if (failed) await this.deps.cards.refresh(failed);
  }

  private async resumeApplying(plan: StoredPlan): Promise<void> {
    const op = this.deps.operations.find(plan.operation);
    try {
      const outcome = op?.reconcile ? await op.reconcile(this.deps.contextFor(plan.requester), plan) : undefined;
      if (outcome) return await this.finish(plan, outcome, RESTARTED_AFTER_WRITE);
      // The write never landed: it is still approved, so apply it now (apply() re-checks that the plan is not stale)
      const again = await this.deps.plans.apply(plan.id, { type: 'retryApply', note: RESTARTED_BEFORE_WRITE });
      if (again) this.start(plan.id);
    } catch (err) {
      await this.fail(plan, err);
    }
  }
}
