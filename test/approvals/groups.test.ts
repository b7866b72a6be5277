import { describe, expect, it } from 'vitest';
import { GroupMembership } from '../../src/approvals/groups.js';
import { Policy } from '../../src/approvals/policy.js';
import type { StoredPlan } from '../../src/approvals/types.js';

/** Group roles: one membership question per person and window, failures never cached, the policy failing closed. */

const ALICE = { id: '29:alice', aadObjectId: 'A11CE000-0000-4000-8000-000000000001', name: 'Alice' };
const BOB = { id: '29:bob', aadObjectId: 'b0b00000-0000-4000-8000-000000000002', name: 'Bob' };
const NO_OID = { id: '29:guest', name: 'Guest' };
const G_APPROVERS = '0a990e55-0000-4000-8000-0000000a9905';
const G_OPERATORS = '0be7a705-0000-4000-8000-0000000be705';

function plan(): StoredPlan {
  return {
    id: 'p'.repeat(22), operation: 'controlPlane.setRanges', args: {}, requester: BOB, conversation: {} as never, title: 't', target: {},
    current: {}, desired: {}, diff: [], risk: 'narrows', warnings: [], precondition: {}, createdAt: '', expiresAt: '', state: 'pending',
    approvals: [], selfApprovalAllowed: false, approvalsNeeded: 1, fourEyes: false,
  };
}

describe('GroupMembership', () => {
  it('asks once per person within the window, again after it; never caches a failure', async () => {
    let t = 0;
    const asked: string[] = [];
    let members = [G_APPROVERS.toUpperCase()];
    let fail = false;
    const m = new GroupMembership({ memberGroups: async (oid) => (asked.push(oid), fail ? Promise.reject(new Error('Graph down')) : members) }, 300_000, () => t);
    expect(await m.groupsOf(ALICE, [G_APPROVERS, G_OPERATORS])).toEqual([G_APPROVERS]);
    members = [];
    expect(await m.groupsOf(ALICE, [G_OPERATORS, G_APPROVERS])).toEqual([G_APPROVERS]);
    expect(asked).toEqual([ALICE.aadObjectId.toLowerCase()]);
    t += 300_001;
    fail = true;
    await expect(m.groupsOf(ALICE, [G_APPROVERS])).rejects.toThrow('Graph down');
    fail = false;
    expect(await m.groupsOf(ALICE, [G_APPROVERS])).toEqual([]);
    expect(await m.groupsOf(NO_OID, [G_APPROVERS])).toEqual([]);
    expect(asked).toHaveLength(3);
  });
});

describe('Policy with group principals', () => {
  const cfg = { operators: [{ type: 'group' as const, id: G_OPERATORS }], approvers: [{ type: 'user' as const, id: BOB.aadObjectId }, { type: 'group' as const, id: G_APPROVERS }], allowedTenants: [], selfApproval: false, planTtlMinutes: 60 };

  it('asks about every group of both roles at once; a user principal needs no Graph', async () => {
    const asked: string[][] = [];
    const p = new Policy(cfg, async (_person, ids) => (asked.push(ids), [G_APPROVERS]));
    expect(await p.canApprove(ALICE, plan())).toEqual({ ok: true });
    expect(asked).toEqual([[G_OPERATORS, G_APPROVERS]]);
    expect(await p.canApprove(BOB, { ...plan(), requester: ALICE })).toEqual({ ok: true });
    expect(asked).toHaveLength(1);
  });

  it('fails closed: when groups cannot be read, requests and approvals are refused with the reason', async () => {
    const p = new Policy(cfg, async () => {
      throw new Error('Microsoft Graph is unreachable (ECONNREFUSED).');
    });
    expect(await p.canApprove(ALICE, plan())).toEqual({
      ok: false,
      reason: "You can't approve this now: I can't check the approvers group. Microsoft Graph is unreachable (ECONNREFUSED). Approvals are refused until it answers; nothing was applied.",
    });
    expect(await p.canRequest(ALICE)).toMatchObject({ ok: false, reason: expect.stringMatching(/^I can't tell whether you may request changes: Microsoft Graph is unreachable/) });
    expect(await p.canApprove(NO_OID, plan())).toMatchObject({ ok: false, reason: expect.stringMatching(/you are not an approver/) });
  });
});
