import type { TokenCredential } from '@azure/core-auth';
import type { AzureClients } from '../azure/clients.js';
import { getClusterUserKubeconfig } from '../azure/clusters.js';
import { credentialProblem } from '../azure/errors.js';
import type { ClusterRef } from '../domain.js';
import { kubeApiFor, type KubeApi } from './connect.js';

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
}

/**
 * Kubernetes clients per cluster without any kubeconfig: API server + CA from ARM (listClusterUserCredentials) and an
 * Entra token for AKS from the same credential. Reused until shortly before the token expires.
 */
export class KubeAccess {
  private readonly cache = new Map<string, { api: Promise<KubeApi>; until: number }>();

  constructor(private readonly opts: KubeAccessOptions) {}

  for(cluster: ClusterRef): Promise<KubeApi> {
    const key = `${cluster.subscriptionId}/${cluster.resourceGroup}/${cluster.name}`.toLowerCase();
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.api;
    const entry = { api: this.connect(cluster), until: Date.now() + 5 * 60_000 };
    entry.api.then(
      (api) => (entry.until = Math.min(entry.until, (api as KubeApi & { expiresAt?: number }).expiresAt ?? entry.until)),
      () => this.cache.delete(key), // never cache a failure
    );
    this.cache.set(key, entry);
    return entry.api;
  }

  private async connect(cluster: ClusterRef): Promise<KubeApi> {
    const context = this.opts.contexts?.[cluster.name];
    if (context && this.opts.kubeconfig) return kubeApiFor({ kubeconfigPath: this.opts.kubeconfig, context, timeoutMs: this.opts.timeoutMs });
    const token$ = this.opts.credential.getToken(this.opts.scope ?? AKS_SCOPE).catch((err: unknown) => {
      throw credentialProblem(err) ?? err;
    });
    const [access, token] = await Promise.all([getClusterUserKubeconfig(this.opts.azure, cluster), token$]);
    if (!token) throw new Error('no Entra token for the AKS API server');
    const api = kubeApiFor({ server: access.server, caPem: access.caPem, token: token.token, timeoutMs: this.opts.timeoutMs });
    return Object.assign(api, { expiresAt: token.expiresOnTimestamp - 5 * 60_000 });
  }
}
