import type { AnyOperation, ApplyOutcome, LiveOutcome, OperationContext, PlanError, Progress, StoredPlan } from '../approvals/types.js';
import { StalePlanError } from '../approvals/types.js';
import { errorRef, isUserError } from '../errors.js';
import type { Logger } from '../log.js';

/** How an apply ended, decided from live state whenever a write may have been sent. */
export type Settled =
  | { kind: 'applied'; outcome: ApplyOutcome; note?: string }
  | { kind: 'failed'; error: PlanError }
  | { kind: 'unknown'; error: PlanError };

export const UNKNOWN_NEXT_STEP = 'Palisade reads live state again in the background and updates this card when it knows.';

/** A user error or a stale plan as it is; anything else as "internal error, ref X" plus a full log line. */
export function planError(err: unknown, log: Logger, plan: StoredPlan): PlanError {
  if (err instanceof StalePlanError || isUserError(err)) return { message: err.message, nextStep: err.nextStep };
  const ref = errorRef();
  log.error({ err, ref, planId: plan.id, operation: plan.operation }, 'apply failed');
  return { message: `Internal error, ref ${ref}.`, nextStep: 'Check `audit`, and run the command again if the change is still wanted.' };
}

/** Runs apply; after any error but a stale plan (found before writing), live state decides what happened. */
export async function applyAndSettle(op: AnyOperation, ctx: OperationContext, plan: StoredPlan, progress: Progress, log: Logger): Promise<Settled> {
  try {
    return { kind: 'applied', outcome: await op.apply(ctx, plan, progress) };
  } catch (err) {
    const error = planError(err, log, plan);
    if (err instanceof StalePlanError) return { kind: 'failed', error };
    return settleFromLive(op, ctx, plan, error, log);
  }
}

/** Asks live state whether the plan's change landed; an unreadable state is an unknown outcome, never "nothing changed". */
export async function settleFromLive(op: AnyOperation, ctx: OperationContext, plan: StoredPlan, error: PlanError, log: Logger): Promise<Settled> {
  let live: LiveOutcome;
  try {
    live = await op.check(ctx, plan);
  } catch (err) {
    log.warn({ err, planId: plan.id }, 'could not read live state after an apply error');
    live = { state: 'unknown', reason: `live state could not be read (${err instanceof Error ? err.message : String(err)})` };
  }
  switch (live.state) {
    case 'applied':
      return { kind: 'applied', outcome: live.outcome, note: `${error.message.replace(/\.$/, '')}, but the change landed (confirmed from live state).` };
    case 'notApplied':
    case 'partial':
      return { kind: 'failed', error: { ...error, live: live.live } };
    case 'unknown':
      return { kind: 'unknown', error: { message: error.message, nextStep: UNKNOWN_NEXT_STEP, live: `Outcome unknown: ${live.reason.replace(/\.$/, '')}.` } };
  }
}
