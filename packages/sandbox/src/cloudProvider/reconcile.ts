import type { Json, SandboxCluster, WorldState } from '../world.js';
import { allocateFrontends } from './addresses.js';
import { networkId, type ProviderContext } from './context.js';
import { syncLoadBalancer } from './loadBalancers.js';
import { INTERNAL_LB, PUBLIC_LB } from './names.js';
import { syncNsgRules } from './nsgRules.js';
import { syncPublicIps } from './publicIps.js';
import { syncServiceStatus } from './serviceStatus.js';

/**
 * What cloud-provider-azure does in AKS for Services of type LoadBalancer, derived from the cluster's own ARM resource
 * (node resource group, location, agent pool subnet): frontends on the `kubernetes` / `kubernetes-internal` LBs, public
 * IPs, NSG rules, and `status.loadBalancer.ingress`. Recomputes everything from the Services, keeping rule priorities
 * and handed-out addresses stable. Returns the kube objects it rewrote (key, state before); ARM ids it changed go into `changedArm`.
 */
export function reconcileCluster(state: WorldState, cluster: SandboxCluster, changedArm: Set<string> = new Set()): Array<{ key: string; old: Json }> {
  const nodeRg: string | undefined = cluster.resource?.properties?.nodeResourceGroup;
  if (!nodeRg) return [];
  const ctx: ProviderContext = { state, cluster, nodeRgId: `/subscriptions/${cluster.subscriptionId}/resourceGroups/${nodeRg}`, location: cluster.resource.location, changedArm };
  const services = Object.values(cluster.kube.objects)
    .filter((o) => o.apiVersion === 'v1' && o.kind === 'Service' && o.spec?.type === 'LoadBalancer')
    .sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name));
  const wanted = allocateFrontends(ctx, services, { public: networkId(ctx, 'loadBalancers', PUBLIC_LB), internal: networkId(ctx, 'loadBalancers', INTERNAL_LB) });
  syncPublicIps(ctx, wanted);
  syncLoadBalancer(ctx, wanted, false);
  syncLoadBalancer(ctx, wanted, true);
  syncNsgRules(ctx, wanted);
  return syncServiceStatus(cluster, wanted);
}
