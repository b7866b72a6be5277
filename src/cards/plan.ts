import { typedAsIs } from '../understanding/readAs.js';
import type { StoredPlan } from '../approvals/types.js';
import type { AdaptiveCard } from '../chat/events.js';
import { utcMinute } from '../text/time.js';
import type { PlanCardModel } from './models.js';
import { renderCard } from './render.js';

/** How a plan looks to one viewer; the shared card is rendered with no viewer. */
export interface PlanView {
  viewerCanDecide: boolean;
  note?: string;
  refreshUserIds: string[];
}

export function personName(p: { name?: string; id?: string } | undefined): string {
  return p?.name || p?.id || 'someone';
}

const RISK_TEXT = {
  narrows: 'Narrows exposure: fewer sources can reach it',
  widens: 'Widens exposure or removes protection: a second person must approve',
  neutral: 'Neutral: exposure does not change',
} as const;

export function stateLabel(plan: StoredPlan): string {
  switch (plan.state) {
    case 'pending':
      return plan.approvals.length ? `Pending: ${plan.approvals.length} of ${plan.approvalsNeeded} approvals` : 'Pending approval';
    case 'approved':
      return `Approved by ${personName(plan.decidedBy)}`;
    case 'applying':
      return `Approved by ${personName(plan.decidedBy)} · applying`;
    case 'applied':
      return plan.requester.id === 'palisade' ? 'Applied' : `Applied · approved by ${personName(plan.decidedBy)}`;
    case 'failed':
      return 'Failed';
    case 'unknown':
      return `Approved by ${personName(plan.decidedBy)} · outcome unknown, checking live state`;
    case 'rejected':
      return plan.decidedBy && plan.decidedBy.id === plan.requester.id ? 'Withdrawn by the requester' : `Rejected by ${personName(plan.decidedBy)}`;
    case 'expired':
      return 'Expired';
  }
}

export function planCard(plan: StoredPlan, view: PlanView): AdaptiveCard {
  const readAs = plan.origin && !typedAsIs(plan.origin.words, plan.origin.command) ? `Read as: \`${plan.origin.command}\`` : undefined;
  const notes = [readAs, plan.note, planPolicyNote(plan), view.note].filter(Boolean) as string[];
  const model: PlanCardModel = {
    planId: plan.id,
    title: plan.title,
    state: plan.state,
    stateLabel: stateLabel(plan),
    requester: personName(plan.requester),
    created: utcMinute(plan.createdAt),
    expires: utcMinute(plan.expiresAt),
    risk: plan.risk,
    riskText: RISK_TEXT[plan.risk],
    rows: plan.diff,
    warnings: plan.warnings,
    note: notes.length ? notes.join(' · ') : undefined,
    via: plan.reachedVia,
    progress: plan.state === 'applying' || plan.state === 'applied' ? plan.progress : undefined,
    result: plan.state === 'applied' ? plan.result?.facts : undefined,
    error:
      (plan.state === 'failed' || plan.state === 'unknown') && plan.error
        ? { reason: plan.error.message, nextStep: plan.error.nextStep ?? 'Run the command again.', live: plan.error.live }
        : undefined,
    details: plan.details ? { title: 'Details', lines: plan.details.split('\n') } : undefined,
    showApproveReject: plan.state === 'pending' && view.viewerCanDecide,
    showRevert: plan.state === 'applied' && Boolean(plan.revert) && !plan.revertedBy,
    refreshUserIds: view.refreshUserIds,
  };
  return renderCard('plan', model);
}

function planPolicyNote(plan: StoredPlan): string | undefined {
  if (plan.state !== 'pending') return undefined;
  if (plan.approvalsNeeded > 1) return `Needs ${plan.approvalsNeeded} approvers other than the requester.`;
  if (plan.fourEyes) return 'Four-eyes: someone other than the requester must approve.';
  if (plan.selfApprovalAllowed) return 'Sandbox: you may approve your own request.';
  return 'A second approver is required.';
}
