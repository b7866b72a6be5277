import ipaddr from 'ipaddr.js';

/** Pure Kubernetes NetworkPolicy semantics (networking.k8s.io/v1): which policy allows or blocks one connection, and why. */

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

export interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

export interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

export interface PolicyRule {
  from?: PolicyPeer[];
  to?: PolicyPeer[];
  ports?: PolicyPort[];
}

export interface PolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: PolicyRule[];
  egress?: PolicyRule[];
}

export interface Policy {
  namespace: string;
  name: string;
  spec: PolicySpec;
  labels?: Record<string, string>;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

/** A pod as policies see it: namespace, labels, IP (for ipBlock) and container ports (for named ports). */
export interface PodRef {
  namespace: string;
  /** Shown in explanations (a workload name is clearer than a pod name). */
  name: string;
  labels: Record<string, string>;
  ip?: string;
  ports?: ContainerPort[];
  /** In the node's network namespace: no policy selects it, and its traffic carries the node's address. */
  hostNetwork?: boolean;
}

export type Endpoint = { kind: 'pod'; pod: PodRef } | { kind: 'external'; ip: string; name?: string };

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type Direction = 'Ingress' | 'Egress';

export interface Connection {
  from: Endpoint;
  to: Endpoint;
  /** The port the destination pod receives on (a Service's target port, not the Service port). */
  port: number;
  protocol: Protocol;
}

/** Where implementations read the specification differently (see engines.ts for who does what). */
export interface Semantics {
  /** Does an ipBlock match a pod's own IP? The upstream conformance tests and Calico: yes; Cilium: no (cilium/cilium#9209). */
  ipBlockMatchesPods: boolean;
}

/** The specification as its conformance tests check it. */
export const SPEC_SEMANTICS: Semantics = { ipBlockMatchesPods: true };

export interface PolicyWorld {
  /** Namespace name → its labels (`kubernetes.io/metadata.name` is added when missing, as the API server does). */
  namespaces: Record<string, Record<string, string>>;
  policies: Policy[];
}

export interface SideVerdict {
  direction: Direction;
  /** False when that end is outside the cluster: no policy can select it. */
  applies: boolean;
  isolated: boolean;
  /** Policies that select the pod for this direction (`namespace/name`). */
  selecting: string[];
  allowedBy?: { policy: string; rule: number };
  allowed: boolean;
  explanation: string;
}

export interface Verdict {
  allowed: boolean;
  egress: SideVerdict;
  ingress: SideVerdict;
}

export function endpointName(e: Endpoint): string {
  return e.kind === 'pod' ? e.pod.name : (e.name ?? e.ip);
}

/** An empty selector `{}` selects everything; requirements are ANDed. */
export function selectorMatches(sel: LabelSelector, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (!Object.hasOwn(labels, k) || labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // an unknown operator selects nothing, as the API server would reject it
    }
  }
  return true;
}

