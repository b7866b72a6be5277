import { describe, expect, it } from 'vitest';
import { Policy } from '../../src/approvals/policy.js';
import type { StoredPlan } from '../../src/approvals/types.js';
import type { Config } from '../../src/config.js';

/** Who may request, approve and reject, from configuration alone: no server, no store. */

const ALICE = { id: '29:alice', aadObjectId: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice' };
const BOB = { id: '29:bob', aadObjectId: 'b0b00000-0000-4000-8000-000000000002', name: 'Bob' };
const MALLORY = { id: '29:mallory', aadObjectId: 'ma110000-0000-4000-8000-000000000003', name: 'Mallory' };
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

function policy(over: Partial<Config['policy']> = {}, groups: Record<string, string[]> = {}): Policy {
  const cfg: Config['policy'] = {
    operators: [{ type: 'user', id: ALICE.aadObjectId }, { type: 'user', id: BOB.aadObjectId }],
    approvers: [{ type: 'user', id: ALICE.aadObjectId }, { type: 'user', id: BOB.aadObjectId }],
    allowedTenants: [TENANT],
    selfApproval: false,
    planTtlMinutes: 60,
    ...over,
  };
  return new Policy(cfg, async (p) => groups[p.aadObjectId ?? ''] ?? []);
}

function plan(extra: Partial<StoredPlan> = {}): StoredPlan {
  return {
    id: 'p'.repeat(22), operation: 'controlPlane.setRanges', args: {}, requester: ALICE, conversation: {} as never, title: 't', target: {},
    current: {}, desired: {}, diff: [], risk: 'narrows', warnings: [], precondition: {}, createdAt: '', expiresAt: '', state: 'pending',
    approvals: [], selfApprovalAllowed: false, approvalsNeeded: 1, fourEyes: false, ...extra,
  };
}

describe('policy', () => {
  it('tenants: only the allowed ones (case-insensitive), or any when none is configured', () => {
    expect(policy().tenantAllowed(TENANT)).toBe(true);
    expect(policy().tenantAllowed(TENANT.toUpperCase())).toBe(true);
    expect(policy().tenantAllowed('another-tenant')).toBe(false);
    expect(policy().tenantAllowed(undefined)).toBe(false);
    expect(policy({ allowedTenants: [] }).tenantAllowed(undefined)).toBe(true);
  });

  it('operators request; others are told how to become one', async () => {
    expect(await policy().canRequest(ALICE)).toEqual({ ok: true });
    expect(await policy().canRequest({ ...ALICE, aadObjectId: ALICE.aadObjectId.toUpperCase() })).toEqual({ ok: true });
    expect(await policy().canRequest(MALLORY)).toMatchObject({ ok: false, reason: expect.stringMatching(/PALISADE_OPERATORS/) });
    expect(await policy({ operators: [{ type: 'anyone' }] }).canRequest(MALLORY)).toEqual({ ok: true });
  });

  it('approvers approve; a non-approver is refused', async () => {
    expect(await policy().canApprove(BOB, plan())).toEqual({ ok: true });
    expect(await policy().canApprove(MALLORY, plan())).toMatchObject({ ok: false, reason: expect.stringMatching(/not an approver/) });
  });

  it('self-approval: only when allowed for the plan, never with four-eyes', async () => {
    expect(await policy().canApprove(ALICE, plan())).toMatchObject({ ok: false, reason: expect.stringMatching(/a second approver is required/) });
    expect(await policy({ selfApproval: true }).canApprove(ALICE, plan({ selfApprovalAllowed: true }))).toEqual({ ok: true });
    expect(await policy({ selfApproval: true }).canApprove(ALICE, plan({ selfApprovalAllowed: true, fourEyes: true }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/widens exposure, so a second person must approve/),
    });
    // The same person on another client (another MRI) is still the requester
    expect(await policy().canApprove({ ...ALICE, id: '29:alice-mobile' }, plan())).toMatchObject({ ok: false });
  });

  it('one approval per person', async () => {
    const once = plan({ approvalsNeeded: 2, approvals: [{ by: BOB, at: '' }] });
    expect(await policy().canApprove(BOB, once)).toMatchObject({ ok: false, reason: expect.stringMatching(/already approved/) });
    expect(await policy({ approvers: [{ type: 'anyone' }] }).canApprove(MALLORY, once)).toEqual({ ok: true });
  });

  it('groups come from the resolver', async () => {
    const p = policy({ approvers: [{ type: 'group', id: 'g-sec' }] }, { [MALLORY.aadObjectId]: ['g-sec'] });
    expect(await p.canApprove(MALLORY, plan())).toEqual({ ok: true });
    expect(await p.canApprove(BOB, plan())).toMatchObject({ ok: false });
  });

  it('mayDecide shows the buttons to exactly those who may approve', async () => {
    expect(await policy().mayDecide(BOB, plan())).toBe(true);
    expect(await policy().mayDecide(ALICE, plan())).toBe(false);
    expect(policy().planTtlMs).toBe(3_600_000);
  });
});
