import type { AzureClients } from '../azure/clients.js';
import type { ConversationRef, Person } from '../chat/events.js';
import type { ClusterInfo } from '../domain.js';
import type { KubeHandles } from '../kube/transport/route.js';
import type { Logger } from '../log.js';
import type { Timings } from '../timings.js';
import type { OperationName } from './names.js';

export type { OperationName } from './names.js';

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

/** Another operation with its arguments: how to undo a change, or what a timer runs later. */
export interface FollowUp {
  operation: OperationName;
  args: unknown;
  title: string;
}

/**
 * How the engine may shorten a plan that would not fit a card: drop `details` lines (ending with `detailsMore`), then
 * rows of `diff` (saying "… N more <rowsNoun>"), keeping the last `pinnedRows` rows.
 */
export interface CardFit {
  rowsNoun: string;
  pinnedRows: number;
  detailsMore: string;
}

/** What an operation's pure `plan()` returns: everything the card shows and `apply()` needs. */
export interface PlanDraft<Current = unknown, Desired = unknown> {
  title: string;
  /** Cluster name, or subscription for subscription-wide changes; used by audit and `approvals`. */
  target: { cluster?: string; subscriptionId?: string; resourceGroup?: string; namespace?: string; resource?: string };
  current: Current;
  desired: Desired;
  diff: DiffRow[];
  risk: Risk;
  warnings: string[];
  /** The ETag / resourceVersion read at plan time: apply refuses when live state moved on. */
  precondition: { etag?: string; resourceVersion?: string };
  /** How to undo it after it is applied: another operation with its arguments. */
  revert?: FollowUp;
  /**
   * Extra requirements beyond the policy: a second approver (four-eyes), several approvals, a typed confirmation.
   * `askFirst`: a follow-up (timer) must not apply this on its own; it posts the plan for approval, saying why.
   */
  requirements?: { fourEyes?: boolean; approvals?: number; reason?: string; askFirst?: string };
  /** Long text (YAML, rule lists) shown collapsed. */
  details?: string;
  /** One-line note under the title. */
  note?: string;
  /** For plans that can outgrow a card (many flows, long YAML): how the engine shortens them. */
  fit?: CardFit;
}

/** `unknown`: an apply ended in an error and live state could not tell yet whether the change landed (reconciled later). */
export type PlanState = 'pending' | 'approved' | 'applying' | 'applied' | 'failed' | 'unknown' | 'rejected' | 'expired';

export interface ApplyOutcome {
  summary: string;
  facts: Fact[];
  after?: unknown;
  /** Azure x-ms-request-id / Kubernetes audit ids, for the audit log. */
  requestIds: string[];
  /** Timers to arm after the apply (e.g. a timed allowlist entry's removal). */
  timers?: Array<FollowUp & { afterMs: number }>;
}

export interface StoredPlan<Args = unknown, Current = unknown, Desired = unknown> extends PlanDraft<Current, Desired> {
  id: string;
  operation: OperationName;
  args: Args;
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
  /** Why an apply failed (or its outcome is unknown); `live` is what live state showed when it was checked. */
  error?: PlanError;
  /** Idempotency key of the turn that proposed it (conversation|activity): a redelivered activity finds this plan. */
  turnKey?: string;
  /** Who proposed it (engine instance), and whether its request was audited: a crash mid-propose is completed later. */
  proposedBy?: string;
  requestAudited?: boolean;
  revertOf?: string;
  /** 'pending' while a revert is being proposed, then the revert plan's id: an applied plan with it is reverted. */
  revertedBy?: string;
  /** MRIs that get their own copy of the card (refresh.userIds, ≤ 60): the requester and the approvers seen so far. */
  refreshUserIds?: string[];
  /** Set by the engine when the policy allows the requester to approve their own request (sandbox). */
  selfApprovalAllowed: boolean;
  approvalsNeeded: number;
  fourEyes: boolean;
  /** How the plan read Kubernetes when not directly, e.g. "via AKS Run Command" (set by the engine). */
  reachedVia?: string;
  /** What the requester typed and the command it was read as (shown on the card, kept in the audit). */
  origin?: { words: string; command: string };
}

export interface PlanError {
  message: string;
  nextStep?: string;
  /** What live state showed after the error, e.g. "Nothing was changed: the ranges are still 203.0.113.7/32." */
  live?: string;
}

/**
 * What live state says about a plan's change, read after an error once a write may have been sent, or after a
 * restart: it landed (with the facts read back), it is not there, only part of it is, or it cannot be told yet.
 */
export type LiveOutcome =
  | { state: 'applied'; outcome: ApplyOutcome }
  | { state: 'notApplied'; live: string }
  | { state: 'partial'; live: string }
  | { state: 'unknown'; reason: string };

/** A timed follow-up ('timers' collection), e.g. removing a timed allowlist entry; run once across replicas. */
export interface TimerDoc {
  id: string;
  dueAt: string;
  operation: OperationName;
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

/**
 * What an operation may use, and nothing else: Azure, Kubernetes, the cluster list, a logger, who asked, and how
 * long to wait. Never chat, the engine or the store.
 */
export interface OperationContext {
  log: Logger;
  /** Who asked: the approver while applying, Palisade for timers. */
  requester: Person;
  azure: AzureClients;
  /** Handles per cluster; `retryDirect` after a change to who may connect (see KubeAccess). */
  kube: KubeHandles;
  clusters: { list(): Promise<ClusterInfo[]>; invalidate(): void };
  /** Palisade's own public IPs (PALISADE_EGRESS_IPS), for the lockout guard. */
  egressIps: readonly string[];
  timings: Timings;
}

export type Progress = (text: string) => Promise<void>;

/** One kind of change. `Current`/`Desired` are what its plan records; apply reads them back typed. */
export interface Operation<Args, Current, Desired> {
  readonly name: OperationName;
  /** Reads only. Throws UserError for bad input or a state that cannot be changed this way. */
  plan(ctx: OperationContext, args: Args): Promise<PlanDraft<Current, Desired>>;
  /**
   * The only writer: re-reads live state, refuses a stale plan (StalePlanError), writes with the precondition and
   * waits for the outcome. `progress` updates the card while it waits.
   */
  apply(ctx: OperationContext, plan: StoredPlan<Args, Current, Desired>, progress: Progress): Promise<ApplyOutcome>;
  /**
   * Reads only: does live state carry this plan's change? Asked after any apply error other than a StalePlanError
   * (which apply throws only before writing), after a restart mid-apply, and for plans whose outcome is unknown.
   */
  check(ctx: OperationContext, plan: StoredPlan<Args, Current, Desired>): Promise<LiveOutcome>;
}

export type AnyOperation = Operation<any, any, any>;
export type ArgsOf<O> = O extends Operation<infer A, any, any> ? A : never;
/** The plan an operation stores: its args, current and desired state, typed. */
export type PlanOfOperation<O> = O extends Operation<infer A, infer C, infer D> ? StoredPlan<A, C, D> : never;

/** The plan no longer matches live state (found before anything was written); the message names the next step. */
export class StalePlanError extends Error {
  constructor(message: string, readonly nextStep = 'Run the command again for a fresh plan.') {
    super(message);
    this.name = 'StalePlanError';
  }
}
