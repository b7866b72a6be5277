import type { TokenCredential } from '@azure/core-auth';
import type { AzureClients } from '../azure/clients.js';
import { getClusterUserKubeconfig } from '../azure/clusters.js';
import { credentialProblem } from '../azure/errors.js';
import type { ClusterRef } from '../domain.js';
import type { Logger } from '../log.js';
import { type DirectKubeApi, kubeApiFor, type KubeApi } from './connect.js';
import { kubeCall } from './errors.js';
import { kubectlOverRunCommand } from './transport/overRunCommand.js';
import type { KubeForOptions } from './transport/resources.js';
import { PathMemory, routeCalls } from './transport/route.js';
import { runCommandResources } from './transport/runCommand.js';
import type { KubeRetry } from './errors.js';

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

/**
 * Kubernetes clients per cluster without any kubeconfig: API server + CA from ARM (listClusterUserCredentials) and an
 * Entra token for AKS from the same credential, reused until shortly before the token expires. Each `for()` is a
 * handle whose calls go straight to the API server, or through AKS Run Command when the API server refuses Palisade
 * (private cluster, authorized ranges); `handle.route` says which.
 */
export class KubeAccess {
  private readonly cache = new Map<string, { api: Promise<DirectKubeApi>; until: number }>();
  private readonly memory: PathMemory;

  constructor(private readonly opts: KubeAccessOptions) {
    this.memory = new PathMemory(opts.directRetryMs ?? 10 * 60_000, opts.now);
  }

  async for(cluster: ClusterRef, options: KubeForOptions = {}): Promise<KubeApi> {
    const key = keyOf(cluster);
    if (options.retryDirect) this.memory.forget(key);
    const direct = await this.direct(cluster, key);
    const runCommandTimeoutMs = this.opts.runCommandTimeoutMs ?? 5 * 60_000;
    let overRunCommand: ReturnType<typeof runCommandResources> | undefined;
    const { resources, route } = routeCalls({
      key,
      direct,
      runCommand: () => (overRunCommand ??= runCommandResources(kubectlOverRunCommand({ ...this.opts, cluster, timeoutMs: runCommandTimeoutMs, token: () => this.token() }))),
      memory: this.memory,
      directTimeoutMs: direct.timeoutMs,
      retry: this.opts.retry,
      onRefused: (reason) => this.opts.log?.warn({ cluster: cluster.name, reason }, 'the API server refuses Palisade: using AKS Run Command for a while'),
    });
    const timeoutMs = direct.timeoutMs + runCommandTimeoutMs;
    // the direct calls inside retry 409/429/5xx themselves: the handle's deadline wraps them once
    return { ...resources, server: direct.server, config: direct.config, timeoutMs, route, call: (fn) => kubeCall(fn, timeoutMs, { attempts: 1 }) };
  }

  private direct(cluster: ClusterRef, key: string): Promise<DirectKubeApi> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.api;
    const entry = { api: this.connect(cluster), until: Date.now() + 5 * 60_000 };
    entry.api.then(
      (api) => (entry.until = Math.min(entry.until, (api as DirectKubeApi & { expiresAt?: number }).expiresAt ?? entry.until)),
      () => this.cache.delete(key), // never cache a failure
    );
    this.cache.set(key, entry);
    return entry.api;
  }

  private async token(): Promise<string> {
    const token = await this.opts.credential.getToken(this.opts.scope ?? AKS_SCOPE).catch((err: unknown) => {
      throw credentialProblem(err) ?? err;
    });
    if (!token) throw new Error('no Entra token for the AKS API server');
    return token.token;
  }

  private async connect(cluster: ClusterRef): Promise<DirectKubeApi> {
    const context = this.opts.contexts?.[cluster.name];
    if (context && this.opts.kubeconfig) return kubeApiFor({ kubeconfigPath: this.opts.kubeconfig, context, timeoutMs: this.opts.timeoutMs, retry: this.opts.retry });
    const token$ = this.opts.credential.getToken(this.opts.scope ?? AKS_SCOPE).catch((err: unknown) => {
      throw credentialProblem(err) ?? err;
    });
    const [access, token] = await Promise.all([getClusterUserKubeconfig(this.opts.azure, cluster), token$]);
    if (!token) throw new Error('no Entra token for the AKS API server');
    const api = kubeApiFor({ server: access.server, caPem: access.caPem, token: token.token, timeoutMs: this.opts.timeoutMs, retry: this.opts.retry });
    return Object.assign(api, { expiresAt: token.expiresOnTimestamp - 5 * 60_000 });
  }
}
