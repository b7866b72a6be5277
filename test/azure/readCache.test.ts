import { describe, expect, it } from 'vitest';
import { createHttpHeaders, createPipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { ArmPacer } from '../../src/azure/pacer.js';
import { ArmReadCache } from '../../src/azure/readCache.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('ArmReadCache', () => {
  it('shares one request among concurrent identical reads and answers from memory within the window', async () => {
    let now = 0;
    const cache = new ArmReadCache(1000, () => now);
    let calls = 0;
    const d = deferred<string>();
    const reads = Array.from({ length: 50 }, () => cache.read('/subscriptions/S/x', () => (calls++, d.promise)));
    d.resolve('v1');
    expect(await Promise.all(reads)).toEqual(Array(50).fill('v1'));
    expect(await cache.read('/SUBSCRIPTIONS/s/X', async () => (calls++, 'v2'))).toBe('v1');
    expect(calls).toBe(1);
    now = 1000;
    expect(await cache.read('/subscriptions/s/x', async () => (calls++, 'v3'))).toBe('v3');
    expect(cache.stats).toEqual({ misses: 2, hits: 1, joined: 49 });
  });

  it('a write drops the entry at once, and a read started before the write does not put the old answer back', async () => {
    const cache = new ArmReadCache(60_000);
    const slow = deferred<string>();
    const before = cache.read('/subscriptions/s/c', () => slow.promise);
    cache.invalidate('/subscriptions/s');
    slow.resolve('old');
    expect(await before).toBe('old');
    expect(await cache.read('/subscriptions/s/c', async () => 'new')).toBe('new');
  });

  it('live reads always go to ARM and refresh what later readers get; failures are never kept', async () => {
    const cache = new ArmReadCache(60_000);
    await cache.read('k', async () => 'cached');
    expect(await cache.read('k', async () => 'live', { live: true })).toBe('live');
    expect(await cache.read('k', async () => 'other')).toBe('live');
    await expect(cache.read('f', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.read('f', async () => 'ok')).toBe('ok');
  });
});

describe('ArmPacer', () => {
  const response = (status: number, headers: Record<string, string>) => ({ status, headers: createHttpHeaders(headers) }) as unknown as PipelineResponse;

  it('spaces a subscription out as its remaining reads run low, and holds it for Retry-After after a 429', async () => {
    const now = 0;
    const slept: number[] = [];
    const pacer = new ArmPacer({ lowWater: 10, maxSpacingMs: 100, now: () => now, sleep: async (ms) => void slept.push(ms) });
    const policy = pacer.policy();
    const get = (sub: string, answer: PipelineResponse) => policy.sendRequest(createPipelineRequest({ url: `https://arm/subscriptions/${sub}/x`, method: 'GET' }), async () => answer);
    await get('a', response(200, { 'x-ms-ratelimit-remaining-subscription-reads': '200' }));
    await get('a', response(200, { 'x-ms-ratelimit-remaining-subscription-reads': '5' }));
    expect(slept).toEqual([]); // plenty left: no wait
    await get('a', response(200, { 'x-ms-ratelimit-remaining-subscription-reads': '4' })); // 5 left: spaced
    await get('a', response(429, { 'retry-after': '3', 'x-ms-ratelimit-remaining-subscription-reads': '0' }));
    expect(slept.length).toBe(1);
    await get('a', response(200, {}));
    expect(slept.at(-1)).toBe(3000); // held for Retry-After
    await get('b', response(200, {}));
    expect(slept.length).toBe(2); // another subscription is not held
    expect(pacer.stats).toMatchObject({ requests: { a: 5, b: 1 }, throttled: 1, paced: 2 });
  });
});
