import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { armFetch, startHarness, type Harness } from './armHarness.js';
import { ARM_LIMITS, SANDBOX_OPERATOR_TOKEN } from '@palisade/sandbox/arm/index.js';
import { SUBSCRIPTION_PRODUCTION, SUBSCRIPTION_WORKSHOP } from '@palisade/sandbox/seed/index.js';

const LIST = (sub: string) => `/subscriptions/${sub}/providers/Microsoft.ContainerService/managedClusters?api-version=2026-04-01`;
const OPERATOR = { authorization: `Bearer ${SANDBOX_OPERATOR_TOKEN}` };

let h: Harness;
let clock = 1_000_000;
beforeAll(async () => {
  h = await startHarness();
  h.emulator.throttle.now = () => clock;
});
afterAll(() => h.close());
afterEach(() => h.emulator.throttle.configure(structuredClone(ARM_LIMITS)));

describe('ARM read throttling (token buckets per subscription and principal)', () => {
  it('on by default with ARM’s buckets: remaining reads count down per subscription and per principal', async () => {
    const a = await armFetch(h, 'GET', LIST(SUBSCRIPTION_WORKSHOP));
    const b = await armFetch(h, 'GET', LIST(SUBSCRIPTION_WORKSHOP));
    expect(Number(a.headers['x-ms-ratelimit-remaining-subscription-reads'])).toBe(ARM_LIMITS.reads.size - 1);
    expect(Number(b.headers['x-ms-ratelimit-remaining-subscription-reads'])).toBe(ARM_LIMITS.reads.size - 2);
    expect(Number(b.headers['x-ms-ratelimit-remaining-subscription-global-reads'])).toBe(ARM_LIMITS.reads.size * ARM_LIMITS.globalFactor - 2);
    // another subscription and another principal have their own buckets
    expect(Number((await armFetch(h, 'GET', LIST(SUBSCRIPTION_PRODUCTION))).headers['x-ms-ratelimit-remaining-subscription-reads'])).toBe(ARM_LIMITS.reads.size - 1);
    expect(Number((await armFetch(h, 'GET', LIST(SUBSCRIPTION_WORKSHOP), undefined, OPERATOR)).headers['x-ms-ratelimit-remaining-subscription-reads'])).toBe(ARM_LIMITS.reads.size - 1);
    // writes count in their own bucket
    const put = await armFetch(h, 'PATCH', `/subscriptions/${SUBSCRIPTION_WORKSHOP}/resourceGroups/aksworkshop/providers/Microsoft.ContainerService/managedClusters/aks-workshop?api-version=2026-04-01`, { tags: { a: 'b' } });
    expect(Number(put.headers['x-ms-ratelimit-remaining-subscription-writes'])).toBe(ARM_LIMITS.writes.size - 1);
  });

  it('an empty bucket answers 429 SubscriptionRequestsThrottled with Retry-After; refilled tokens let reads through again', async () => {
    h.emulator.throttle.configure({ reads: { size: 2, refillPerSecond: 1 } });
    expect((await armFetch(h, 'GET', LIST(SUBSCRIPTION_WORKSHOP))).status).toBe(200);
    expect((await armFetch(h, 'GET', LIST(SUBSCRIPTION_WORKSHOP))).status).toBe(200);
    const throttled = await armFetch(h, 'GET', LIST(SUBSCRIPTION_WORKSHOP));
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('1');
    expect(throttled.headers['x-ms-ratelimit-remaining-subscription-reads']).toBe('0');
    expect(throttled.body.error.code).toBe('SubscriptionRequestsThrottled');
    expect(throttled.body.error.message).toMatch(/Number of 'read' requests for subscription '11111111-1111-4111-8111-111111111111' actor '5a1e0b0e-0000-4000-8000-00000000a15d' exceeded/);
    // the other principal is not affected; time refills Palisade's bucket
    expect((await armFetch(h, 'GET', LIST(SUBSCRIPTION_WORKSHOP), undefined, OPERATOR)).status).toBe(200);
    clock += 1000;
    const again = await armFetch(h, 'GET', LIST(SUBSCRIPTION_WORKSHOP));
    expect(again.status).toBe(200);
    expect(again.headers['x-ms-ratelimit-remaining-subscription-reads']).toBe('0');
  });

  it('the global bucket (all principals) throttles too', async () => {
    h.emulator.throttle.configure({ reads: { size: 1, refillPerSecond: 1 }, globalFactor: 1 });
    expect((await armFetch(h, 'GET', LIST(SUBSCRIPTION_PRODUCTION))).status).toBe(200);
    const other = await armFetch(h, 'GET', LIST(SUBSCRIPTION_PRODUCTION), undefined, OPERATOR);
    expect(other.status).toBe(429);
    expect(other.body.error.message).toMatch(/all actors exceeded/);
  });

  it('can be switched off for a test that needs an unlimited emulator', async () => {
    h.emulator.throttle.enabled = false;
    try {
      h.emulator.throttle.configure({ reads: { size: 0, refillPerSecond: 0 } });
      expect((await armFetch(h, 'GET', LIST(SUBSCRIPTION_WORKSHOP))).status).toBe(200);
    } finally {
      h.emulator.throttle.enabled = true;
    }
  });

  it('Resource Graph has its own per-user quota: x-ms-user-quota-* headers, 429 RateLimiting when used up', async () => {
    h.emulator.throttle.configure({ resourceGraph: { queries: 2, windowMs: 5000 } });
    const query = { query: 'Resources | project id | limit 1', subscriptions: [SUBSCRIPTION_WORKSHOP] };
    const arg = () => armFetch(h, 'POST', '/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01', query);
    expect((await arg()).headers['x-ms-user-quota-remaining']).toBe('1');
    const second = await arg();
    expect(second.headers['x-ms-user-quota-remaining']).toBe('0');
    expect(second.headers['x-ms-user-quota-resets-after']).toBe('00:00:05');
    const third = await arg();
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RateLimiting');
    expect(third.body.error.details[0].code).toBe('RateLimiting');
    clock += 5000;
    expect((await arg()).status).toBe(200);
  });
});
