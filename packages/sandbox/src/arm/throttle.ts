import { ArmHttpError } from './http.js';

/** A token bucket: `size` requests at once, refilled at `refillPerSecond`. */
export interface BucketSpec {
  size: number;
  refillPerSecond: number;
}

export interface ThrottleLimits {
  reads: BucketSpec;
  writes: BucketSpec;
  deletes: BucketSpec;
  /** Every principal together may use this many times one principal's bucket per subscription (ARM: 15). */
  globalFactor: number;
  /** Azure Resource Graph's own per-user quota: `queries` per `windowMs` (default 15 per 5 s). */
  resourceGraph: { queries: number; windowMs: number };
}

/** ARM's regional token-bucket limits (2024 throttling model): per subscription, per principal, per operation kind. */
export const ARM_LIMITS: ThrottleLimits = {
  reads: { size: 250, refillPerSecond: 25 },
  writes: { size: 200, refillPerSecond: 10 },
  deletes: { size: 200, refillPerSecond: 10 },
  globalFactor: 15,
  resourceGraph: { queries: 15, windowMs: 5000 },
};

type Kind = 'read' | 'write' | 'delete';
const PLURAL: Record<Kind, 'reads' | 'writes' | 'deletes'> = { read: 'reads', write: 'writes', delete: 'deletes' };

class Bucket {
  tokens: number;
  at: number;
  constructor(readonly spec: BucketSpec, now: number) {
    this.tokens = spec.size;
    this.at = now;
  }
  refill(now: number): void {
    this.tokens = Math.min(this.spec.size, this.tokens + ((now - this.at) / 1000) * this.spec.refillPerSecond);
    this.at = now;
  }
  /** Seconds until one token is back. */
  wait(): number {
    return Math.max(1, Math.ceil((1 - this.tokens) / this.spec.refillPerSecond));
  }
}

/**
 * ARM request throttling as the sandbox answers it: remaining-request headers on every answer and 429
 * `SubscriptionRequestsThrottled` (or `TenantRequestsThrottled`) with Retry-After when a bucket is empty.
 */
export class ArmThrottle {
  enabled = true;
  limits: ThrottleLimits = structuredClone(ARM_LIMITS);
  private buckets = new Map<string, Bucket>();
  private graphWindows = new Map<string, { start: number; used: number }>();
  /** Injectable clock for tests of the refill. */
  now: () => number = () => Date.now();

  /** Changes limits (e.g. a tiny bucket for a test) and starts every bucket full again. */
  configure(limits: Partial<Omit<ThrottleLimits, 'resourceGraph'>> & { resourceGraph?: Partial<ThrottleLimits['resourceGraph']> }): void {
    this.limits = { ...this.limits, ...limits, resourceGraph: { ...this.limits.resourceGraph, ...(limits.resourceGraph ?? {}) } };
    this.reset();
  }

  reset(): void {
    this.buckets.clear();
    this.graphWindows.clear();
  }

  private bucket(key: string, spec: BucketSpec, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b || b.spec !== spec) {
      b = new Bucket(spec, now);
      this.buckets.set(key, b);
    }
    b.refill(now);
    return b;
  }

  /** Takes one token for this request or throws the 429; returns the headers ARM adds to the answer. */
  take(kind: Kind, principalId: string, subscriptionId: string | undefined): Record<string, string> {
    if (!this.enabled) return {};
    const now = this.now();
    const plural = PLURAL[kind];
    const spec = this.limits[plural];
    const level = subscriptionId ? 'subscription' : 'tenant';
    const scopeKey = subscriptionId ? subscriptionId.toLowerCase() : 'tenant';
    const own = this.bucket(`${scopeKey}|${principalId}|${kind}`, spec, now);
    const globalSpec = subscriptionId ? this.globalSpec(spec) : undefined;
    const global = globalSpec ? this.bucket(`${scopeKey}|*|${kind}`, globalSpec, now) : undefined;
    const empty = own.tokens < 1 ? own : global && global.tokens < 1 ? global : undefined;
    if (empty) {
      const after = empty.wait();
      const who = empty === own ? `actor '${principalId}'` : 'all actors';
      throw new ArmHttpError(
        429,
        subscriptionId ? 'SubscriptionRequestsThrottled' : 'TenantRequestsThrottled',
        `Number of '${kind}' requests for ${level} '${subscriptionId ?? 'tenant'}' ${who} exceeded. Please try again after '${after}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling`,
        undefined,
        { 'retry-after': String(after), [`x-ms-ratelimit-remaining-${level}-${plural}`]: '0' },
      );
    }
    own.tokens -= 1;
    const headers: Record<string, string> = { [`x-ms-ratelimit-remaining-${level}-${plural}`]: String(Math.floor(own.tokens)) };
    if (global) {
      global.tokens -= 1;
      headers[`x-ms-ratelimit-remaining-subscription-global-${plural}`] = String(Math.floor(global.tokens));
    }
    return headers;
  }

  private readonly globals = new WeakMap<BucketSpec, BucketSpec>();
  private globalSpec(spec: BucketSpec): BucketSpec {
    let g = this.globals.get(spec);
    if (!g) {
      g = { size: spec.size * this.limits.globalFactor, refillPerSecond: spec.refillPerSecond * this.limits.globalFactor };
      this.globals.set(spec, g);
    }
    return g;
  }

  /** Resource Graph's per-user quota: `x-ms-user-quota-remaining` / `-resets-after`, 429 `RateLimiting` when used up. */
  takeResourceGraph(principalId: string): Record<string, string> {
    if (!this.enabled) return {};
    const now = this.now();
    const { queries, windowMs } = this.limits.resourceGraph;
    let w = this.graphWindows.get(principalId);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, used: 0 };
      this.graphWindows.set(principalId, w);
    }
    const resetsAfter = new Date(Math.max(0, windowMs - (now - w.start))).toISOString().slice(11, 19);
    if (w.used >= queries) {
      const after = Math.max(1, Math.ceil((windowMs - (now - w.start)) / 1000));
      const err = new ArmHttpError(
        429,
        'RateLimiting',
        'Please provide below info when asking for support: timestamp = ' + new Date(now).toISOString() + ', correlationId = sandbox.',
        undefined,
        { 'retry-after': String(after), 'x-ms-user-quota-remaining': '0', 'x-ms-user-quota-resets-after': resetsAfter },
      );
      err.details = [
        {
          code: 'RateLimiting',
          message: 'Client application has been throttled and should not attempt to repeat the request until an amount of time has elapsed. Please see https://aka.ms/resourcegraph-throttling for help.',
        },
      ];
      throw err;
    }
    w.used += 1;
    return { 'x-ms-user-quota-remaining': String(queries - w.used), 'x-ms-user-quota-resets-after': resetsAfter };
  }
}
