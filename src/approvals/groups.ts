import type { Person } from '../chat/events.js';

/** Answers "which of these groups is this Entra object in?" (Microsoft Graph's checkMemberGroups). */
export interface MembershipSource {
  memberGroups(objectId: string, groupIds: string[]): Promise<string[]>;
}

/**
 * Group membership for roles, cached per person for a few minutes (a change in Entra shows after the window).
 * Failures are never cached and are thrown: the policy refuses with the reason (fail closed).
 */
export class GroupMembership {
  private readonly cache = new Map<string, { at: number; groups: string[] }>();

  constructor(
    private readonly source: MembershipSource,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async groupsOf(person: Person, groupIds: string[]): Promise<string[]> {
    const oid = person.aadObjectId?.toLowerCase();
    if (!oid || groupIds.length === 0) return [];
    const key = `${oid}|${[...groupIds].sort().join(',')}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.groups;
    const groups = (await this.source.memberGroups(oid, groupIds)).map((g) => g.toLowerCase());
    this.cache.set(key, { at: this.now(), groups });
    return groups;
  }
}
