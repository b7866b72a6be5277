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
  const err = e as { code?: unknown; body?: unknown; message?: string; type?: string };
  if (typeof err?.code === 'number' && err.code >= 100) {
    const s = statusBody(err.body);
    const message = s.message ?? `Kubernetes API answered ${err.code}`;
    switch (err.code) {
      case 404:
        return new KubeNotFound(message, 404, s.reason);
      case 409:
        return new KubeConflict(message, 409, s.reason);
      case 422:
        return new KubeInvalid(message, s.details?.causes ?? []);
      case 401:
      case 403:
        return new KubeForbidden(message, err.code, s.reason);
      default:
        return new KubeError(message, err.code, s.reason);
    }
  }
  return new KubeUnreachable(`Kubernetes API unreachable: ${err?.message ?? String(e)}`);
}

/** Runs one API call with a deadline; any failure comes back typed. */
export async function kubeCall<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
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
