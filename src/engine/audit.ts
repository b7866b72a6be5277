import type { StoredPlan } from '../approvals/types.js';
import type { Person } from '../chat/events.js';
import type { AuditEntry, Store } from '../store/types.js';

/** The append-only audit of plans: who asked, decided, applied or reverted what, and the state before and after. */
export class PlanAudit {
  constructor(private readonly store: Store, private readonly now: () => number) {}

  async record(plan: StoredPlan, kind: AuditEntry['kind'], actor: Person, extra: Partial<AuditEntry>): Promise<void> {
    await this.store.appendAudit({
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
