import ipaddr from 'ipaddr.js';
import type { Fact } from '../../approvals/types.js';
import type { LbFrontend, LbRule, NodeNetwork, NsgRule } from '../../azure/network.js';
import type { ServiceInfo } from '../../kube/types.js';
import { INTERNAL_SUBNET, LEGACY_SOURCE_RANGES } from './resolveService.js';

/** How a LoadBalancer Service is exposed, as Kubernetes says and as Azure implements it (LB frontend, NSG rules). */

export const PUBLIC_LB = 'kubernetes';
export const INTERNAL_LB = 'kubernetes-internal';

/** The parts of a Service these commands read and change. */
export interface Exposure {
  namespace: string;
  name: string;
  uid: string;
  internal: boolean;
  subnet?: string;
  /** Effective source ranges: the spec field, else the legacy annotation. */
  ranges: string[];
  rangesFromAnnotation: boolean;
  ip?: string;
  ports: string;
}

export function exposureOf(svc: ServiceInfo): Exposure {
  const spec = svc.loadBalancerSourceRanges;
  const legacy = (svc.annotations[LEGACY_SOURCE_RANGES] ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  return {
    namespace: svc.namespace,
    name: svc.name,
    uid: svc.uid,
    internal: svc.internal,
    subnet: svc.internal ? svc.annotations[INTERNAL_SUBNET] || undefined : undefined,
    ranges: spec.length ? spec : legacy,
    rangesFromAnnotation: spec.length === 0 && legacy.length > 0,
    ip: svc.ingressIps[0],
    ports: portsText(svc),
  };
}

export function portsText(svc: ServiceInfo): string {
  return svc.ports.map((p) => `${p.protocol} ${p.port}`).join(', ') || 'no ports';
}

/** Who can connect, in words: "the whole internet", "only 99.229.39.194/32", "the VNet". */
export function reach(e: Pick<Exposure, 'internal' | 'ranges'>): string {
  if (e.ranges.length) return `only ${e.ranges.join(', ')}`;
  return e.internal ? 'the whole VNet (and peered networks)' : 'the whole internet';
}

export function kindText(e: Pick<Exposure, 'internal' | 'subnet'>): string {
  return e.internal ? `internal (${INTERNAL_LB}${e.subnet ? `, subnet ${e.subnet}` : ''})` : `public (${PUBLIC_LB})`;
}

export function isPrivateIp(ip: string): boolean {
  try {
    return ipaddr.process(ip).range() !== 'unicast';
  } catch {
    return false;
  }
}

/** cloud-provider-azure names a Service's frontend `a<uid without dashes>` (32 chars), plus `-<subnet>` with the subnet annotation. */
export function frontendBase(uid: string): string {
  return `a${uid.replace(/-/g, '')}`.slice(0, 32);
}

export function expectedFrontend(e: Pick<Exposure, 'uid' | 'internal' | 'subnet'>): string {
  const base = frontendBase(e.uid);
  return e.internal && e.subnet ? `${base}-${e.subnet}` : base;
}

export interface FrontendHit {
  lb: string;
  frontend: LbFrontend;
  rules: LbRule[];
}

export interface NsgHit extends NsgRule {
  nsg: string;
}

/** What the node resource group holds for one Service. */
export interface AzureSide {
  frontends: FrontendHit[];
  rules: NsgHit[];
}

function frontendIp(f: LbFrontend): string | undefined {
  return f.privateIp ?? f.publicIp;
}

export function azureSideOf(svc: Pick<Exposure, 'uid' | 'ip'>, net: NodeNetwork, ips: string[] = svc.ip ? [svc.ip] : []): AzureSide {
  const base = frontendBase(svc.uid);
  const frontends: FrontendHit[] = [];
  for (const lb of net.loadBalancers)
    for (const fe of lb.frontends)
      if (fe.name === base || fe.name.startsWith(`${base}-`)) frontends.push({ lb: lb.name, frontend: fe, rules: lb.rules.filter((r) => r.frontend === fe.name) });
  const rules: NsgHit[] = [];
  for (const nsg of net.nsgs)
    for (const r of nsg.rules) if (r.direction === 'Inbound' && r.destinationPrefixes.some((d) => ips.includes(d))) rules.push({ ...r, nsg: nsg.name });
  return { frontends, rules };
}

/** The frontend facts as the portal's "Frontend IP configuration" blade shows them. */
export function frontendFacts(side: AzureSide, label = ''): Fact[] {
  if (side.frontends.length === 0) return [{ title: `${label}Load balancer`, value: 'no frontend for this Service (yet)' }];
  return side.frontends.map((f) => ({
    title: `${label}Load balancer ${f.lb}`,
    value: [
      `frontend ${f.frontend.name}`,
      frontendIp(f.frontend) ?? 'no IP',
      f.frontend.subnetId ? `subnet ${f.frontend.subnetId.split('/').pop()}` : f.frontend.publicIpId ? `public IP ${f.frontend.publicIpId.split('/').pop()}` : '',
      f.rules.length ? `rules ${f.rules.map((r) => `${r.protocol ?? ''} ${r.frontendPort ?? ''}→${r.backendPort ?? ''}`.trim()).join(', ')}` : '',
    ].filter(Boolean).join(' · '),
  }));
}

/** NSG rules as the portal's "Inbound security rules" list: priority, name, ports, protocol, source, destination, action. */
export function nsgFacts(side: AzureSide, label = ''): Fact[] {
  return side.rules.map((r) => ({
    title: `${label}NSG rule ${r.priority} (${r.access})`,
    value: `${r.protocol} from ${r.sourcePrefixes.join(', ') || '*'} to ${r.destinationPrefixes.join(', ')} port ${r.destinationPorts.join(', ') || '*'} · ${r.name} in ${r.nsg}`,
  }));
}

/** The sources the cloud provider's allow rules must carry for this exposure; empty means no allow rule at all. */
export function expectedSources(e: Pick<Exposure, 'internal' | 'ranges'>): string[] {
  return e.ranges.length ? [...e.ranges].sort() : e.internal ? [] : ['Internet'];
}

/** Has Azure caught up with this exposure? The frontend on the right LB only, and NSG rules with exactly these sources. */
export function converged(e: Exposure, svc: ServiceInfo, side: AzureSide): boolean {
  const lb = e.internal ? INTERNAL_LB : PUBLIC_LB;
  const want = expectedFrontend(e);
  const here = side.frontends.filter((f) => f.lb === lb && f.frontend.name === want);
  const stray = side.frontends.filter((f) => !(f.lb === lb && f.frontend.name === want));
  const ip = svc.ingressIps[0];
  if (here.length !== 1 || stray.length || !ip || frontendIp(here[0].frontend) !== ip) return false;
  const allows = side.rules.filter((r) => r.access === 'Allow');
  const sources = [...new Set(allows.flatMap((r) => r.sourcePrefixes))].sort();
  if (JSON.stringify(sources) !== JSON.stringify(expectedSources(e))) return false;
  const ports = new Set(allows.flatMap((r) => r.destinationPorts));
  if (allows.length && !svc.ports.every((p) => ports.has(String(p.port)) || ports.has('*'))) return false;
  const denies = side.rules.some((r) => r.access === 'Deny');
  return e.ranges.length ? denies : !denies;
}
