import { listNamespaces } from '../kube/namespaces.js';
import { listWorkloadTemplates } from '../kube/podTemplates.js';
import { listServices } from '../kube/services.js';
import type { Services } from '../handlers/types.js';
import type { InventorySource } from '../understanding/snapshotCache.js';
import type { InventoryItem } from '../understanding/types.js';

/** The inventory from the running bot: clusters from the directory, names from each cluster's API. */
export function inventoryFrom(s: Services): InventorySource {
  return {
    clusters: async () => (await s.clusters.list()).map((c) => c.name),
    async inventory(name) {
      const cluster = (await s.clusters.list()).find((c) => c.name === name);
      if (!cluster) return { namespaces: [], items: [] };
      const api = await s.kube.for(cluster);
      const [namespaces, services, workloads] = await Promise.all([listNamespaces(api), listServices(api), listWorkloadTemplates(api)]);
      const items: InventoryItem[] = [
        // the API server's own Service ("kubernetes") is never what people mean by a name
        ...services
          .filter((x) => !(x.namespace === 'default' && x.name === 'kubernetes'))
          .map((x) => ({
            name: x.name,
            namespace: x.namespace,
            kind: 'Service',
            type: x.type,
            state: x.type === 'LoadBalancer' ? ([x.internal ? 'internal' : 'public', ...(x.loadBalancerSourceRanges.length ? ['restricted' as const] : [])] as InventoryItem['state']) : undefined,
          })),
        ...workloads.map((w) => ({ name: w.name, namespace: w.namespace, kind: w.kind })),
      ];
      return { namespaces: namespaces.map((n) => n.name), items };
    },
    async defaultCluster(conversationId, clusters) {
      const chosen = (await s.clusters.conversationDefault(conversationId)) ?? s.config.azure.defaultCluster;
      if (chosen && clusters.includes(chosen)) return chosen;
      return clusters.length === 1 ? clusters[0] : undefined;
    },
    subscriptions: () => s.subscriptions.all(),
  };
}
