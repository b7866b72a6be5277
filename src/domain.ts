/** Plain domain types shared by wrappers, operations and cards: no SDK types leak past src/azure and src/kube. */

export interface ClusterRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** Just the reference of a cluster (what plans store), without what was read about it. */
export function clusterRef(c: ClusterRef): ClusterRef {
  return { subscriptionId: c.subscriptionId, resourceGroup: c.resourceGroup, name: c.name };
}

export type NetworkPolicyEngine = 'none' | 'azure' | 'calico' | 'cilium';

/** networkProfile.networkPolicy, and the Cilium dataplane (Azure CNI powered by Cilium enforces policies itself). */
export function networkPolicyEngineOf(networkPolicy: unknown, networkDataplane?: unknown): NetworkPolicyEngine {
  const s = String(networkPolicy ?? '').toLowerCase();
  if (s === 'azure' || s === 'calico' || s === 'cilium') return s;
  return String(networkDataplane ?? '').toLowerCase() === 'cilium' ? 'cilium' : 'none';
}

export interface ClusterInfo extends ClusterRef {
  id: string;
  location: string;
  kubernetesVersion?: string;
  provisioningState?: string;
  /** Public API server FQDN; absent on private clusters without a public FQDN. */
  fqdn?: string;
  privateFqdn?: string;
  isPrivate: boolean;
  /** Empty means the API server is open to the whole internet (unless private). */
  authorizedIpRanges: string[];
  /** Effective outbound IP resource ids; AKS always allows these. */
  outboundIpIds: string[];
  /** Resolved outbound public IP addresses where the network API tells them. */
  outboundIps: string[];
  loadBalancerSku?: string;
  networkPolicy: NetworkPolicyEngine;
  networkPlugin?: string;
  /** `cilium` when Azure CNI powered by Cilium. */
  networkDataplane?: string;
  nodeResourceGroup?: string;
  etag?: string;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
