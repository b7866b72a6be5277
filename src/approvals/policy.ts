import type { Person } from '../chat/events.js';
import { samePerson } from '../chat/person.js';
import type { Config, Principal } from '../config.js';
import type { StoredPlan } from './types.js';

/** Group membership comes from Microsoft Graph later; today groups resolve to none, so only user principals match. */
export type GroupResolver = (person: Person) => Promise<string[]>;
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
    return (await this.matches(person, this.cfg.operators))
      ? { ok: true }
      : { ok: false, reason: 'You are not an operator of Palisade, so you cannot request changes. Ask an admin to add your Entra object id to PALISADE_OPERATORS.' };
  }

  async canApprove(person: Person, plan: StoredPlan): Promise<Decision> {
    if (!(await this.matches(person, this.cfg.approvers)))
      return { ok: false, reason: "You can't approve this: you are not an approver (PALISADE_APPROVERS)." };
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

  /** Those who see Approve/Reject on their own copy of the card (refresh.userIds). */
  async mayDecide(person: Person, plan: StoredPlan): Promise<boolean> {
    return (await this.canApprove(person, plan)).ok;
  }

  private async matches(person: Person, list: Principal[]): Promise<boolean> {
    if (list.some((p) => p.type === 'anyone')) return true;
    const oid = person.aadObjectId?.toLowerCase();
    if (oid && list.some((p) => p.type === 'user' && p.id === oid)) return true;
    const groups = list.some((p) => p.type === 'group') ? await this.groupsOf(person) : [];
    return list.some((p) => p.type === 'group' && groups.includes(p.id));
  }
}
