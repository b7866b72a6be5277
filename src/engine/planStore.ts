import { type PlanEvent, transition } from '../approvals/lifecycle.js';
import type { StoredPlan } from '../approvals/types.js';
import type { Store } from '../store/types.js';

/** Plans in the store ('plans' collection); every change is one lifecycle event, written with the store's conditional update. */
export class PlanStore {
  constructor(private readonly store: Store) {}

  async get(id: string): Promise<StoredPlan | undefined> {
    return (await this.store.get<StoredPlan>('plans', id))?.value;
  }

  async list(): Promise<StoredPlan[]> {
    return (await this.store.list<StoredPlan>('plans')).map((p) => p.value);
  }

  async create(plan: StoredPlan): Promise<void> {
    await this.store.put('plans', plan.id, plan, { ifNoneMatch: '*' });
  }

  /** The plan after `event`, or undefined when the event did not apply to the plan as it is now (another click, replica or restart). */
  apply(id: string, event: PlanEvent): Promise<StoredPlan | undefined> {
    return this.change(id, (p) => transition(p, event));
  }

  /** Read-modify-write of one plan (retried under contention); `fn` returns undefined to leave it. The written plan, or undefined. */
  async change(id: string, fn: (plan: StoredPlan) => StoredPlan | undefined): Promise<StoredPlan | undefined> {
    let written: StoredPlan | undefined;
    await this.store.update<StoredPlan>('plans', id, (current) => {
      // fn may run again after a lost race: only the last run's answer was written
      written = current ? fn(current) : undefined;
      return written;
    });
    return written;
  }
}
