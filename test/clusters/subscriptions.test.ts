import { describe, expect, it } from 'vitest';
import { SubscriptionNames } from '../../src/clusters/subscriptions.js';

const W = '11111111-1111-4111-8111-111111111111';
const P = '22222222-2222-4222-8222-222222222222';

describe('subscription names', () => {
  it('by id or by name as people type it; ids stand in for names Azure would not tell', async () => {
    const s = new SubscriptionNames(() => [W, P], async () => new Map([[W, 'Contoso Workshop'], [P, P]]));
    expect(await s.all()).toEqual([{ id: W, name: 'Contoso Workshop' }, { id: P, name: P }]);
    expect(await s.find('contoso-workshop')).toEqual({ id: W, name: 'Contoso Workshop' });
    expect(await s.find('CONTOSO WORKSHOP')).toEqual({ id: W, name: 'Contoso Workshop' });
    expect(await s.find(P.toUpperCase())).toEqual({ id: P, name: P });
    expect(await s.find('nope')).toBeUndefined();
    expect(await s.label(W)).toBe(`Contoso Workshop (${W})`);
    expect(await s.label(P)).toBe(P);
  });

  it('a failed read answers with ids, is reported, and is retried on the next question; a good one is kept for the window', async () => {
    let t = 0;
    let calls = 0;
    const errors: unknown[] = [];
    const s = new SubscriptionNames(
      () => [W],
      async () => {
        calls++;
        if (calls === 1) throw new Error('403');
        return new Map([[W, 'Workshop']]);
      },
      (e) => errors.push(e),
      60_000,
      () => t,
    );
    expect(await s.nameOf(W)).toBe(W);
    expect(errors).toHaveLength(1);
    expect(await s.nameOf(W)).toBe('Workshop');
    expect(await s.nameOf(W)).toBe('Workshop');
    expect(calls).toBe(2);
    t += 60_001;
    await s.nameOf(W);
    expect(calls).toBe(3);
  });
});
