import type { ConversationRef, Person } from '../bot/events.js';
import type { Logger } from '../log.js';

/** `narrows` exposure (safe direction), `widens` it / removes protection (four-eyes), or `neutral`. */
export type Risk = 'narrows' | 'widens' | 'neutral';

export interface DiffRow {
  label: string;
  before: string;
  after: string;
}

export interface Fact {
  title: string;
  value: string;
}

/** What an operation's pure `plan()` returns: everything the card shows and `apply()` needs. */
export interface PlanDraft {
  title: string;
  /** Cluster name, or subscription for subscription-wide changes; used by audit and `approvals`. */
  target: { cluster?: string; subscriptionId?: string; resourceGroup?: string; namespace?: string; resource?: string };
  current: unknown;
  desired: unknown;
  diff: DiffRow[];
  risk: Risk;
  warnings: string[];
  /** The ETag / resourceVersion read at plan time: apply refuses when live state moved on. */
  precondition: { etag?: string; resourceVersion?: string };
  /** How to undo it after it is applied: another operation with its arguments. */
  revert?: { operation: string; args: unknown; title: string };
  /** Extra requirements beyond the policy: a second approver (four-eyes), several approvals, a typed confirmation. */
  requirements?: { fourEyes?: boolean; approvals?: number; reason?: string };
  /** Long text (YAML, rule lists) shown collapsed. */
  details?: string;
  /** One-line note under the title. */
  note?: string;
}

export type PlanState = 'pending' | 'approved' | 'applying' | 'applied' | 'failed' | 'rejected' | 'expired';

export interface ApplyOutcome {
  summary: string;
  facts: Fact[];
  after?: unknown;
  /** Azure x-ms-request-id / Kubernetes audit ids, for the audit log. */
  requestIds: string[];
  /** Timers to arm after the apply (e.g. a timed allowlist entry's removal). */
  timers?: Array<{ afterMs: number; operation: string; args: unknown; title: string }>;
}

export interface StoredPlan extends PlanDraft {
  id: string;
  operation: string;
  args: unknown;
  requester: Person;
  conversation: ConversationRef;
  cardActivityId?: string;
  createdAt: string;
  expiresAt: string;
  state: PlanState;
  approvals: Array<{ by: Person; at: string }>;
  decidedBy?: Person;
  applyStartedAt?: string;
  finishedAt?: string;
  progress?: string;
  result?: ApplyOutcome;
  error?: { message: string; nextStep?: string };
  revertOf?: string;
  revertedBy?: string;
  /** MRIs that get their own copy of the card (refresh.userIds, ≤ 60): the requester and the approvers seen so far. */
  refreshUserIds?: string[];
  /** Set by the engine when the policy allows the requester to approve their own request (sandbox). */
  selfApprovalAllowed: boolean;
  approvalsNeeded: number;
  fourEyes: boolean;
  /** What the requester typed and the command it was read as (shown on the card, kept in the audit). */
  origin?: { words: string; command: string };
}

/** What operations get: reads and writes through our wrappers, never the engine or chat. */
export interface OperationContext {
  log: Logger;
  requester: Person;
}

export interface Operation<Args = any, Ctx extends OperationContext = OperationContext> {
  name: string;
  /** Reads only. Throws UserError for bad input or a state that cannot be changed this way. */
  plan(ctx: Ctx, args: Args): Promise<PlanDraft>;
  /**
   * The only writer: re-reads live state, refuses a stale plan (StalePlanError), writes with the precondition and
   * waits for the outcome. `progress` updates the card while it waits.
   */
  apply(ctx: Ctx, plan: StoredPlan & { args: Args }, progress: (text: string) => Promise<void>): Promise<ApplyOutcome>;
  /** After a restart during apply: read live state and say whether the change landed. */
  reconcile?(ctx: Ctx, plan: StoredPlan & { args: Args }): Promise<ApplyOutcome | undefined>;
}

/** The plan no longer matches live state; the message names the next step. */
export class StalePlanError extends Error {
  constructor(message: string, readonly nextStep = 'Run the command again for a fresh plan.') {
    super(message);
    this.name = 'StalePlanError';
  }
}
