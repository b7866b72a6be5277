import type { LoadBalancer, NetworkSecurityGroup, SecurityRule } from '@azure/arm-network';
import type { ClusterInfo } from '../domain.js';
import type { AzureClients } from './clients.js';
import { azureCall } from './errors.js';
import { parseResourceId } from './ids.js';

export interface LbFrontend {
  name: string;
  privateIp?: string;
  publicIp?: string;
  publicIpId?: string;
  subnetId?: string;
}

export interface LbRule {
  name: string;
  frontend?: string;
  protocol?: string;
  frontendPort?: number;
  backendPort?: number;
}

export interface NodeLoadBalancer {
  name: string;
  frontends: LbFrontend[];
  rules: LbRule[];
}

export interface NsgRule {
  name: string;
  priority: number;
  direction: string;
  access: string;
  protocol: string;
  sourcePrefixes: string[];
  destinationPrefixes: string[];
  destinationPorts: string[];
}

export interface NodeNsg {
  name: string;
  rules: NsgRule[];
}

export interface NodeNetwork {
  loadBalancers: NodeLoadBalancer[];
  nsgs: NodeNsg[];
}

function both(single: string | undefined, many: string[] | undefined): string[] {
  return [...(many ?? []), ...(single ? [single] : [])];
}

function toRule(r: SecurityRule): NsgRule {
  return {
    name: r.name ?? '',
    priority: r.priority ?? 0,
    direction: r.direction ?? '',
    access: r.access ?? '',
    protocol: r.protocol ?? '',
    sourcePrefixes: both(r.sourceAddressPrefix, r.sourceAddressPrefixes),
    destinationPrefixes: both(r.destinationAddressPrefix, r.destinationAddressPrefixes),
    destinationPorts: both(r.destinationPortRange, r.destinationPortRanges),
  };
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** The cluster's node resource group as AKS's cloud provider leaves it: LB frontends/rules and NSG rules. */
export async function getNodeNetwork(clients: AzureClients, cluster: Pick<ClusterInfo, 'subscriptionId' | 'nodeResourceGroup'>, opts: { live?: boolean } = {}): Promise<NodeNetwork> {
  const rg = cluster.nodeResourceGroup;
  if (!rg) return { loadBalancers: [], nsgs: [] };
  return clients.reads.read(`/subscriptions/${cluster.subscriptionId}/resourceGroups/${rg}|network`, () => readNodeNetwork(clients, cluster.subscriptionId, rg), opts);
}

async function readNodeNetwork(clients: AzureClients, subscriptionId: string, rg: string): Promise<NodeNetwork> {
  const cluster = { subscriptionId };
  const net = clients.network(cluster.subscriptionId);
  const [lbs, nsgs] = await azureCall(() =>
    Promise.all([all<LoadBalancer>(net.loadBalancers.list(rg)), all<NetworkSecurityGroup>(net.networkSecurityGroups.list(rg))]),
  );
  const ipCache = new Map<string, string | undefined>();
  async function publicIp(id: string): Promise<string | undefined> {
    if (!ipCache.has(id)) {
      const p = parseResourceId(id);
      const address = p
        ? await azureCall(() => clients.network(p.subscriptionId).publicIPAddresses.get(p.resourceGroup, p.name)).then(
            (pip) => pip.ipAddress,
            () => undefined,
          )
        : undefined;
      ipCache.set(id, address);
    }
    return ipCache.get(id);
  }
  const loadBalancers: NodeLoadBalancer[] = [];
  for (const lb of lbs) {
    const frontends: LbFrontend[] = [];
    for (const fe of lb.frontendIPConfigurations ?? []) {
      const pipId = fe.publicIPAddress?.id;
      frontends.push({
        name: fe.name ?? '',
        ...(fe.privateIPAddress ? { privateIp: fe.privateIPAddress } : {}),
        ...(pipId ? { publicIpId: pipId, publicIp: fe.publicIPAddress?.ipAddress ?? (await publicIp(pipId)) } : {}),
        ...(fe.subnet?.id ? { subnetId: fe.subnet.id } : {}),
      });
    }
    loadBalancers.push({
      name: lb.name ?? '',
      frontends,
      rules: (lb.loadBalancingRules ?? []).map((r) => ({
        name: r.name ?? '',
        frontend: r.frontendIPConfiguration?.id?.split('/').pop(),
        protocol: r.protocol,
        frontendPort: r.frontendPort,
        backendPort: r.backendPort,
      })),
    });
  }
  return {
    loadBalancers,
    nsgs: nsgs.map((n) => ({
      name: n.name ?? '',
      rules: (n.securityRules ?? []).map(toRule).sort((a, b) => a.priority - b.priority),
    })),
  };
}
