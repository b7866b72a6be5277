import { describe, expect, it } from 'vitest';
import { type PlanEvent, transition } from '../../src/approvals/lifecycle.js';
import type { PlanState, StoredPlan } from '../../src/approvals/types.js';

/** Pure: every plan state against every event, as a table. `—` means the event does not apply (nothing changes). */

const ALICE = { id: '29:alice', aadObjectId: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice' };
const BOB = { id: '29:bob', aadObjectId: 'b0b00000-0000-4000-8000-000000000002', name: 'Bob' };
const AT = '2026-12-01T10:00:00.000Z';
const OUTCOME = { summary: 'done', facts: [], requestIds: ['r1'] };

function plan(state: PlanState, extra: Partial<StoredPlan> = {}): StoredPlan {
  return {
    id: 'p'.repeat(22), operation: 'controlPlane.setRanges', args: {}, requester: ALICE, conversation: {} as never,
    title: 't', target: { cluster: 'c' }, current: {}, desired: {}, diff: [], risk: 'narrows', warnings: [], precondition: {},
    revert: { operation: 'controlPlane.setRanges', args: {}, title: 'undo' },
    createdAt: '2026-12-01T09:00:00.000Z', expiresAt: '2026-12-01T09:30:00.000Z', state, approvals: [],
    selfApprovalAllowed: true, approvalsNeeded: 1, fourEyes: false, ...extra,
  };
}

const EVENTS: Record<string, PlanEvent> = {
  approve: { type: 'approve', by: BOB, at: AT },
  reject: { type: 'reject', by: BOB, at: AT },
  expire: { type: 'expire', at: AT },
  startApply: { type: 'startApply', at: AT },
  progress: { type: 'progress', text: 'working' },
  applied: { type: 'applied', outcome: OUTCOME, at: AT },
  failed: { type: 'failed', error: { message: 'no' }, at: AT },
  unknown: { type: 'unknown', error: { message: 'poll failed' }, at: AT },
  retryApply: { type: 'retryApply', note: 'again' },
  claimRevert: { type: 'claimRevert' },
};

// state → event → resulting state ('—': no change)
const TABLE: Record<PlanState, Record<keyof typeof EVENTS, PlanState | '—'>> = {
  pending: { approve: 'approved', reject: 'rejected', expire: 'expired', startApply: '—', progress: '—', applied: '—', failed: '—', unknown: '—', retryApply: '—', claimRevert: '—' },
  approved: { approve: '—', reject: '—', expire: '—', startApply: 'applying', progress: '—', applied: '—', failed: '—', unknown: '—', retryApply: '—', claimRevert: '—' },
  applying: { approve: '—', reject: '—', expire: '—', startApply: '—', progress: 'applying', applied: 'applied', failed: 'failed', unknown: 'unknown', retryApply: 'approved', claimRevert: '—' },
  applied: { approve: '—', reject: '—', expire: '—', startApply: '—', progress: '—', applied: '—', failed: '—', unknown: '—', retryApply: '—', claimRevert: 'applied' },
  failed: { approve: '—', reject: '—', expire: '—', startApply: '—', progress: '—', applied: '—', failed: '—', unknown: '—', retryApply: '—', claimRevert: '—' },
  // live state settles an unknown outcome later: it landed (applied) or it did not (failed)
  unknown: { approve: '—', reject: '—', expire: '—', startApply: '—', progress: '—', applied: 'applied', failed: 'failed', unknown: '—', retryApply: '—', claimRevert: '—' },
  rejected: { approve: '—', reject: '—', expire: '—', startApply: '—', progress: '—', applied: '—', failed: '—', unknown: '—', retryApply: '—', claimRevert: '—' },
  expired: { approve: '—', reject: '—', expire: '—', startApply: '—', progress: '—', applied: '—', failed: '—', unknown: '—', retryApply: '—', claimRevert: '—' },
};

const CASES = Object.entries(TABLE).flatMap(([state, row]) => Object.entries(row).map(([event, next]) => [state as PlanState, event, next] as const));

describe('plan lifecycle (pure transitions)', () => {
  it.each(CASES)('%s + %s → %s', (state, event, next) => {
    const after = transition(plan(state), EVENTS[event]);
    if (next === '—') expect(after).toBeUndefined();
    else expect(after?.state).toBe(next);
  });

  it('records what each transition adds', () => {
    expect(transition(plan('pending'), EVENTS.approve)).toMatchObject({ decidedBy: BOB, approvals: [{ by: BOB, at: AT }] });
    expect(transition(plan('pending'), EVENTS.reject)).toMatchObject({ decidedBy: BOB, finishedAt: AT });
    expect(transition(plan('approved'), EVENTS.startApply)).toMatchObject({ applyStartedAt: AT, progress: 'Applying…' });
    expect(transition(plan('applying'), EVENTS.applied)).toMatchObject({ result: OUTCOME, finishedAt: AT });
    expect(transition(plan('applying', { progress: 'x' }), EVENTS.failed)).toMatchObject({ error: { message: 'no' }, progress: undefined });
    expect(transition(plan('applying'), EVENTS.retryApply)).toMatchObject({ progress: 'again' });
    expect(transition(plan('applying'), EVENTS.unknown)).toMatchObject({ error: { message: 'poll failed' } });
    expect(transition(plan('unknown', { error: { message: 'poll failed' } }), EVENTS.applied)).toMatchObject({ result: OUTCOME, error: undefined });
  });

  it('two approvals needed: the first keeps it pending, the same person twice counts once, a second person approves', () => {
    const two = plan('pending', { approvalsNeeded: 2 });
    const once = transition(two, { type: 'approve', by: ALICE, at: AT })!;
    expect(once).toMatchObject({ state: 'pending', decidedBy: undefined });
    expect(transition(once, { type: 'approve', by: { ...ALICE, id: '29:alice-on-mobile' }, at: AT })).toBeUndefined();
    expect(transition(once, EVENTS.approve)).toMatchObject({ state: 'approved', decidedBy: BOB });
  });

  it('expires only once the expiry time has come', () => {
    expect(transition(plan('pending'), { type: 'expire', at: '2026-12-01T09:29:59.000Z' })).toBeUndefined();
    expect(transition(plan('pending'), { type: 'expire', at: '2026-12-01T09:30:00.000Z' })?.state).toBe('expired');
  });

  it('a revert is claimed once, then names the revert plan, or is released for another try', () => {
    const claimed = transition(plan('applied'), EVENTS.claimRevert)!;
    expect(claimed.revertedBy).toBe('pending');
    expect(transition(claimed, EVENTS.claimRevert)).toBeUndefined();
    expect(transition(claimed, { type: 'revertProposed', planId: 'q'.repeat(22) })?.revertedBy).toBe('q'.repeat(22));
    expect(transition(claimed, { type: 'releaseRevert' })?.revertedBy).toBeUndefined();
    expect(transition(plan('applied', { revert: undefined }), EVENTS.claimRevert)).toBeUndefined();
    expect(transition(plan('applied', { revertedBy: 'q'.repeat(22) }), { type: 'releaseRevert' })).toBeUndefined();
  });
});