/** policyTypes when unset: Ingress always, Egress only when the spec has egress rules (upstream defaulting). */
export function policyTypesOf(spec: PolicySpec): Direction[] {
  if (spec.policyTypes?.length) return spec.policyTypes.filter((t): t is Direction => t === 'Ingress' || t === 'Egress');
  return (spec.egress?.length ?? 0) > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

export function policySelects(p: Policy, pod: PodRef): boolean {
  return p.namespace === pod.namespace && selectorMatches(p.spec.podSelector ?? {}, pod.labels);
}

function nsLabels(world: PolicyWorld, ns: string): Record<string, string> {
  // The namespace name is user text: an own property only (`__proto__` is no namespace's labels)
  return { 'kubernetes.io/metadata.name': ns, ...(Object.hasOwn(world.namespaces, ns) ? world.namespaces[ns] : {}) };
}

function inCidr(ip: string, cidr: string): boolean {
  try {
    const addr = ipaddr.parse(ip);
    const [net, bits] = ipaddr.parseCIDR(cidr);
    return addr.kind() === net.kind() && addr.match(net, bits);
  } catch {
    return false;
  }
}

/**
 * podSelector alone: the policy's namespace; namespaceSelector alone: whole namespaces; both: AND. Whether an ipBlock
 * also matches a pod's own IP depends on the engine: Calico and the conformance tests say yes, Cilium says no.
 */
export function peerMatches(peer: PolicyPeer, policyNamespace: string, e: Endpoint, world: PolicyWorld, semantics: Semantics = SPEC_SEMANTICS): boolean {
  if (peer.ipBlock) {
    if (e.kind === 'pod' && !semantics.ipBlockMatchesPods) return false;
    const ip = e.kind === 'pod' ? e.pod.ip : e.ip;
    if (!ip || !inCidr(ip, peer.ipBlock.cidr)) return false;
    return !(peer.ipBlock.except ?? []).some((x) => inCidr(ip, x));
  }
  // a host-network pod's traffic carries the node's address: selectors cannot match it
  if (e.kind !== 'pod' || e.pod.hostNetwork) return false;
  const pod = e.pod;
  const nsOk = peer.namespaceSelector ? selectorMatches(peer.namespaceSelector, nsLabels(world, pod.namespace)) : pod.namespace === policyNamespace;
  const podOk = peer.podSelector ? selectorMatches(peer.podSelector, pod.labels) : true;
  return nsOk && podOk;
}

/** Named ports resolve against the destination pod's container ports; no pod (an external address) means no match. */
export function portMatches(ports: PolicyPort[] | undefined, c: Connection): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP').toUpperCase() !== c.protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port === 'number') return p.endPort ? c.port >= p.port && c.port <= p.endPort : c.port === p.port;
    if (c.to.kind !== 'pod') return false;
    const named = (c.to.pod.ports ?? []).find((cp) => cp.name === p.port && (cp.protocol ?? 'TCP').toUpperCase() === c.protocol);
    return named?.containerPort === c.port;
  });
}

function describe(c: Connection): string {
  return `${c.protocol} ${c.port}`;
}

function side(direction: Direction, c: Connection, world: PolicyWorld, semantics: Semantics): SideVerdict {
  const self = direction === 'Egress' ? c.from : c.to;
  const other = direction === 'Egress' ? c.to : c.from;
  const dir = direction.toLowerCase();
  if (self.kind !== 'pod')
    return { direction, applies: false, isolated: false, selecting: [], allowed: true, explanation: `${endpointName(self)} is outside the cluster: no ${dir} policy applies` };
  if (self.pod.hostNetwork)
    return { direction, applies: false, isolated: false, selecting: [], allowed: true, explanation: `${self.pod.name} runs in the node's network (hostNetwork): no ${dir} policy applies to it` };
  const pod = self.pod;
  const selecting = world.policies.filter((p) => policySelects(p, pod) && policyTypesOf(p.spec).includes(direction));
  const names = selecting.map((p) => `${p.namespace}/${p.name}`);
  if (selecting.length === 0)
    return { direction, applies: true, isolated: false, selecting: [], allowed: true, explanation: `no policy selects ${pod.name} for ${dir}: all ${dir} is allowed` };
  for (const p of selecting) {
    const rules = (direction === 'Ingress' ? p.spec.ingress : p.spec.egress) ?? [];
    for (const [i, rule] of rules.entries()) {
      const peers = direction === 'Ingress' ? rule.from : rule.to;
      const peerOk = !peers || peers.length === 0 || peers.some((peer) => peerMatches(peer, p.namespace, other, world, semantics));
      if (peerOk && portMatches(rule.ports, c))
        return {
          direction,
          applies: true,
          isolated: true,
          selecting: names,
          allowed: true,
          allowedBy: { policy: `${p.namespace}/${p.name}`, rule: i + 1 },
          explanation: `allowed by ${p.namespace}/${p.name} (${dir} rule ${i + 1})`,
        };
    }
  }
  const toward = direction === 'Egress' ? `to ${endpointName(other)}` : `from ${endpointName(other)}`;
  return {
    direction,
    applies: true,
    isolated: true,
    selecting: names,
    allowed: false,
    explanation: `${pod.name} is isolated for ${dir} by ${names.join(', ')}, and no ${dir} rule there allows traffic ${toward} on ${describe(c)}`,
  };
}

/** Allowed only if the source's egress and the destination's ingress both allow it. */
export function evaluate(c: Connection, world: PolicyWorld, semantics: Semantics = SPEC_SEMANTICS): Verdict {
  const egress = side('Egress', c, world, semantics);
  const ingress = side('Ingress', c, world, semantics);
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}
