import { setTimeout as sleep } from 'node:timers/promises';
import { PreconditionFailed, type Versioned } from './types.js';

export const DEFAULT_UPDATE_ATTEMPTS = 60;

/**
 * Optimistic read-modify-write: read, apply `fn`, write conditionally on the etag read; on a lost race wait a
 * jittered, growing backoff (so contenders spread out) and try again.
 */
export async function optimisticUpdate<T>(
  read: () => Promise<Versioned<T> | undefined>,
  write: (value: T, cond: { ifMatch?: string; ifNoneMatch?: '*' }) => Promise<string>,
  fn: (current: T | undefined) => T | undefined,
  maxAttempts = DEFAULT_UPDATE_ATTEMPTS,
): Promise<Versioned<T> | undefined> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const current = await read();
    // Hand fn a private copy so a retry never sees its own earlier mutation.
    const next = fn(current === undefined ? undefined : structuredClone(current.value));
    if (next === undefined) return current;
    try {
      const etag = await write(next, current ? { ifMatch: current.etag } : { ifNoneMatch: '*' });
      return { value: next, etag };
    } catch (e) {
      if (!(e instanceof PreconditionFailed)) throw e;
      const cap = Math.min(200, 5 * 2 ** Math.min(attempt, 6));
      await sleep(Math.random() * cap);
    }
  }
  throw new PreconditionFailed(`update gave up after ${maxAttempts} attempts under contention`);
}
