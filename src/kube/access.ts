import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { AzureClients } from '../azure/clients.js';
import { getClusterUserKubeconfig } from '../azure/clusters.js';
import { credentialProblem } from '../azure/errors.js';
import type { ClusterRef } from '../domain.js';
import { KubeCaches } from './cache/index.js';
import { kubeApiFor, type KubeApi, type KubeReads } from './connect.js';
import { KubeError, KubeUnreachable } from './errors.js';

/** Entra application of the AKS API server: its tokens are accepted by AKS clusters with Entra integration. */
export const AKS_SCOPE = '6dae42f8-4368-4678-94ff-3960e28e3630/.default';

export interface KubeAccessOptions {
  azure: AzureClients;
  credential: TokenCredential;
  /** cluster name → kubeconfig context that overrides ARM-derived access */
  kubeconfig?: string;
  contexts?: Record<string, string>;
  timeoutMs?: number;
  /** Token scope of the AKS API server's Entra application; AKS_SCOPE by default. */
  scope?: string;
  /** Informers per cluster, dropped after this long unread; 0 or unset: no informers (every read is live). */
  cacheIdleMs?: number;
  /** How long a cluster's API server address and CA (from ARM) are reused; a failed connection drops them sooner. */
  accessTtlMs?: number;
}

/** API clients kept for the clusters used last (addresses and CAs are kept for all). */
const MAX_CLIENTS = 64;

/** The API server and its CA change only when the cluster is recreated or its certificates rotate. */
const ACCESS_TTL_MS = 6 * 3600_000;

/**
 * Kubernetes clients per cluster without any kubeconfig: API server + CA from ARM (listClusterUserCredentials) and an
 * Entra token for AKS from the same credential. Reused until shortly before the token expires.
 */
export class KubeAccess {
  private readonly cache = new Map<string, { api: Promise<KubeApi>; until: number }>();
  private readonly access = new Map<string, { value: Promise<{ server: string; caPem: string }>; until: number }>();
  /** The clusters' informers, when reads from memory are on. */
  readonly caches: KubeCaches | undefined;

  constructor(private readonly opts: KubeAccessOptions) {
    this.caches = opts.cacheIdleMs ? new KubeCaches(opts.cacheIdleMs) : undefined;
  }

  /**
   * The cluster's API clients. `reads` 'live' (the default: operations, whose plans and applies read live state),
   * 'cache' (handlers and `status`: informers started on first use), or 'cache-if-warm' (fleet scans: memory where
   * informers already run, else live without starting any). Writes tell the informers whatever the mode.
   */
  async for(cluster: ClusterRef, opts: { reads?: KubeReads } = {}): Promise<KubeApi> {
    const key = `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.name}`.toLowerCase();
    let hit = this.cache.get(key);
    if (!hit || hit.until <= Date.now()) {
      const entry = { api: this.connect(cluster, key), until: Date.now() + 5 * 60_000 };
      entry.api.then(
        (api) => (entry.until = Math.min(entry.until, (api as KubeApi & { expiresAt?: number }).expiresAt ?? entry.until)),
        () => {
          this.cache.delete(key); // never cache a failure
          this.access.delete(key);
        },
      );
      this.cache.set(key, entry);
      hit = entry;
    }
    // most recently used last: the oldest clients go first when a fleet scan has touched many clusters
    this.cache.delete(key);
    this.cache.set(key, hit);
    while (this.cache.size > MAX_CLIENTS) this.cache.delete(this.cache.keys().next().value!);
    const api = await hit.api;
    const reads = opts.reads ?? 'live';
    // a fleet scan ('cache-if-warm') uses informers only where they run already, and starts none
    const cache = reads === 'cache' ? this.caches?.for(key) : this.caches?.peek(key);
    return { ...api, cache, reads: cache ? reads : 'live' };
  }

  /** Forgets a cluster's address, CA and clients (its API server moved or refused our TLS): the next use asks ARM. */
  forget(cluster: ClusterRef): void {
    const key = `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.name}`.toLowerCase();
    this.cache.delete(key);
    this.access.delete(key);
  }

  async close(): Promise<void> {
    await this.caches?.close();
  }

  private token: { value: Promise<AccessToken | null>; until: number } | undefined;

  /** One AKS token for every cluster (same audience), until five minutes before it expires. */
  private aksToken(): Promise<AccessToken | null> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const value = this.opts.credential.getToken(this.opts.scope ?? AKS_SCOPE).catch((err: unknown) => {
      this.token = undefined;
      throw credentialProblem(err) ?? err;
    });
    const entry = { value, until: Date.now() + 60_000 };
    value.then((t) => (entry.until = t ? t.expiresOnTimestamp - 5 * 60_000 : 0), () => undefined);
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

  private async connect(cluster: ClusterRef, key: string): Promise<KubeApi> {
    const context = this.opts.contexts?.[cluster.name];
    if (context && this.opts.kubeconfig) return kubeApiFor({ kubeconfigPath: this.opts.kubeconfig, context, timeoutMs: this.opts.timeoutMs });
    const token$ = this.aksToken();
    const [access, token] = await Promise.all([this.userAccess(cluster, key), token$]);
    if (!token) throw new Error('no Entra token for the AKS API server');
    const api = kubeApiFor({ server: access.server, caPem: access.caPem, token: token.token, timeoutMs: this.opts.timeoutMs });
    const call = api.call;
    // an address or CA that no longer works is asked of ARM again next time (one call, instead of one per use)
    api.call = async (fn) => {
      try {
        return await call(fn);
      } catch (e) {
        if (e instanceof KubeUnreachable || (e instanceof KubeError && e.status === 401)) this.forget(cluster);
        throw e;
      }
    };
    return Object.assign(api, { expiresAt: token.expiresOnTimestamp - 5 * 60_000 });
  }
}
