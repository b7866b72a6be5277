import { instruments } from '../telemetry/index.js';

/** Typed Kubernetes failures: callers branch on these, never on SDK exceptions. */
export class KubeError extends Error {
  constructor(message: string, readonly status?: number, readonly reason?: string) {
    super(message);
    this.name = new.target.name;
  }
}
export class KubeNotFound extends KubeError {}
export class KubeConflict extends KubeError {}
export class KubeInvalid extends KubeError {
  constructor(message: string, readonly causes: Array<{ field?: string; message?: string }> = []) {
    super(message, 422, 'Invalid');
  }
}
export class KubeForbidden extends KubeError {}
/** No HTTP answer at all: connection dropped, refused or timed out (how an authorized-IP-range lockout shows). */
export class KubeUnreachable extends KubeError {}
/** Neither way in worked: the API server refused Palisade, and AKS Run Command could not run the command either. */
export class KubeNoRoute extends KubeUnreachable {
  constructor(readonly direct: string, readonly runCommand: string) {
    super(`directly: ${direct}; through AKS Run Command: ${runCommand}`);
  }
}

function statusBody(body: unknown): { message?: string; reason?: string; details?: { causes?: Array<{ field?: string; message?: string }> } } {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as ReturnType<typeof statusBody>;
    } catch {
      return { message: body };
    }
  }
  return (body ?? {}) as ReturnType<typeof statusBody>;
}

export function mapKubeError(e: unknown): Error {
  if (e instanceof KubeError) return e;
  const err = e as { code?: unknown; body?: unknown; message?: string; type?: string; headers?: Record<string, string> };
  if (typeof err?.code === 'number' && err.code >= 100) {
    const s = statusBody(err.body);
    const message = s.message ?? `Kubernetes API answered ${err.code}`;
    switch (err.code) {
      case 404:
        return new KubeNotFound(message, 404, s.reason);
      case 409:
        return withRetryAfter(new KubeConflict(message, 409, s.reason), err.headers);
      case 422:
        return new KubeInvalid(message, s.details?.causes ?? []);
      case 401:
      case 403:
        return new KubeForbidden(message, err.code, s.reason);
      default:
        return withRetryAfter(new KubeError(message, err.code, s.reason), err.headers);
    }
  }
  return new KubeUnreachable(`Kubernetes API unreachable: ${err?.message ?? String(e)}`);
}

/** How long the server asked us to wait (Retry-After in seconds), kept on the error for the retry loop. */
function withRetryAfter<E extends KubeError>(error: E, headers: Record<string, string> | undefined): E {
  const raw = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  const seconds = raw === undefined ? NaN : Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) (error as KubeError & { retryAfterMs?: number }).retryAfterMs = seconds * 1000;
  return error;
}

/** Retries of answers worth another try (409, 429, 5xx), like the Azure SDK does for ARM. */
export interface KubeRetry {
  /** Attempts in all, the first included. */
  attempts?: number;
  /** First backoff; doubles each time, with jitter. */
  baseMs?: number;
  /** Cap on any wait, Retry-After included. */
  maxMs?: number;
  /** Waits (tests record instead). */
  sleep?: (ms: number) => Promise<void>;
}

const RETRY_DEFAULTS = { attempts: 4, baseMs: 250, maxMs: 10_000 };

function retryable(e: unknown): e is KubeError & { retryAfterMs?: number } {
  return e instanceof KubeError && e.status !== undefined && (e.status === 409 || e.status === 429 || (e.status >= 500 && e.status !== 501));
}

/** Runs one API call with a deadline per attempt, retrying 409/429/5xx with backoff (Retry-After honoured); any failure comes back typed. */
export async function kubeCall<T>(fn: () => Promise<T>, timeoutMs: number, retry: KubeRetry = {}): Promise<T> {
  const { attempts, baseMs, maxMs } = { ...RETRY_DEFAULTS, ...retry };
  const sleep = retry.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(fn, timeoutMs);
    } catch (e) {
      if (!retryable(e) || attempt >= attempts) throw e;
      const backoff = baseMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      await sleep(Math.min(maxMs, e.retryAfterMs ?? backoff));
    }
  }
}

async function once<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KubeUnreachable(`Kubernetes API did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([fn(), deadline]);
  } catch (e) {
    const mapped = mapKubeError(e);
    if (mapped instanceof KubeError && mapped.status === 429) instruments().throttled.add(1, { service: 'kubernetes' });
    throw mapped;
  } finally {
    clearTimeout(timer);
  }
}
