import { seedWorld, stableUuid, SUBSCRIPTION_WORKSHOP } from '@palisade/sandbox/seed/index.js';
import type { WorldState } from '@palisade/sandbox/world.js';

const TEMPLATE = 'aks-workshop';

/** `count` subscription ids of the benchmark's fleet. */
export function fleetSubscriptions(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `f${String(i).padStart(7, '0')}-0000-4000-8000-00000000f1ee`);
}

/**
 * A world of `total` copies of `aks-workshop` (its ARM resource, Kubernetes objects and node resource group's public
 * IPs, load balancer and NSG), spread round-robin over `subscriptionCount` subscriptions that each have the workshop
 * subscription's Defender plans and findings. Only the fleet: the seed's own clusters and subscriptions are left out.
 */
export function fleetWorld(total: number, subscriptionCount: number): WorldState {
  const state = seedWorld();
  const template = state.clusters.find((c) => c.name === TEMPLATE);
  if (!template) throw new Error(`the seed has no ${TEMPLATE}`);
  const templateRg = template.resourceGroup;
  const nodeRg = String(template.resource.properties.nodeResourceGroup);
  const nodeRgPrefix = `/subscriptions/${template.subscriptionId}/resourcegroups/${nodeRg}/`.toLowerCase();
  const templateNetwork = Object.values(state.network).filter((r) => String(r.id).toLowerCase().startsWith(nodeRgPrefix));
  const templateSub = state.subscriptions[SUBSCRIPTION_WORKSHOP];
  const subs = fleetSubscriptions(subscriptionCount);
  const subscriptions: WorldState['subscriptions'] = {};
  for (const [i, sub] of subs.entries()) {
    subscriptions[sub] = { ...(JSON.parse(JSON.stringify(templateSub).replaceAll(SUBSCRIPTION_WORKSHOP, sub)) as typeof templateSub), subscriptionId: sub, displayName: `Fleet ${i + 1}` };
  }
  const clusters: WorldState['clusters'] = [];
  const network: WorldState['network'] = {};
  for (let i = 0; i < total; i++) {
    const sub = subs[i % subs.length];
    const name = `aks-fleet-${String(i + 1).padStart(4, '0')}`;
    // every place the template's name, group or subscription occurs is its own: ids, FQDNs, node resource group
    const swap = <T>(value: T): T =>
      JSON.parse(JSON.stringify(value).replaceAll(template.subscriptionId, sub).replaceAll(nodeRg, `MC_fleet-rg_${name}_eastus`).replaceAll(`/resourcegroups/${templateRg}/`, '/resourcegroups/fleet-rg/').replaceAll(`/resourceGroups/${templateRg}/`, '/resourceGroups/fleet-rg/').replaceAll(TEMPLATE, name)) as T;
    const clone = swap(template);
    clone.resourceGroup = 'fleet-rg';
    clone.resource.eTag = stableUuid(`etag|${clone.resource.id}|0`);
    clusters.push(clone);
    for (const r of templateNetwork) {
      const copy = swap(r);
      network[String(copy.id).toLowerCase()] = copy;
    }
  }
  return { ...state, subscriptions, clusters, network };
}
