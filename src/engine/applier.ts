import type { ApplyOutcome, LiveOutcome, OperationContext, PlanError, StoredPlan } from '../approvals/types.js';
import type { Person } from '../chat/events.js';
import { routeText, trackRoutes } from '../kube/transport/route.js';
import type { Logger } from '../log.js';
import type { PlanAudit } from './audit.js';
import type { OperationLookup } from './operations.js';
import type { PlanCards } from './planCards.js';
import type { PlanStore } from './planStore.js';
import { applyAndSettle, type Settled, settleFromLive, UNKNOWN_NEXT_STEP } from './settle.js';
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
const RESTARTED: PlanError = { message: 'Palisade restarted during the apply.', nextStep: UNKNOWN_NEXT_STEP };

/** Runs approved plans in the background, exactly once, decides their outcome from live state, and finishes what a restart interrupted. */
export class Applier {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly deps: ApplierDeps) {}

  /** Runs an approved plan once, in the background; the clicker already has their answer. */
  start(planId: string): Promise<void> {
    return this.once(planId, () => this.run(planId));
  }

  /** Waits for every background apply (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  /** At start: apply what was approved, and settle what was applying when Palisade stopped (in the background). */
  resume(plans: StoredPlan[]): void {
    for (const plan of plans) {
      if (plan.state === 'approved') this.start(plan.id);
      else if (plan.state === 'applying') void this.once(plan.id, () => this.resumeApplying(plan));
    }
  }

  /** Plans whose outcome was unknown: ask live state again; they stay unknown until it can tell. */
  async recheck(plans: StoredPlan[]): Promise<void> {
    for (const plan of plans) {
      if (plan.state !== 'unknown') continue;
      await this.once(plan.id, async () => {
        const op = this.deps.operations.get(plan.operation);
        const error = { message: plan.error?.message ?? 'The apply was interrupted.', nextStep: 'Run the command again if the change is still wanted.' };
        const settled = await settleFromLive(op, this.deps.contextFor(plan.requester), plan, error, this.deps.log);
        if (settled.kind !== 'unknown') await this.settle(plan, settled);
      });
    }
  }

  private once(planId: string, work: () => Promise<void>): Promise<void> {
    const existing = this.running.get(planId);
    if (existing) return existing;
    const run = work()
      .catch((err) => this.deps.log.error({ err, planId }, 'apply crashed'))
      .finally(() => this.running.delete(planId));
    this.running.set(planId, run);
    return run;
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
    // how the apply reached the cluster (directly, or through AKS Run Command) is a fact of its outcome
    const ctx = this.deps.contextFor(plan.decidedBy ?? plan.requester);
    const tracked = trackRoutes(ctx.kube);
    const settled = await applyAndSettle(op, { ...ctx, kube: tracked.kube }, plan, progress, this.deps.log);
    const via = routeText(tracked.route());
    await this.settle(plan, settled.kind === 'applied' && via ? { ...settled, outcome: { ...settled.outcome, facts: [...settled.outcome.facts, { title: 'Kubernetes', value: via }] } } : settled);
  }

  private async settle(plan: StoredPlan, settled: Settled): Promise<void> {
    switch (settled.kind) {
      case 'applied':
        return this.finish(plan, settled.outcome, settled.note);
      case 'failed':
        return this.fail(plan, settled.error);
      case 'unknown':
        return this.markUnknown(plan, settled.error);
    }
  }

  private async finish(plan: StoredPlan, outcome: ApplyOutcome, note?: string): Promise<void> {
    const { audit } = this.deps;
    const done = await this.deps.plans.apply(plan.id, { type: 'applied', outcome, note, at: this.now() });
    if (!done) return; // settled already, by another replica's sweep
    const actor = plan.decidedBy ?? plan.requester;
    await audit.record(plan, 'apply', actor, { outcome: 'applied', before: plan.current, after: outcome.after ?? plan.desired, requestIds: outcome.requestIds });
    if (plan.revertOf) await audit.record(plan, 'revert', actor, { outcome: `reverted ${plan.revertOf}` });
    await this.deps.timers.arm(plan, outcome.timers);
    await this.deps.cards.refresh(done);
  }

  private async fail(plan: StoredPlan, error: PlanError): Promise<void> {
    const failed = await this.deps.plans.apply(plan.id, { type: 'failed', error, at: this.now() });
    if (!failed) return;
    await this.deps.audit.record(plan, 'apply', plan.decidedBy ?? plan.requester, { outcome: `failed: ${error.message}${error.live ? ` ${error.live}` : ''}` });
    await this.deps.cards.refresh(failed);
  }

  private async markUnknown(plan: StoredPlan, error: PlanError): Promise<void> {
    const unknown = await this.deps.plans.apply(plan.id, { type: 'unknown', error, at: this.now() });
    if (!unknown) return;
    await this.deps.audit.record(plan, 'apply', plan.decidedBy ?? plan.requester, { outcome: 'unknown', detail: `${error.message} ${error.live ?? ''}`.trim() });
    await this.deps.cards.refresh(unknown);
  }

  private async resumeApplying(plan: StoredPlan): Promise<void> {
    const op = this.deps.operations.get(plan.operation);
    let live: LiveOutcome;
    try {
      live = await op.check(this.deps.contextFor(plan.requester), plan);
    } catch (err) {
      live = { state: 'unknown', reason: `live state could not be read (${err instanceof Error ? err.message : String(err)})` };
    }
    switch (live.state) {
      case 'applied':
        return this.finish(plan, live.outcome, RESTARTED_AFTER_WRITE);
      case 'notApplied': {
        // The write never landed: it is still approved, so apply it now (apply() re-checks that the plan is not stale)
        const again = await this.deps.plans.apply(plan.id, { type: 'retryApply', note: RESTARTED_BEFORE_WRITE });
        if (again) await this.run(plan.id);
        return;
      }
      case 'partial':
        return this.fail(plan, { ...RESTARTED, nextStep: 'Run the command again: it writes only what is still missing.', live: live.live });
      case 'unknown':
        return this.markUnknown(plan, { ...RESTARTED, live: `Outcome unknown: ${live.reason.replace(/\.$/, '')}.` });
    }
  }
}
