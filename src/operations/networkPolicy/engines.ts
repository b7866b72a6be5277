import ipaddr from 'ipaddr.js';
import type { NetworkPolicyEngine } from '../../domain.js';
import { type Connection, evaluate, type Policy, type PolicyPeer, type PolicyWorld, policySelects, policyTypesOf, type Semantics, SPEC_SEMANTICS, type Verdict } from './evaluator.js';

/** Pure: what each AKS network policy engine does where implementations read the specification differently. */

export const ENGINE_LABEL: Record<NetworkPolicyEngine, string> = { calico: 'Calico', cilium: 'Cilium', azure: 'Azure Network Policy Manager', none: 'no engine' };

const ENFORCING: Array<Exclude<NetworkPolicyEngine, 'none'>> = ['calico', 'cilium', 'azure'];

/**
 * Calico and Azure NPM (iptables/ipsets on the pod address) match an ipBlock against pods' own IPs, as the upstream
 * conformance tests expect; Cilium matches ipBlocks only against addresses outside the cluster (cilium/cilium#9209,
 * and AKS: "Network policies cannot use ipBlock to allow access to node or pod IPs"). No engine: the specification.
 */
export function semanticsOf(engine: NetworkPolicyEngine): Semantics {
  return engine === 'cilium' ? { ipBlockMatchesPods: false } : SPEC_SEMANTICS;
}

/** Why another engine would answer differently (the one place semantics differ today). */
const DIFFERENCE = {
  cilium: 'Cilium does not match ipBlocks against pod or node IPs (cilium/cilium#9209)',
  others: 'Calico and Azure Network Policy Manager match ipBlocks against pod IPs too',
};

export interface EngineDisagreement {
  engines: string[];
  allowed: boolean;
  why: string;
}

/** The engines whose answer differs from the assumed engine's, each with its answer and why. */
export function disagreements(c: Connection, world: PolicyWorld, engine: NetworkPolicyEngine, assumed: Verdict = evaluate(c, world, semanticsOf(engine))): EngineDisagreement[] {
  const out: EngineDisagreement[] = [];
  const mine = semanticsOf(engine);
  const others = ENFORCING.filter((e) => e !== engine);
  const differing = others.filter((e) => semanticsOf(e).ipBlockMatchesPods !== mine.ipBlockMatchesPods);
  if (!differing.length) return out;
  const v = evaluate(c, world, semanticsOf(differing[0]));
  if (v.allowed === assumed.allowed) return out;
  out.push({ engines: differing.map((e) => ENGINE_LABEL[e]), allowed: v.allowed, why: differing.includes('cilium') ? DIFFERENCE.cilium : DIFFERENCE.others });
  return out;
}

/** Policies that take part in this connection's answer: those selecting either end for its direction. */
function deciding(c: Connection, world: PolicyWorld): Policy[] {
  const selecting = (e: Connection['from'], direction: 'Ingress' | 'Egress') =>
    e.kind === 'pod' ? world.policies.filter((p) => policySelects(p, e.pod) && policyTypesOf(p.spec).includes(direction)) : [];
  return [...selecting(c.from, 'Egress'), ...selecting(c.to, 'Ingress')];
}

function peersOf(p: Policy): PolicyPeer[] {
  return [...(p.spec.ingress ?? []).flatMap((r) => r.from ?? []), ...(p.spec.egress ?? []).flatMap((r) => r.to ?? [])];
}

function isV6(text: string | undefined): boolean {
  if (!text) return false;
  const ip = text.split('/')[0];
  return ipaddr.isValid(ip) && ipaddr.parse(ip).kind() === 'ipv6';
}

/**
 * Documented limits of an engine that touch this answer, said plainly: Azure NPM has no IPv6, and on Windows nodes
 * no named ports, SCTP, negative selectors or `except` (learn.microsoft.com/azure/aks/use-network-policies);
 * Cilium's SCTP support is beta and off unless enabled (docs.cilium.io, SCTP support).
 */
export function engineCaveats(c: Connection, world: PolicyWorld, engine: NetworkPolicyEngine): string[] {
  const policies = deciding(c, world);
  const out: string[] = [];
  if (engine === 'azure') {
    const addresses = [c.from.kind === 'pod' ? c.from.pod.ip : c.from.ip, c.to.kind === 'pod' ? c.to.pod.ip : c.to.ip];
    if (addresses.some(isV6) || policies.some((p) => peersOf(p).some((peer) => isV6(peer.ipBlock?.cidr))))
      out.push('Azure Network Policy Manager does not support IPv6: its IPv6 rules are not enforced, whatever the policies say.');
    const windows: string[] = [];
    const rules = policies.flatMap((p) => [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]);
    if (rules.some((r) => (r.ports ?? []).some((x) => typeof x.port === 'string'))) windows.push('named ports');
    if (c.protocol === 'SCTP' || rules.some((r) => (r.ports ?? []).some((x) => (x.protocol ?? '').toUpperCase() === 'SCTP'))) windows.push('SCTP');
    const selectors = policies.flatMap((p) => [p.spec.podSelector, ...peersOf(p).flatMap((peer) => [peer.podSelector, peer.namespaceSelector])]);
    if (selectors.some((s) => (s?.matchExpressions ?? []).some((e) => e.operator === 'NotIn' || e.operator === 'DoesNotExist'))) windows.push('negative selectors (NotIn, DoesNotExist)');
    if (policies.some((p) => peersOf(p).some((peer) => (peer.ipBlock?.except ?? []).length > 0))) windows.push('ipBlock except');
    if (windows.length) out.push(`The policies deciding this use ${windows.join(', ')}, which Azure Network Policy Manager does not support on Windows nodes: this answer holds for Linux nodes.`);
  }
  if (engine === 'cilium' && c.protocol === 'SCTP') out.push("Cilium's SCTP support is beta and off unless enabled (sctp.enabled): without it SCTP traffic is dropped whatever the policies say.");
  return out;
}
