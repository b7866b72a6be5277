import { createHash } from 'node:crypto';
import type { Json } from '../world.js';

/** Names and annotations cloud-provider-azure uses for a Service's load-balancer frontend and NSG rules. */

export const INTERNAL_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal';
export const INTERNAL_SUBNET_ANNOTATION = 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet';
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';
export const RULE_PREFIX = 'k8s-azure-lb';
export const DENY_ALL_RULE = `${RULE_PREFIX}_deny-all_IPv4`;
export const PUBLIC_LB = 'kubernetes';
export const INTERNAL_LB = 'kubernetes-internal';
/** A Service frontend (`a` + uid without dashes, optional `-<subnet>`), as opposed to AKS's outbound frontends. */
export const SERVICE_FRONTEND = /^a[0-9a-f]{31}(-.+)?$/;

export function isInternal(service: Json): boolean {
  return String(service.metadata?.annotations?.[INTERNAL_ANNOTATION] ?? '').toLowerCase() === 'true';
}

export function frontendName(service: Json): string {
  const base = `a${String(service.metadata.uid).replace(/-/g, '')}`.slice(0, 32);
  const subnet = service.metadata.annotations?.[INTERNAL_SUBNET_ANNOTATION];
  return isInternal(service) && subnet ? `${base}-${subnet}` : base;
}

/** `k8s-azure-lb_allow_IPv4_<md5 of "<Protocol>_<sorted sources joined by ,>_<sorted ports joined by ,>">`, as upstream. */
export function allowRuleName(protocol: string, sources: string[], ports: number[]): string {
  const v = [protocol, [...sources].sort().join(','), ports.map(String).sort().join(',')].join('_');
  return `${RULE_PREFIX}_allow_IPv4_${createHash('md5').update(v).digest('hex')}`;
}

/** `spec.loadBalancerSourceRanges`, else the older annotation. */
export function sourceRanges(service: Json): string[] {
  const spec: string[] = service.spec?.loadBalancerSourceRanges ?? [];
  if (spec.length) return spec.map((s) => s.trim());
  const ann = service.metadata?.annotations?.[SOURCE_RANGES_ANNOTATION];
  return ann ? String(ann).split(',').map((s) => s.trim()).filter(Boolean) : [];
}

export function azureProtocol(p: string | undefined): string {
  return p === 'UDP' ? 'Udp' : p === 'SCTP' ? '*' : 'Tcp';
}
