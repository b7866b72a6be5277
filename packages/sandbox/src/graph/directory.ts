import type { Json } from '../world.js';

/** The sandbox tenant's people: the test users of test/helpers/bot.ts (same Entra object ids). */
export const SANDBOX_USERS = {
  alice: { id: 'a11ce000-0000-4000-8000-000000000001', displayName: 'Alice', userPrincipalName: 'alice@palisade-sandbox.onmicrosoft.com' },
  bob: { id: 'b0b00000-0000-4000-8000-000000000002', displayName: 'Bob', userPrincipalName: 'bob@palisade-sandbox.onmicrosoft.com' },
  mallory: { id: 'ma110000-0000-4000-8000-000000000003', displayName: 'Mallory', userPrincipalName: 'mallory@palisade-sandbox.onmicrosoft.com' },
} as const;

/**
 * The Microsoft 365 Agents Playground's default people (its built-in config: Alex Wilber is the current user), so
 * `npm start` has approvers too: Alex, Megan and Adele are in the approvers group, Isaiah, Patti and Lynne are not.
 */
export const PLAYGROUND_USERS = [
  { id: '00000000-0000-0000-0000-0000000000020', displayName: 'Alex Wilber', approver: true },
  { id: '00000000-0000-0000-0000-0000000000021', displayName: 'Megan Bowen', approver: true },
  { id: '00000000-0000-0000-0000-0000000000022', displayName: 'Adele Vance', approver: true },
  { id: '00000000-0000-0000-0000-0000000000023', displayName: 'Isaiah Langer', approver: false },
  { id: '00000000-0000-0000-0000-0000000000024', displayName: 'Patti Fernandez', approver: false },
  { id: '00000000-0000-0000-0000-0000000000025', displayName: 'Lynne Robbins', approver: false },
] as const;

/** The two security groups Palisade's roles can name (`group:<id>` in PALISADE_APPROVERS / PALISADE_OPERATORS). */
export const SANDBOX_GROUPS = {
  approvers: { id: '0a990e55-0000-4000-8000-0000000a9905', displayName: 'Palisade approvers', mailNickname: 'palisade-approvers' },
  operators: { id: '0be7a705-0000-4000-8000-0000000be705', displayName: 'Palisade operators', mailNickname: 'palisade-operators' },
} as const;

export interface DirectoryObject {
  id: string;
  kind: 'user' | 'group';
  displayName: string;
  userPrincipalName?: string;
  mailNickname?: string;
  mailEnabled?: boolean;
  /** Direct members (users or groups); groups only. */
  members?: Set<string>;
}

/** Who is in which group, transitively; the emulator's state and its test API. */
export class GraphDirectory {
  readonly objects = new Map<string, DirectoryObject>();

  constructor() {
    for (const u of Object.values(SANDBOX_USERS)) this.addUser(u.id, u.displayName, u.userPrincipalName);
    for (const u of PLAYGROUND_USERS) this.addUser(u.id, u.displayName);
    const a = SANDBOX_GROUPS.approvers;
    const o = SANDBOX_GROUPS.operators;
    const playgroundApprovers = PLAYGROUND_USERS.filter((u) => u.approver).map((u) => u.id);
    this.addGroup(a.id, a.displayName, a.mailNickname, [SANDBOX_USERS.alice.id, SANDBOX_USERS.bob.id, ...playgroundApprovers]);
    this.addGroup(o.id, o.displayName, o.mailNickname, [SANDBOX_USERS.alice.id, SANDBOX_USERS.bob.id]);
  }

  addUser(id: string, displayName: string, userPrincipalName = `${id}@palisade-sandbox.onmicrosoft.com`): void {
    this.objects.set(id.toLowerCase(), { id, kind: 'user', displayName, userPrincipalName });
  }

  addGroup(id: string, displayName: string, mailNickname: string, members: string[] = [], mailEnabled = false): void {
    this.objects.set(id.toLowerCase(), { id, kind: 'group', displayName, mailNickname, mailEnabled, members: new Set(members.map((m) => m.toLowerCase())) });
  }

  private group(groupId: string): DirectoryObject {
    const g = this.objects.get(groupId.toLowerCase());
    if (!g || g.kind !== 'group') throw new Error(`no group '${groupId}' in the sandbox directory`);
    return g;
  }

  addMember(groupId: string, memberId: string): void {
    if (!this.objects.has(memberId.toLowerCase())) this.addUser(memberId, memberId);
    this.group(groupId).members!.add(memberId.toLowerCase());
  }

  removeMember(groupId: string, memberId: string): void {
    this.group(groupId).members!.delete(memberId.toLowerCase());
  }

  get(id: string): DirectoryObject | undefined {
    return this.objects.get(id.toLowerCase());
  }

  /** Every group the object is in, directly or through nested groups, in a stable order. */
  transitiveGroups(objectId: string): DirectoryObject[] {
    const found = new Map<string, DirectoryObject>();
    const walk = (id: string) => {
      for (const o of this.objects.values()) {
        if (o.kind === 'group' && o.members!.has(id) && !found.has(o.id.toLowerCase())) {
          found.set(o.id.toLowerCase(), o);
          walk(o.id.toLowerCase());
        }
      }
    };
    walk(objectId.toLowerCase());
    return [...found.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /** A group as `transitiveMemberOf` lists it (v1.0 directoryObject, `@odata.type` group). */
  static groupWire(g: DirectoryObject): Json {
    return {
      '@odata.type': '#microsoft.graph.group',
      id: g.id,
      displayName: g.displayName,
      description: null,
      mailEnabled: g.mailEnabled ?? false,
      mailNickname: g.mailNickname,
      securityEnabled: true,
      groupTypes: [],
      securityIdentifier: `S-1-12-1-${parseInt(g.id.replace(/-/g, '').slice(0, 8), 16) || 0}`,
    };
  }
}
