import type { Person } from '../chat/events.js';
import { samePerson } from '../chat/person.js';
import type { ApplyOutcome, PlanError, StoredPlan } from './types.js';

/**
 * A plan's life as a pure function: pending → approved → applying → applied / failed, or pending → rejected /
 * expired. An apply whose outcome live state cannot tell yet goes applying → unknown → applied / failed. An applied plan is reverted once its `revertedBy` names the revert plan (which then lives its own life).
 * `transition` returns the next plan, or undefined when the event does not apply in the plan's state (nothing changes).
 */
export type PlanEvent =
  | { type: 'approve'; by: Person; at: string }
  | { type: 'reject'; by: Person; at: string }
  | { type: 'expire'; at: string }
  | { type: 'startApply'; at: string }
  | { type: 'progress'; text: string }
  | { type: 'applied'; outcome: ApplyOutcome; note?: string; at: string }
  | { type: 'failed'; error: PlanError; at: string }
  /** The apply ended in an error and live state could not tell whether the change landed: reconciled later. */
  | { type: 'unknown'; error: PlanError; at: string }
  /** Palisade restarted before the write landed: back to approved, to be applied again. */
  | { type: 'retryApply'; note: string }
  /** Someone asked to revert an applied plan: claim it so only one revert is proposed. */
  | { type: 'claimRevert' }
  | { type: 'revertProposed'; planId: string }
  | { type: 'releaseRevert' };

export function transition(plan: StoredPlan, event: PlanEvent): StoredPlan | undefined {
  switch (event.type) {
    case 'approve': {
      if (plan.state !== 'pending' || plan.approvals.some((a) => samePerson(a.by, event.by))) return undefined;
      const approvals = [...plan.approvals, { by: event.by, at: event.at }];
      const done = approvals.length >= plan.approvalsNeeded;
      return { ...plan, approvals, state: done ? 'approved' : 'pending', decidedBy: done ? event.by : undefined };
    }
    case 'reject':
      return plan.state === 'pending' ? { ...plan, state: 'rejected', decidedBy: event.by, finishedAt: event.at } : undefined;
    case 'expire':
      return plan.state === 'pending' && Date.parse(plan.expiresAt) <= Date.parse(event.at) ? { ...plan, state: 'expired', finishedAt: event.at } : undefined;
    case 'startApply':
      return plan.state === 'approved' ? { ...plan, state: 'applying', applyStartedAt: event.at, progress: 'Applying…' } : undefined;
    case 'progress':
      return plan.state === 'applying' ? { ...plan, progress: event.text } : undefined;
    case 'applied':
      return plan.state === 'applying' || plan.state === 'unknown'
        ? { ...plan, state: 'applied', result: event.outcome, progress: event.note, error: undefined, finishedAt: event.at }
        : undefined;
    case 'failed':
      return plan.state === 'applying' || plan.state === 'unknown' ? { ...plan, state: 'failed', error: event.error, progress: undefined, finishedAt: event.at } : undefined;
    case 'unknown':
      return plan.state === 'applying' ? { ...plan, state: 'unknown', error: event.error, progress: undefined } : undefined;
    case 'retryApply':
      return plan.state === 'applying' ? { ...plan, state: 'approved', progress: event.note } : undefined;
    case 'claimRevert':
      return plan.state === 'applied' && plan.revert && !plan.revertedBy ? { ...plan, revertedBy: 'pending' } : undefined;
    case 'revertProposed':
      return plan.revertedBy === 'pending' ? { ...plan, revertedBy: event.planId } : undefined;
    case 'releaseRevert':
      return plan.revertedBy === 'pending' ? { ...plan, revertedBy: undefined } : undefined;
  }
}
