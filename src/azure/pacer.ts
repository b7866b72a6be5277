import type { PipelinePolicy, PipelineRequest } from '@azure/core-rest-pipeline';

/**
 * One pacer per Palisade, in every ARM client's pipeline (so it sees every request and every retry): it learns each
 * subscription's remaining read budget from `x-ms-ratelimit-remaining-subscription-reads` and spaces that
 * subscription's reads out as the budget runs low, so Palisade slows down before ARM answers 429. After a 429 it holds
 * the subscription's reads for the Retry-After. Resource Graph's per-user quota (`x-ms-user-quota-remaining`,
 * `-resets-after`) is paced the same way.
 */
export interface PacerOptions {
  /** Below this many remaining reads, reads are spaced out (ARM refills 25 a second into a bucket of 250). */
  lowWater: number;
  /** The spacing when the budget is all but gone; it grows linearly from 0 at lowWater. */
  maxSpacingMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface PacerStats {
  /** Requests sent, all kinds, per subscription ('tenant' for tenant-level ones, 'resourceGraph' for queries). */
  requests: Record<string, number>;
  /** Requests the pacer held back, and for how long in total. */
  paced: number;
  pacedMs: number;
  /** 429 answers seen (the SDK retries them after Retry-After). */
  throttled: number;
}

interface Budget {
  /** Last remaining count ARM told, minus what was sent since. */
  remaining?: number;
  /** Earliest time the next read may go. */
  nextAt: number;
  /** No read before this (a 429's Retry-After, or an exhausted Resource Graph quota). */
  blockedUntil: number;
}

export const DEFAULT_PACER: PacerOptions = { lowWater: 50, maxSpacingMs: 400 };

const SUBSCRIPTION = /\/subscriptions\/([^/?]+)/i;
const RESOURCE_GRAPH = /\/providers\/microsoft\.resourcegraph\//i;

function scopeOf(request: PipelineRequest): { key: string; read: boolean } {
  const path = new URL(request.url).pathname;
  if (RESOURCE_GRAPH.test(path)) return { key: 'resourceGraph', read: true };
  const sub = SUBSCRIPTION.exec(path)?.[1]?.toLowerCase();
  return { key: sub ?? 'tenant', read: request.method === 'GET' };
}

/** `hh:mm:ss` (Resource Graph's resets-after) → ms. */
function hms(v: string | undefined): number | undefined {
  const m = /^(\d+):(\d{2}):(\d{2})/.exec(v ?? '');
  return m ? (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000 : undefined;
}

export class ArmPacer {
  readonly stats: PacerStats = { requests: {}, paced: 0, pacedMs: 0, throttled: 0 };
  private readonly budgets = new Map<string, Budget>();
  private readonly opts: Required<PacerOptions>;

  constructor(opts: Partial<PacerOptions> = {}) {
    this.opts = {
      ...DEFAULT_PACER,
      now: Date.now,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      ...opts,
    } as Required<PacerOptions>;
  }

  private budget(key: string): Budget {
    let b = this.budgets.get(key);
    if (!b) {
      b = { nextAt: 0, blockedUntil: 0 };
      this.budgets.set(key, b);
    }
    return b;
  }

  /** How long to space reads apart with this many left. */
  private spacing(remaining: number | undefined): number {
    const { lowWater, maxSpacingMs } = this.opts;
    if (remaining === undefined || remaining >= lowWater) return 0;
    return Math.ceil((maxSpacingMs * (lowWater - Math.max(0, remaining))) / lowWater);
  }

  /** Waits for this request's turn; reserves it synchronously so concurrent reads queue up behind each other. */
  private async admit(key: string): Promise<void> {
    const b = this.budget(key);
    const now = this.opts.now();
    const at = Math.max(now, b.blockedUntil, b.nextAt);
    b.nextAt = at + this.spacing(b.remaining);
    if (b.remaining !== undefined) b.remaining -= 1;
    if (at > now) {
      this.stats.paced++;
      this.stats.pacedMs += at - now;
      await this.opts.sleep(at - now);
    }
  }

  private learn(key: string, read: boolean, status: number, headers: { get(name: string): string | undefined }): void {
    const b = this.budget(key);
    const now = this.opts.now();
    if (key === 'resourceGraph') {
      const left = headers.get('x-ms-user-quota-remaining');
      const resets = hms(headers.get('x-ms-user-quota-resets-after'));
      if (left !== undefined && Number(left) <= 0 && resets !== undefined) b.blockedUntil = Math.max(b.blockedUntil, now + resets);
    } else {
      const left = headers.get('x-ms-ratelimit-remaining-subscription-reads');
      if (left !== undefined && Number.isFinite(Number(left))) b.remaining = Number(left);
    }
    if (status === 429 && read) {
      this.stats.throttled++;
      const after = Number(headers.get('retry-after'));
      b.blockedUntil = Math.max(b.blockedUntil, now + (Number.isFinite(after) && after > 0 ? after * 1000 : 1000));
      b.remaining = 0;
    }
  }

  policy(): PipelinePolicy {
    return {
      name: 'palisadeArmPacer',
      sendRequest: async (request, next) => {
        const { key, read } = scopeOf(request);
        this.stats.requests[key] = (this.stats.requests[key] ?? 0) + 1;
        if (read) await this.admit(key);
        const response = await next(request);
        this.learn(key, read, response.status, response.headers);
        return response;
      },
    };
  }

  /** Requests sent so far, all subscriptions together. */
  get total(): number {
    return Object.values(this.stats.requests).reduce((a, b) => a + b, 0);
  }
}
