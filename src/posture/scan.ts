import type { AzureClients } from '../azure/clients.js';
import { listPricings, listRegistryFindings } from '../azure/defender.js';
import type { ClusterInfo } from '../domain.js';
import type { KubeAccess } from '../kube/access.js';
import { listIngresses } from '../kube/ingresses.js';
import { listNamespaces } from '../kube/namespaces.js';
import { listNetworkPolicies } from '../kube/networkPolicies.js';
import { listServices } from '../kube/services.js';
import { routeText } from '../kube/transport/route.js';
import { listPods } from '../kube/workloads.js';
import { assessPosture, type Posture, type PostureInputs } from './assess.js';

function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Reads what posture needs from ARM, Kubernetes and Defender, in parallel, and assesses it. */
export class PostureScanner {
  constructor(private readonly azure: AzureClients, private readonly kube: KubeAccess) {}

  async scan(cluster: ClusterInfo): Promise<Posture> {
    const [kube, defender] = await Promise.all([this.readKube(cluster), this.readDefender(cluster.subscriptionId)]);
    return assessPosture({ cluster, kube, defender });
  }

  async readKube(cluster: ClusterInfo): Promise<PostureInputs['kube']> {
    try {
      const api = await this.kube.for(cluster);
      const [services, ingresses, namespaces, policies, pods] = await Promise.all([
        listServices(api),
        listIngresses(api),
        listNamespaces(api),
        listNetworkPolicies(api),
        listPods(api),
      ]);
      return { ok: true, services, ingresses, namespaces, policies, pods, via: routeText(api.route) };
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
