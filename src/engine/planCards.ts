import type { Policy } from '../approvals/policy.js';
import type { StoredPlan } from '../approvals/types.js';
import { planCard } from '../cards/plan.js';
import type { AdaptiveCard, Messenger, Person } from '../chat/events.js';
import type { Logger } from '../log.js';
import { utcMinute } from '../text/time.js';

/** The plan card everyone in the conversation sees, and each viewer's own copy (with or without the buttons). */
export class PlanCards {
  constructor(private readonly deps: { messenger: Messenger; policy: Policy; log: Logger }) {}

  shared(plan: StoredPlan): AdaptiveCard {
    return planCard(plan, { viewerCanDecide: true, refreshUserIds: refreshIds(plan) });
  }

  /** `elsewhere`: the viewer is in another conversation than the plan's, where no decision counts (no buttons). */
  async forViewer(plan: StoredPlan, viewer: Person, note?: string, elsewhere = false): Promise<AdaptiveCard> {
    const viewerCanDecide = !elsewhere && plan.state === 'pending' && (await this.deps.policy.mayDecide(viewer, plan));
    return planCard(plan, { viewerCanDecide, note, refreshUserIds: refreshIds(plan) });
  }

  /** Posts the shared card; its activity id is where later updates go. */
  async post(plan: StoredPlan): Promise<string> {
    return (await this.deps.messenger.send(plan.conversation, { card: this.shared(plan) })).id;
  }

  /** Updates the card everyone sees; a failed update (message deleted, bot removed) is logged, never fatal. */
  async refresh(plan: StoredPlan): Promise<void> {
    if (!plan.cardActivityId) return;
    try {
      await this.deps.messenger.update(plan.conversation, plan.cardActivityId, { card: this.shared(plan) });
    } catch (err) {
      this.deps.log.warn({ err, planId: plan.id }, 'could not update the shared plan card');
    }
  }
}

function refreshIds(plan: StoredPlan): string[] {
  return plan.refreshUserIds ?? [plan.requester.id];
}

/** Why a button did nothing: the plan has moved on. */
export function stateNote(plan: StoredPlan): string {
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
    case 'unknown':
      return `Already approved by ${who}; whether it landed is not known yet: Palisade is checking live state.`;
    case 'rejected':
      return `This request was rejected by ${who}.`;
    case 'expired':
      return `This request expired at ${utcMinute(plan.expiresAt)}. Run the command again for a fresh plan.`;
  }
}
