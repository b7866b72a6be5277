import type { ClusterRef } from '../../domain.js';
import type { KubeApi } from '../connect.js';
import { kubeCall, KubeForbidden, KubeNoRoute, type KubeRetry, KubeUnreachable } from '../errors.js';
import { CALLS, type KubeForOptions, type KubePath, type KubeResources, type KubeRoute, WRITE_CALLS } from './resources.js';

/** Which clusters refused Palisade's direct connection, remembered for a while; after that the direct path is tried again. */
export class PathMemory {
  private readonly refused = new Map<string, { reason: string; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Why the direct path is off for this cluster, or undefined: try it. */
  refusedReason(key: string): string | undefined {
    const hit = this.refused.get(key);
    if (hit && hit.until > this.now()) return hit.reason;
    this.refused.delete(key);
    return undefined;
  }

  remember(key: string, reason: string): void {
    this.refused.set(key, { reason, until: this.now() + this.ttlMs });
  }

  forget(key: string): void {
    this.refused.delete(key);
  }
}

/**
 * The API server did not take Palisade's request at all: no answer (private endpoint, authorized ranges drop the
 * packets, connection refused) or a 403 without a Kubernetes Status reason (a filter in front of the API server,
 * not RBAC). Anything the API server itself answered stays the answer.
 */
export function refusesPalisade(e: unknown): boolean {
  if (e instanceof KubeNoRoute) return false;
  if (e instanceof KubeUnreachable) return true;
  return e instanceof KubeForbidden && e.status === 403 && !e.reason;
}

/** What a refusal looked like, in a few words: "no answer (socket hang up)". */
function refusal(e: unknown): string {
  if (e instanceof KubeForbidden) return `403 from in front of the API server: ${e.message}`;
  const message = (e as Error).message.replace(/^Kubernetes API unreachable: /, '');
  const reason = /, reason: (.*)$/.exec(message)?.[1] ?? /^Kubernetes API did not answer within .*$/.exec(message)?.[0].replace(/^Kubernetes API /, '');
  return `no answer${reason ? ` (${reason})` : `: ${message}`}`;
}

export interface RouteOptions {
  /** The cluster, as PathMemory keys it. */
  key: string;
  direct: KubeResources;
  /** The Run Command implementation, made on first need. */
  runCommand: () => KubeResources;
  memory: PathMemory;
  directTimeoutMs: number;
  /** Backoff of direct calls answered 409/429/5xx. */
  retry?: KubeRetry;
  /** Called once when a cluster switches to Run Command (for the log). */
  onRefused?: (reason: string) => void;
}

type Group = keyof KubeResources;
type AnyCall = (...args: unknown[]) => Promise<unknown>;

/**
 * The calls of one handle, each sent directly unless the cluster is known to refuse Palisade, and through AKS Run
 * Command otherwise. A read the API server refuses is retried through Run Command at once; a refused write is not
 * (it may have arrived): the cluster is remembered, so the caller's next attempt goes through Run Command.
 */
export function routeCalls(opts: RouteOptions): { resources: KubeResources; route: KubeRoute } {
  const paths = new Set<KubePath>();
  const route: { paths: Set<KubePath>; directProblem?: string } = { paths };

  async function call(group: Group, name: string, args: unknown[]): Promise<unknown> {
    let reason = opts.memory.refusedReason(opts.key);
    if (reason === undefined) {
      try {
        const out = await kubeCall(() => (opts.direct[group] as unknown as Record<string, AnyCall>)[name](...args), opts.directTimeoutMs, opts.retry);
        paths.add('direct');
        return out;
      } catch (e) {
        if (!refusesPalisade(e)) {
          paths.add('direct');
          throw e;
        }
        reason = refusal(e);
        opts.memory.remember(opts.key, reason);
        opts.onRefused?.(reason);
        if (WRITE_CALLS.has(name)) throw e;
      }
    }
    paths.add('runCommand');
    route.directProblem = reason;
    try {
      return await (opts.runCommand()[group] as unknown as Record<string, AnyCall>)[name](...args);
    } catch (e) {
      if (e instanceof KubeUnreachable && !(e instanceof KubeNoRoute)) throw new KubeNoRoute(reason, e.message);
      throw e;
    }
  }

  const group = (g: Group) => Object.fromEntries(CALLS[g].map((name) => [name, (...args: unknown[]) => call(g, name, args)]));
  const resources = { core: group('core'), apps: group('apps'), batch: group('batch'), networking: group('networking') } as unknown as KubeResources;
  return { resources, route };
}

/** "via AKS Run Command" for cards, or undefined when every call went directly. */
export function routeText(route: KubeRoute | undefined): string | undefined {
  if (!route?.paths.has('runCommand')) return undefined;
  return route.paths.has('direct') ? 'partly via AKS Run Command' : 'via AKS Run Command';
}

/** Anything that hands out cluster handles (KubeAccess, or an operation context's `kube`). */
export interface KubeHandles {
  for(cluster: ClusterRef, options?: KubeForOptions): Promise<KubeApi>;
}

/** Wraps `for()` to see every handle it gives out: how one plan or apply reached the cluster, all calls together. */
export function trackRoutes(kube: KubeHandles): { kube: KubeHandles; route(): KubeRoute } {
  const handles: KubeApi[] = [];
  return {
    kube: {
      for: async (cluster, options) => {
        const api = await kube.for(cluster, options);
        handles.push(api);
        return api;
      },
    },
    route: () => {
      const paths = new Set(handles.flatMap((h) => [...h.route.paths]));
      return { paths, directProblem: handles.map((h) => h.route.directProblem).find(Boolean) };
    },
  };
}
