import { levenshtein } from '../../text/distance.js';
import type { ClusterInfo } from '../../domain.js';
import { UserError } from '../../errors.js';
import type { KubeApi } from '../../kube/connect.js';
import { KubeForbidden, KubeNotFound, KubeUnreachable } from '../../kube/errors.js';
import { listIngresses } from '../../kube/ingresses.js';
import { listNamespaces } from '../../kube/namespaces.js';
import { listNetworkPolicies } from '../../kube/networkPolicies.js';
import { listWorkloadTemplates } from '../../kube/podTemplates.js';
import { listServices } from '../../kube/services.js';
import { listConfigMaps, listPods } from '../../kube/workloads.js';
import type { Inventory } from './flows.js';

/** Reads what network-policy commands need (never Secrets); Kubernetes failures come back as messages with a next step. */

export const SYSTEM_NAMESPACE_PREFIXES = ['kube-'];
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'gatekeeper-system', 'calico-system', 'tigera-operator', 'azure-arc', 'app-routing-system', 'aks-command', 'cilium-system']);

export function isSystemNamespace(ns: string): boolean {
  return SYSTEM_NAMESPACES.has(ns) || SYSTEM_NAMESPACE_PREFIXES.some((p) => ns.startsWith(p));
}

export async function kubeFor(kube: { for(cluster: ClusterInfo): Promise<KubeApi> }, cluster: ClusterInfo): Promise<KubeApi> {
  return kubeRead(cluster, () => kube.for(cluster));
}

/** Runs Kubernetes reads; unreachable or forbidden become a UserError that says what to do. */
export async function kubeRead<T>(cluster: { name: string }, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof KubeUnreachable)
      throw new UserError(`I can't reach the Kubernetes API of ${cluster.name} (${e.message}).`, `Check \`ip ranges on ${cluster.name}\`: Palisade's address must be allowed.`);
    if (e instanceof KubeForbidden) throw new UserError(`The Kubernetes API of ${cluster.name} refused Palisade: ${e.message}.`, 'Give Palisade read access to namespaces, workloads, Services, Ingresses and NetworkPolicies.');
    throw e;
  }
}

export function unknownNamespace(ns: string, cluster: string, known: string[]): UserError {
  const near = known.filter((n) => levenshtein(n, ns) <= 2);
  return new UserError(
    `There is no namespace "${ns}" on ${cluster}.${near.length ? ` Did you mean ${near.join(' or ')}?` : ''}`,
    `\`network policies on ${cluster}\` lists its namespaces.`,
  );
}

export async function readInventory(api: KubeApi, cluster: ClusterInfo, namespace: string): Promise<Inventory> {
  return kubeRead(cluster, async () => {
    const namespaces = await listNamespaces(api);
    if (!namespaces.some((n) => n.name === namespace)) throw unknownNamespace(namespace, cluster.name, namespaces.map((n) => n.name));
    try {
      const [workloads, services, ingresses, configMaps, policies, pods] = await Promise.all([
        listWorkloadTemplates(api),
        listServices(api),
        listIngresses(api, namespace),
        listConfigMaps(api, namespace),
        listNetworkPolicies(api),
        listPods(api, namespace),
      ]);
      return { cluster: cluster.name, engine: cluster.networkPolicy, namespace, namespaces, workloads, services, ingresses, configMaps, policies, pods };
    } catch (e) {
      if (e instanceof KubeNotFound) throw unknownNamespace(namespace, cluster.name, namespaces.map((n) => n.name));
      throw e;
    }
  });
}
