import { type ClusterInfo, networkPolicyEngineOf } from '../domain.js';
import type { AzureClients } from './clients.js';
import { azureCall } from './errors.js';
import type { NsgRule } from './network.js';

/** A KQL string literal: single quotes, backslash and quote escaped. */
function kql(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Every Resource Graph query Palisade sends, in one place: few and fixed, so the sandbox's Resource Graph can
 * recognise them. Each projects `id` (stable paging) and orders by it.
 */
export const ARG_QUERIES = {
  /** All AKS clusters with the control-plane settings the posture uses. */
  clusters: [
    'Resources',
    "| where type =~ 'microsoft.containerservice/managedclusters'",
    '| project id, name, subscriptionId, resourceGroup, location,',
    '    provisioningState = properties.provisioningState, powerState = properties.powerState.code,',
    '    kubernetesVersion = properties.currentKubernetesVersion, fqdn = properties.fqdn, privateFqdn = properties.privateFQDN,',
    '    apiServerAccessProfile = properties.apiServerAccessProfile, networkProfile = properties.networkProfile,',
    '    nodeResourceGroup = properties.nodeResourceGroup, defender = properties.securityProfile.defender',
    '| order by id asc',
  ].join('\n'),
  /** Load balancers, NSGs and public IPs in the given node resource groups (frontends, rules, addresses). */
  nodeNetwork: (resourceGroups: string[]) =>
    [
      'Resources',
      "| where type in~ ('microsoft.network/loadbalancers', 'microsoft.network/networksecuritygroups', 'microsoft.network/publicipaddresses')",
      `| where resourceGroup in~ (${resourceGroups.map(kql).join(', ')})`,
      '| project id, name, type, subscriptionId, resourceGroup, location,',
      '    frontendIPConfigurations = properties.frontendIPConfigurations, loadBalancingRules = properties.loadBalancingRules,',
      '    securityRules = properties.securityRules, ipAddress = properties.ipAddress, ipConfiguration = properties.ipConfiguration',
      '| order by id asc',
    ].join('\n'),
  /** Public IP addresses in the given resource groups (where AKS keeps a cluster's outbound IPs): id → address only. */
  publicIps: (resourceGroups: string[]) =>
    [
      'Resources',
      "| where type =~ 'microsoft.network/publicipaddresses'",
      `| where resourceGroup in~ (${resourceGroups.map(kql).join(', ')})`,
      '| project id, subscriptionId, resourceGroup, ipAddress = properties.ipAddress',
      '| order by id asc',
    ].join('\n'),
};

/** Resource groups per nodeNetwork query: keeps the query text well under Resource Graph's size limit. */
const GROUPS_PER_QUERY = 100;

type Row = Record<string, any>;

/** Runs one query across `subscriptions`, following `$skipToken` until the last page. */
export async function queryAll(clients: AzureClients, query: string, subscriptions: string[], opts: { pageSize?: number } = {}): Promise<Row[]> {
  const rows: Row[] = [];
  let skipToken: string | undefined;
  do {
    const res = await azureCall(() =>
      clients.resourceGraph().resources({ query, subscriptions, options: { resultFormat: 'objectArray', top: opts.pageSize ?? 1000, ...(skipToken ? { skipToken } : {}) } }),
    );
    rows.push(...((res.data as Row[]) ?? []));
    skipToken = res.skipToken;
  } while (skipToken);
  return rows;
}

/** What Resource Graph tells about a cluster: ClusterInfo (no etag, no resolved IPs) plus settings the posture reads. */
export interface FleetCluster extends ClusterInfo {
  powerState?: string;
  networkPluginMode?: string;
  defenderEnabled: boolean;
  disableRunCommand: boolean;
}

function toFleetCluster(r: Row): FleetCluster {
  const access = r.apiServerAccessProfile ?? {};
  const net = r.networkProfile ?? {};
  return {
    id: r.id,
    subscriptionId: r.subscriptionId,
    resourceGroup: r.resourceGroup,
    name: r.name,
    location: r.location,
    kubernetesVersion: r.kubernetesVersion ?? undefined,
    provisioningState: r.provisioningState ?? undefined,
    powerState: r.powerState ?? undefined,
    fqdn: r.fqdn ?? undefined,
    privateFqdn: r.privateFqdn ?? undefined,
    isPrivate: access.enablePrivateCluster === true,
    authorizedIpRanges: access.authorizedIPRanges ?? [],
    outboundIpIds: (net.loadBalancerProfile?.effectiveOutboundIPs ?? []).map((x: Row) => x.id).filter(Boolean),
    outboundIps: [],
    loadBalancerSku: net.loadBalancerSku ?? undefined,
    networkPolicy: networkPolicyEngineOf(net.networkPolicy, net.networkDataplane),
    networkPlugin: net.networkPlugin ?? undefined,
    networkPluginMode: net.networkPluginMode ?? undefined,
    networkDataplane: net.networkDataplane ?? undefined,
    nodeResourceGroup: r.nodeResourceGroup ?? undefined,
    defenderEnabled: r.defender?.securityMonitoring?.enabled === true,
    disableRunCommand: access.disableRunCommand === true,
    etag: undefined,
  };
}

/** All AKS clusters across the subscriptions in one (paged) query, sorted by name. */
export async function queryClusters(clients: AzureClients, subscriptionIds: string[] = clients.subscriptionIds, opts: { pageSize?: number } = {}): Promise<FleetCluster[]> {
  const rows = await queryAll(clients, ARG_QUERIES.clusters, subscriptionIds, opts);
  return rows.map(toFleetCluster).sort((a, b) => a.name.localeCompare(b.name) || a.subscriptionId.localeCompare(b.subscriptionId));
}

export interface LoadBalancerSummary {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  frontends: Array<{ id: string; name: string; privateIp?: string; publicIpId?: string; subnetId?: string }>;
  rules: Array<{ name: string; frontendId?: string; protocol?: string; frontendPort?: number; backendPort?: number }>;
}

export interface NsgSummary {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  rules: NsgRule[];
}

export interface PublicIpSummary {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  ipAddress?: string;
  /** The frontend IP configuration using it. */
  attachedTo?: string;
}

export interface NodeNetwork {
  loadBalancers: LoadBalancerSummary[];
  nsgs: NsgSummary[];
  publicIps: PublicIpSummary[];
}

function list(one: unknown, many: unknown): string[] {
  const out = Array.isArray(many) && many.length ? many.map(String) : one !== undefined && one !== null && one !== '' ? [String(one)] : [];
  return out;
}

/** Addresses of the public IPs in these resource groups, by lower-cased resource id (a few queries for a whole fleet). */
export async function queryPublicIps(clients: AzureClients, groups: Array<{ subscriptionId: string; resourceGroup: string }>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = new Set(groups.map((g) => `${g.subscriptionId}|${g.resourceGroup}`.toLowerCase()));
  const names = [...new Set(groups.map((g) => g.resourceGroup.toLowerCase()))];
  const subscriptions = [...new Set(groups.map((g) => g.subscriptionId))];
  // the chunks at once, not one after another (the pacer spaces them if Resource Graph's quota runs low)
  const chunks: string[][] = [];
  for (let i = 0; i < names.length; i += GROUPS_PER_QUERY) chunks.push(names.slice(i, i + GROUPS_PER_QUERY));
  for (const rows of await Promise.all(chunks.map((c) => queryAll(clients, ARG_QUERIES.publicIps(c), subscriptions)))) {
    for (const r of rows) if (wanted.has(`${r.subscriptionId}|${r.resourceGroup}`.toLowerCase()) && r.ipAddress) out.set(String(r.id).toLowerCase(), String(r.ipAddress));
  }
  return out;
}

/** Load balancers, NSGs and public IPs in these node resource groups ({subscriptionId, resourceGroup} pairs). */
export async function queryNodeNetwork(clients: AzureClients, groups: Array<{ subscriptionId: string; resourceGroup: string }>): Promise<NodeNetwork> {
  const out: NodeNetwork = { loadBalancers: [], nsgs: [], publicIps: [] };
  const wanted = new Set(groups.map((g) => `${g.subscriptionId}|${g.resourceGroup}`.toLowerCase()));
  const names = [...new Set(groups.map((g) => g.resourceGroup.toLowerCase()))];
  const subscriptions = [...new Set(groups.map((g) => g.subscriptionId))];
  for (let i = 0; i < names.length; i += GROUPS_PER_QUERY) {
    const rows = await queryAll(clients, ARG_QUERIES.nodeNetwork(names.slice(i, i + GROUPS_PER_QUERY)), subscriptions);
    for (const r of rows) {
      // the same group name can exist in another subscription; keep only the pairs asked for
      if (!wanted.has(`${r.subscriptionId}|${r.resourceGroup}`.toLowerCase())) continue;
      const base = { id: r.id, name: r.name, subscriptionId: r.subscriptionId, resourceGroup: r.resourceGroup };
      const type = String(r.type).toLowerCase();
      if (type === 'microsoft.network/loadbalancers') {
        out.loadBalancers.push({
          ...base,
          frontends: (r.frontendIPConfigurations ?? []).map((f: Row) => ({
            id: f.id,
            name: f.name,
            privateIp: f.properties?.privateIPAddress ?? undefined,
            publicIpId: f.properties?.publicIPAddress?.id ?? undefined,
            subnetId: f.properties?.subnet?.id ?? undefined,
          })),
          rules: (r.loadBalancingRules ?? []).map((x: Row) => ({
            name: x.name,
            frontendId: x.properties?.frontendIPConfiguration?.id,
            protocol: x.properties?.protocol,
            frontendPort: x.properties?.frontendPort,
            backendPort: x.properties?.backendPort,
          })),
        });
      } else if (type === 'microsoft.network/networksecuritygroups') {
        out.nsgs.push({
          ...base,
          rules: (r.securityRules ?? []).map((x: Row) => ({
            name: x.name,
            priority: x.properties?.priority,
            direction: x.properties?.direction,
            access: x.properties?.access,
            protocol: x.properties?.protocol,
            sourcePrefixes: list(x.properties?.sourceAddressPrefix, x.properties?.sourceAddressPrefixes),
            destinationPrefixes: list(x.properties?.destinationAddressPrefix, x.properties?.destinationAddressPrefixes),
            destinationPorts: list(x.properties?.destinationPortRange, x.properties?.destinationPortRanges),
          })),
        });
      } else if (type === 'microsoft.network/publicipaddresses') {
        out.publicIps.push({ ...base, ipAddress: r.ipAddress ?? undefined, attachedTo: r.ipConfiguration?.id ?? undefined });
      }
    }
  }
  return out;
}
