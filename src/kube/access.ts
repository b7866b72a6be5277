import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { AzureClients } from '../azure/clients.js';
import { getClusterUserKubeconfig } from '../azure/clusters.js';
import { credentialProblem } from '../azure/errors.js';
import type { ClusterRef } from '../domain.js';
import type { Logger } from '../log.js';
import { KubeCaches } from './cache/index.js';
import { agentFor, type DirectKubeApi, kubeApiFor, type KubeApi } from './connect.js';
import { kubeCall, KubeError, type KubeRetry, mapKubeError } from './errors.js';
import { kubectlOverRunCommand } from './transport/overRunCommand.js';
import type { KubeForOptions } from './transport/resources.js';
import { PathMemory, refusal, refusesPalisade, routeCalls } from './transport/route.js';
import { runCommandResources } from './transport/runCommand.js';
import { withWireLists } from './wireList.js';

/** Entra application of the AKS API server: its tokens are accepted by AKS clusters with Entra integration. */
export const AKS_SCOPE = '6dae42f8-4368-4678-94ff-3960e28e3630/.default';

export interface KubeAccessOptions {
  azure: AzureClients;
  credential: TokenCredential;
  /** cluster name → kubeconfig context that overrides ARM-derived access */
  kubeconfig?: string;
  contexts?: Record<string, string>;
  timeoutMs?: number;
  /** Backoff of retried 409/429/5xx answers. */
  retry?: KubeRetry;
  /** Token scope of the AKS API server's Entra application; AKS_SCOPE by default. */
  scope?: string;
  /** Informers per cluster, dropped after this long unread; 0 or unset: no informers (every read is live). */
  cacheIdleMs?: number;
  /** How long a cluster's API server address and CA (from ARM) are reused; a failed connection drops them sooner. */
  accessTtlMs?: number;
  /** AKS Run Command, the way in when the API server refuses Palisade: deadline per command and poll interval. */
  runCommandTimeoutMs?: number;
  runCommandPollMs?: number;
  /** How long a cluster that refused the direct path is reached through Run Command before direct is tried again. */
  directRetryMs?: number;
  now?: () => number;
  log?: Logger;
}

function keyOf(cluster: ClusterRef): string {
  return `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.name}`.toLowerCase();
}

/** API clients kept for the clusters used last (addresses and CAs are kept for all). */
const MAX_CLIENTS = 64;

/** The API server and its CA change only when the cluster is recreated or its certificates rotate. */
const ACCESS_TTL_MS = 6 * 3600_000;

/**
 * Kubernetes clients per cluster without any kubeconfig: API server + CA from ARM (listClusterUserCredentials) and an
 * Entra token for AKS from the same credential, reused until shortly before the token expires. Each `for()` is a
 * handle whose calls go straight to the API server, or through AKS Run Command when the API server refuses Palisade
 * (private cluster, authorized ranges); `handle.route` says which. Reads may come from per-cluster informers, which
 * only ever list and watch directly: a cluster on Run Command has none, and its reads are live lists.
 */
export class KubeAccess {
  private readonly cache = new Map<string, { api: Promise<DirectKubeApi>; until: number }>();
  private readonly access = new Map<string, { value: Promise<{ server: string; caPem: string }>; until: number }>();
  private readonly memory: PathMemory;
  /** The clusters' informers, when reads from memory are on. */
  readonly caches: KubeCaches | undefined;

  constructor(private readonly opts: KubeAccessOptions) {
    this.memory = new PathMemory(opts.directRetryMs ?? 10 * 60_000, opts.now);
    this.caches = opts.cacheIdleMs ? new KubeCaches(opts.cacheIdleMs, (key, err) => this.informerFailed(key, err)) : undefined;
  }

  async for(cluster: ClusterRef, options: KubeForOptions = {}): Promise<KubeApi> {
    const key = keyOf(cluster);
    if (options.retryDirect) this.memory.forget(key);
    const direct = await this.direct(cluster, key);
    const runCommandTimeoutMs = this.opts.runCommandTimeoutMs ?? 5 * 60_000;
    let overRunCommand: ReturnType<typeof runCommandResources> | undefined;
    const { resources, route } = routeCalls({
      key,
      direct: withWireLists(direct, direct.config, agentFor),
      runCommand: () => (overRunCommand ??= runCommandResources(kubectlOverRunCommand({ ...this.opts, cluster, timeoutMs: runCommandTimeoutMs, token: async () => (await this.aksToken()).token }))),
      memory: this.memory,
      directTimeoutMs: direct.timeoutMs,
      retry: this.opts.retry,
      onRefused: (reason) => this.refused(key, reason),
      onDirectError: (e) => this.directFailed(cluster, e),
    });
    const timeoutMs = direct.timeoutMs + runCommandTimeoutMs;
    const handle: KubeApi = { ...resources, server: direct.server, config: direct.config, timeoutMs, route, call: (fn) => kubeCall(fn, timeoutMs, { attempts: 1 }) };
    const reads = options.reads ?? 'live';
    // no informer for a cluster on Run Command (no watch); one already running still hears of writes
    const onRunCommand = this.memory.refusedReason(key) !== undefined;
    const clusterCache = reads === 'cache' && !onRunCommand ? this.caches?.for(key) : this.caches?.peek(key);
    if (!clusterCache) return handle;
    return { ...handle, cache: clusterCache.bound(this.informerApi(cluster, key, direct)), reads: onRunCommand ? 'live' : reads };
  }

