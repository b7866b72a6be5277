import type { ConversationRef, Person } from '../chat/events.js';
import { samePerson } from '../chat/person.js';
import type { Config, Principal } from '../config.js';
import type { StoredPlan } from './types.js';

/**
 * Which of `groupIds` the person is in (Microsoft Graph in production). It throws when it cannot tell: the policy then
 * refuses with that reason (fail closed).
 */
export type GroupResolver = (person: Person, groupIds: string[]) => Promise<string[]>;
const noGroups: GroupResolver = async () => [];

export type Decision = { ok: true } | { ok: false; reason: string };

export class Policy {
  constructor(private readonly cfg: Config['policy'], private readonly groupsOf: GroupResolver = noGroups) {}

  get selfApproval(): boolean {
    return this.cfg.selfApproval;
  }

  get planTtlMs(): number {
    return this.cfg.planTtlMinutes * 60_000;
  }

  tenantAllowed(tenantId: string | undefined): boolean {
    return this.cfg.allowedTenants.length === 0 || (!!tenantId && this.cfg.allowedTenants.includes(tenantId.toLowerCase()));
  }

  async canRequest(person: Person): Promise<Decision> {
    const m = await this.matches(person, this.cfg.operators);
    if (m === true) return { ok: true };
    if (m !== false) return { ok: false, reason: `I can't tell whether you may request changes: ${m.problem} Requests are refused until it answers.` };
    return { ok: false, reason: 'You are not an operator of Palisade, so you cannot request changes. Ask an admin to add your Entra object id (or a group you are in) to PALISADE_OPERATORS.' };
  }

  async canApprove(person: Person, plan: StoredPlan): Promise<Decision> {
    const m = await this.matches(person, this.cfg.approvers);
    if (m !== true && m !== false) return { ok: false, reason: `You can't approve this now: I can't check the approvers group. ${m.problem} Approvals are refused until it answers; nothing was applied.` };
    if (!m) return { ok: false, reason: "You can't approve this: you are not an approver (PALISADE_APPROVERS)." };
    const own = samePerson(person, plan.requester);
    if (own && (plan.fourEyes || !plan.selfApprovalAllowed))
      return {
        ok: false,
        reason: plan.fourEyes
          ? "You can't approve your own request: this change widens exposure, so a second person must approve it."
          : "You can't approve your own request: a second approver is required.",
      };
    if (plan.approvals.some((a) => samePerson(a.by, person))) return { ok: false, reason: 'You have already approved this request; it needs another approver.' };
    return { ok: true };
  }

  /**
   * A decision on a plan counts only from the conversation it was posted in, or from the approvers' channel when one
   * is configured (any thread of a channel shares its id before ";messageid=").
   */
  decidesFrom(plan: StoredPlan, where: ConversationRef): Decision {
    const here = baseConversationId(where.conversation.id);
    if (here === baseConversationId(plan.conversation.conversation.id)) return { ok: true };
    if (this.cfg.approversChannel && here === this.cfg.approversChannel) return { ok: true };
    return {
      ok: false,
      reason: `This request was posted in another conversation; approve, reject or revert it there${this.cfg.approversChannel ? " or in the approvers' channel" : ''}.`,
    };
  }

  /** Those who see Approve/Reject on their own copy of the card (refresh.userIds). */
  async mayDecide(person: Person, plan: StoredPlan): Promise<boolean> {
    return (await this.canApprove(person, plan)).ok;
  }

  /** Every group named in either role: one membership question per person covers both. */
  private get groupIds(): string[] {
    return [...new Set([...this.cfg.operators, ...this.cfg.approvers].flatMap((p) => (p.type === 'group' ? [p.id] : [])))];
  }

  /** In the list, not in it, or unknown (groups could not be read: the caller refuses with the problem). */
  private async matches(person: Person, list: Principal[]): Promise<boolean | { problem: string }> {
    if (list.some((p) => p.type === 'anyone')) return true;
    const oid = person.aadObjectId?.toLowerCase();
    if (oid && list.some((p) => p.type === 'user' && p.id === oid)) return true;
    if (!oid || !list.some((p) => p.type === 'group')) return false;
    let groups: string[];
    try {
      groups = (await this.groupsOf(person, this.groupIds)).map((g) => g.toLowerCase());
    } catch (e) {
      return { problem: e instanceof Error ? e.message : String(e) };
    }
    return list.some((p) => p.type === 'group' && groups.includes(p.id));
  }
}

function baseConversationId(id: string): string {
  return id.split(';')[0];
}
