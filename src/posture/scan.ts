import type { AzureClients } from '../azure/clients.js';
import { listPricings, listRegistryFindings } from '../azure/defender.js';
import type { ClusterInfo } from '../domain.js';
import type { KubeAccess } from '../kube/access.js';
import type { KubeReads } from '../kube/connect.js';
import { listIngresses } from '../kube/ingresses.js';
import { listNamespaces } from '../kube/namespaces.js';
import { listNetworkPolicies } from '../kube/networkPolicies.js';
import { listServices } from '../kube/services.js';
import { routeText } from '../kube/transport/route.js';
import { assessPosture, type Posture, type PostureInputs } from './assess.js';

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Reads what posture needs from ARM, Kubernetes and Defender, in parallel, and assesses it. */
export class PostureScanner {
  constructor(private readonly azure: AzureClients, private readonly kube: KubeAccess) {}

  /** One cluster (`status`): Kubernetes from the cluster's informers, started on first use; ARM within its freshness window. */
  async scan(cluster: ClusterInfo, opts: { reads?: KubeReads } = {}): Promise<Posture> {
    const [kube, defender] = await Promise.all([this.readKube(cluster, { reads: opts.reads ?? 'cache' }), this.readDefender(cluster.subscriptionId)]);
    return assessPosture({ cluster, kube, defender });
  }

  /** `reads` 'cache-if-warm' (the default, fleet scans): memory where informers run already, else one live list each. */
  async readKube(cluster: ClusterInfo, opts: { reads?: KubeReads } = {}): Promise<PostureInputs['kube']> {
    try {
      const api = await this.kube.for(cluster, { reads: opts.reads ?? 'cache-if-warm' });
      // what assessPosture uses, no more: every kind listed is a request per cluster in a fleet scan
      const [services, ingresses, namespaces, policies] = await Promise.all([listServices(api), listIngresses(api), listNamespaces(api), listNetworkPolicies(api)]);
      return { ok: true, services, ingresses, namespaces, policies, via: routeText(api.route) };
    } catch (e) {
      return { ok: false, error: reason(e) };
    }
  }

  async readDefender(subscriptionId: string): Promise<PostureInputs['defender']> {
    try {
      const [plans, findings] = await Promise.all([listPricings(this.azure, subscriptionId), listRegistryFindings(this.azure, subscriptionId)]);
      return { ok: true, plans, findings };
    } catch (e) {
      return { ok: false, error: reason(e) };
    }
  }
}
