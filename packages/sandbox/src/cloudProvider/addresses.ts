import { createHash } from 'node:crypto';
import type { Json } from '../world.js';
import { NODE_NAMES, FIRST_NODE_HOST } from '../kube/nodes.js';
import { getNet, type ProviderContext } from './context.js';
import { frontendName, isInternal } from './names.js';

/** Where a cluster's frontend addresses come from: the node subnet (internal) and Azure's regional pool (public). */

export interface NodeSubnet {
  /** ARM id of the virtual network the nodes sit in. */
  vnetId: string;
  subnetName: string;
  /** First address of the subnet, e.g. `10.240.0.0`. */
  base: string;
}

/** AKS's managed VNet when the agent pool brings none (the address space AKS used before 10.224.0.0/12). */
const MANAGED_VNET = { name: 'aks-vnet', subnet: 'aks-subnet', prefix: '10.240.0.0/16' };

/** The node subnet from the agent pool's `vnetSubnetID` (BYO VNet), else AKS's managed VNet in the node resource group. */
export function nodeSubnet(ctx: ProviderContext): NodeSubnet {
  const subnetId: string | undefined = (ctx.cluster.resource?.properties?.agentPoolProfiles ?? []).find((p: Json) => p?.vnetSubnetID)?.vnetSubnetID;
  if (subnetId) {
    const m = /^(.*\/virtualNetworks\/[^/]+)\/subnets\/([^/]+)$/i.exec(subnetId);
    const prefix: string | undefined = getNet(ctx, subnetId)?.properties?.addressPrefix ?? getNet(ctx, m?.[1] ?? '')?.properties?.addressSpace?.addressPrefixes?.[0];
    if (m) return { vnetId: m[1], subnetName: m[2], base: (prefix ?? MANAGED_VNET.prefix).split('/')[0] };
  }
  return { vnetId: `${ctx.nodeRgId}/providers/Microsoft.Network/virtualNetworks/${MANAGED_VNET.name}`, subnetName: MANAGED_VNET.subnet, base: MANAGED_VNET.prefix.split('/')[0] };
}

function toNumber(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0] * 256 + p[1]) * 256 + p[2]) * 256 + p[3];
}

function toIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** The first address at or after `first` that nobody holds. */
export function nextFreeIp(first: string, used: Set<string>): string {
  for (let n = toNumber(first); ; n++) if (!used.has(toIp(n))) return toIp(n);
}

/** First public address Azure hands out in the cluster's region: the simulation's regional pool, else one derived from the region's name. */
export function publicPoolStart(ctx: ProviderContext): string {
  const pool = ctx.state.simulation.publicIpPools?.[String(ctx.location).toLowerCase()];
  if (pool) return pool;
  const h = createHash('sha256').update(String(ctx.location).toLowerCase()).digest();
  return `20.${100 + (h[0] % 100)}.${h[1]}.10`;
}

/** Internal frontends get addresses after the nodes'. */
export function firstInternalIp(subnet: NodeSubnet): string {
  return toIp(toNumber(subnet.base) + FIRST_NODE_HOST + NODE_NAMES.length);
}

/** A LoadBalancer Service and the frontend it gets. */
export interface WantedFrontend {
  service: Json;
  frontend: string;
  internal: boolean;
  ip: string;
}

/** Current frontend IP of a service on either LB, so a reconcile keeps the address it handed out. */
function existingIp(ctx: ProviderContext, lb: Json | undefined, fe: string): string | undefined {
  const config = (lb?.properties?.frontendIPConfigurations ?? []).find((f: Json) => f.name === fe);
  if (!config) return undefined;
  if (config.properties?.privateIPAddress) return config.properties.privateIPAddress;
  const pipId = config.properties?.publicIPAddress?.id;
  return pipId ? getNet(ctx, pipId)?.properties?.ipAddress : undefined;
}

/** Frontends for the LoadBalancer Services, keeping addresses already handed out and allocating the rest. */
export function allocateFrontends(ctx: ProviderContext, services: Json[], lbIds: { public: string; internal: string }): WantedFrontend[] {
  const publicLb = getNet(ctx, lbIds.public);
  const internalLb = getNet(ctx, lbIds.internal);
  // addresses in use that are not ours to hand out again
  const usedPublic = new Set<string>(Object.values(ctx.state.network).filter((r) => r.type === 'Microsoft.Network/publicIPAddresses').map((r) => r.properties?.ipAddress));
  const usedPrivate = new Set<string>();
  const wanted = services.map((service) => {
    const internal = isInternal(service);
    const frontend = frontendName(service);
    const ip = existingIp(ctx, internal ? internalLb : publicLb, frontend);
    if (ip && internal) usedPrivate.add(ip);
    return { service, frontend, internal, ip };
  });
  const subnet = nodeSubnet(ctx);
  return wanted.map((w) => {
    if (w.ip) return w as WantedFrontend;
    const pool = w.internal ? usedPrivate : usedPublic;
    const ip = nextFreeIp(w.internal ? firstInternalIp(subnet) : publicPoolStart(ctx), pool);
    pool.add(ip);
    return { ...w, ip };
  });
}