  /** Forgets a cluster's address, CA and clients (its API server moved or refused our TLS): the next use asks ARM. */
  forget(cluster: ClusterRef): void {
    const key = keyOf(cluster);
    this.cache.delete(key);
    this.access.delete(key);
  }

  async close(): Promise<void> {
    await this.caches?.close();
  }

  /** The direct API as informers use it: a refusal there sends the cluster's reads through Run Command, as a call's would. */
  private informerApi(cluster: ClusterRef, key: string, direct: DirectKubeApi): DirectKubeApi {
    return {
      ...direct,
      call: async (fn) => {
        try {
          return await direct.call(fn);
        } catch (e) {
          this.directFailed(cluster, e);
          throw e;
        }
      },
    };
  }

  /** An informer's list or watch failed: a refusal (no answer) sends the cluster's reads through Run Command, as a call's would. */
  private informerFailed(key: string, err: Error): void {
    // a watch the API server answered with an HTTP status (RBAC, 5xx) is an answer, not a refusal
    if (typeof (err as { statusCode?: unknown }).statusCode === 'number') return;
    const e = mapKubeError(err);
    if (!refusesPalisade(e) || this.memory.refusedReason(key) !== undefined) return;
    const reason = refusal(e);
    this.memory.remember(key, reason);
    this.refused(key, reason);
  }

  private refused(key: string, reason: string): void {
    this.opts.log?.warn({ cluster: key, reason }, 'the API server refuses Palisade: using AKS Run Command for a while');
    // never keep a watch open towards an API server that refuses Palisade
    void this.caches?.drop(key);
  }

  /** An address, CA or token the API server no longer takes is asked of ARM again next time (one call, not one per use). */
  private directFailed(cluster: ClusterRef, e: unknown): void {
    if (refusesPalisade(e) || (e instanceof KubeError && e.status === 401)) this.forget(cluster);
  }

  private direct(cluster: ClusterRef, key: string): Promise<DirectKubeApi> {
    let hit = this.cache.get(key);
    if (!hit || hit.until <= Date.now()) {
      const entry = { api: this.connect(cluster, key), until: Date.now() + 5 * 60_000 };
      entry.api.then(
        (api) => (entry.until = Math.min(entry.until, (api as DirectKubeApi & { expiresAt?: number }).expiresAt ?? entry.until)),
        () => {
          this.cache.delete(key); // never cache a failure
          this.access.delete(key);
        },
      );
      hit = entry;
    }
    // most recently used last: the oldest clients go first when a fleet scan has touched many clusters
    this.cache.delete(key);
    this.cache.set(key, hit);
    while (this.cache.size > MAX_CLIENTS) this.cache.delete(this.cache.keys().next().value!);
    return hit.api;
  }

  private token: { value: Promise<AccessToken>; until: number } | undefined;

  /** One AKS token for every cluster (same audience), until five minutes before it expires. */
  private aksToken(): Promise<AccessToken> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const value = this.opts.credential.getToken(this.opts.scope ?? AKS_SCOPE).then(
      (t) => {
        if (!t) throw new Error('no Entra token for the AKS API server');
        return t;
      },
      (err: unknown) => {
        throw credentialProblem(err) ?? err;
      },
    );
    const entry = { value, until: Date.now() + 60_000 };
    value.then(
      (t) => (entry.until = t.expiresOnTimestamp - 5 * 60_000),
      () => {
        if (this.token === entry) this.token = undefined; // never cache a failure
      },
    );
    this.token = entry;
    return value;
  }

  private userAccess(cluster: ClusterRef, key: string): Promise<{ server: string; caPem: string }> {
    const hit = this.access.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const entry = { value: getClusterUserKubeconfig(this.opts.azure, cluster), until: Date.now() + (this.opts.accessTtlMs ?? ACCESS_TTL_MS) };
    entry.value.catch(() => this.access.delete(key));
    this.access.set(key, entry);
    return entry.value;
  }

  private async connect(cluster: ClusterRef, key: string): Promise<DirectKubeApi> {
    const context = this.opts.contexts?.[cluster.name];
    if (context && this.opts.kubeconfig) return kubeApiFor({ kubeconfigPath: this.opts.kubeconfig, context, timeoutMs: this.opts.timeoutMs, retry: this.opts.retry });
    const [access, token] = await Promise.all([this.userAccess(cluster, key), this.aksToken()]);
    const api = kubeApiFor({ server: access.server, caPem: access.caPem, token: token.token, timeoutMs: this.opts.timeoutMs, retry: this.opts.retry });
    return Object.assign(api, { expiresAt: token.expiresOnTimestamp - 5 * 60_000 });
  }
}
