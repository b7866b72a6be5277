import type { ClusterInfo } from '../../domain.js';
import { UserError } from '../../errors.js';
import type { KubeApi, KubeReads } from '../../kube/connect.js';
import { KubeNotFound } from '../../kube/errors.js';
import { readKube, unknownNamespace as unknownNamespaceIn } from '../kubeReads.js';
import { listIngresses } from '../../kube/ingresses.js';
import { listNamespaces } from '../../kube/namespaces.js';
import { listNetworkPolicies } from '../../kube/networkPolicies.js';
import { listWorkloadsAndPods } from '../../kube/podTemplates.js';
import { listServices } from '../../kube/services.js';
import { listConfigMaps } from '../../kube/workloads.js';
import type { ClusterView, Inventory } from './flows.js';

/** Reads what network-policy commands need (never Secrets); Kubernetes failures come back as messages with a next step. */

export { isSystemNamespace, SYSTEM_NAMESPACE_PREFIXES } from './systemNamespaces.js';

/** `reads` 'cache' for read-only answers (informers); operations keep the default, live. */
export async function kubeFor(kube: { for(cluster: ClusterInfo, opts?: { reads?: KubeReads }): Promise<KubeApi> }, cluster: ClusterInfo, reads: KubeReads = 'live'): Promise<KubeApi> {
  return kubeRead(cluster, () => kube.for(cluster, { reads }));
}

/** Kubernetes reads for network-policy commands; unreachable or forbidden become a UserError that says what to do. */
export function kubeRead<T>(cluster: { name: string }, fn: () => Promise<T>): Promise<T> {
  return readKube(cluster.name, 'read access to namespaces, workloads, Services, Ingresses and NetworkPolicies', fn);
}

export function unknownNamespace(ns: string, cluster: string, known: string[]): UserError {
  return unknownNamespaceIn(ns, cluster, known, `\`network policies on ${cluster}\` lists its namespaces.`);
}

/** Every namespace's workloads (of every kind), pods, Services and policies. */
export async function readClusterView(api: KubeApi, cluster: ClusterInfo): Promise<ClusterView> {
  return kubeRead(cluster, async () => {
    const [namespaces, { workloads, pods }, services, policies] = await Promise.all([listNamespaces(api), listWorkloadsAndPods(api), listServices(api), listNetworkPolicies(api)]);
    return { cluster: cluster.name, engine: cluster.networkPolicy, namespaces, workloads, services, policies, pods };
  });
}

export async function readInventory(api: KubeApi, cluster: ClusterInfo, namespace: string): Promise<Inventory> {
  return kubeRead(cluster, async () => {
    const namespaces = await listNamespaces(api);
    if (!namespaces.some((n) => n.name === namespace)) throw unknownNamespace(namespace, cluster.name, namespaces.map((n) => n.name));
    try {
      const [{ workloads, pods }, services, ingresses, configMaps, policies] = await Promise.all([
        listWorkloadsAndPods(api),
        listServices(api),
        listIngresses(api, namespace),
        listConfigMaps(api, namespace),
        listNetworkPolicies(api),
      ]);
      return { cluster: cluster.name, engine: cluster.networkPolicy, namespace, namespaces, workloads, services, ingresses, configMaps, policies, pods };
    } catch (e) {
      if (e instanceof KubeNotFound) throw unknownNamespace(namespace, cluster.name, namespaces.map((n) => n.name));
      throw e;
    }
  });
}
