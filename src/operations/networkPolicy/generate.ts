import { createHash } from 'node:crypto';
import type * as Yaml from 'yaml';
import { lazy } from '../../lazy.js';
import { UserError } from '../../errors.js';
import type { NetworkPolicyDesired } from '../../kube/networkPolicies.js';
import { MANAGED_BY_LABEL } from '../../kube/networkPolicies.js';
import type { WorkloadTemplate } from '../../kube/podTemplates.js';
import type { PolicyPeer, PolicyPort, PolicyRule, PolicySpec } from './evaluator.js';
import type { Flow, FlowPort } from './flows.js';

const yaml = lazy<typeof Yaml>('yaml');

/** Pure: the NetworkPolicies Palisade writes, and how to compare them with what the cluster has. */

export const PURPOSE_LABEL = 'palisade.io/purpose';
export const ZERO_TRUST = 'zero-trust';
export const ALLOW_FLOW = 'allow-flow';
export const DEFAULT_DENY_NAME = 'palisade-default-deny';

/** The regulated baseline's `networkpolicy-denyall` DNS rule: kube-dns in kube-system, UDP and TCP 53. */
export const DNS_EGRESS_RULE: PolicyRule = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

/** Kubernetes names are DNS subdomains (≤ 253); a long one keeps its start and gets a hash for uniqueness. */
export function policyName(...parts: string[]): string {
  const name = parts.join('-').toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  if (name.length <= 253) return name;
  return `${name.slice(0, 240)}-${createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
}

export function defaultDeny(namespace: string): NetworkPolicyDesired {
  return {
    namespace,
    name: DEFAULT_DENY_NAME,
    labels: { [PURPOSE_LABEL]: ZERO_TRUST },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], egress: [DNS_EGRESS_RULE] } satisfies PolicySpec,
  };
}

function podsOf(w: WorkloadTemplate, fromNamespace: string): PolicyPeer {
  const podSelector = selectorOf(w);
  return w.namespace === fromNamespace ? { podSelector } : { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': w.namespace } }, podSelector };
}

/** The labels that pick this workload's pods; none would pick every pod of the namespace, so that is refused. */
function selectorOf(w: WorkloadTemplate) {
  const labels = Object.keys(w.selector).length ? w.selector : w.podLabels;
  if (Object.keys(labels).length === 0)
    throw new UserError(`${w.kind} ${w.name} in ${w.namespace} has no labels: a NetworkPolicy selects pods by label, and an empty selector would pick every pod of ${w.namespace}.`, `Give its pods a label (e.g. \`kubectl label pod ${w.name} -n ${w.namespace} app=${w.name}\` for a bare Pod, or in its template) and ask again.`);
  return { matchLabels: { ...labels } };
}

export function rulePorts(ports: FlowPort[]): PolicyPort[] {
  const seen = new Set<string>();
  const out: PolicyPort[] = [];
  for (const p of ports) {
    const k = `${p.protocol}/${p.port}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ protocol: p.protocol, port: p.port });
  }
  return out;
}

/** Rules with the same peers merge into one with the union of their ports. */
function mergeRules(rules: Array<{ peers?: PolicyPeer[]; ports: FlowPort[] }>, key: 'from' | 'to'): PolicyRule[] {
  const byPeers = new Map<string, { peers?: PolicyPeer[]; ports: FlowPort[] }>();
  for (const r of rules) {
    const k = JSON.stringify(r.peers ?? null);
    const cur = byPeers.get(k);
    if (cur) cur.ports.push(...r.ports);
    else byPeers.set(k, { peers: r.peers, ports: [...r.ports] });
  }
  return [...byPeers.values()].map((r) => ({ ...(r.peers ? { [key]: r.peers } : {}), ports: rulePorts(r.ports) }));
}

/** Default deny plus one ingress policy per destination and one egress policy per source of the inferred flows. */
export function zeroTrustPolicies(namespace: string, flows: Flow[]): NetworkPolicyDesired[] {
  const out: NetworkPolicyDesired[] = [defaultDeny(namespace)];
  const inbound = new Map<string, { w: WorkloadTemplate; rules: Array<{ peers?: PolicyPeer[]; ports: FlowPort[] }> }>();
  const outbound = new Map<string, { w: WorkloadTemplate; rules: Array<{ peers?: PolicyPeer[]; ports: FlowPort[] }> }>();
  for (const f of flows) {
    if (f.to.namespace === namespace) {
      const peers: PolicyPeer[] | undefined =
        f.from.kind === 'anywhere'
          ? undefined
          : f.from.kind === 'namespace'
            ? [{ namespaceSelector: f.from.namespace ? { matchLabels: { 'kubernetes.io/metadata.name': f.from.namespace } } : {} }]
            : [podsOf(f.from.workload, namespace)];
      const entry = inbound.get(f.to.name) ?? { w: f.to, rules: [] };
      entry.rules.push({ peers, ports: f.ports });
      inbound.set(f.to.name, entry);
    }
    if (f.from.kind === 'workload' && f.from.workload.namespace === namespace) {
      const entry = outbound.get(f.from.workload.name) ?? { w: f.from.workload, rules: [] };
      entry.rules.push({ peers: [podsOf(f.to, namespace)], ports: f.ports });
      outbound.set(f.from.workload.name, entry);
    }
  }
  for (const { w, rules } of [...inbound.values()].sort((a, b) => a.w.name.localeCompare(b.w.name)))
    out.push({ namespace, name: policyName('palisade-ingress', w.name), labels: { [PURPOSE_LABEL]: ZERO_TRUST }, spec: { podSelector: selectorOf(w), policyTypes: ['Ingress'], ingress: mergeRules(rules, 'from') } });
  for (const { w, rules } of [...outbound.values()].sort((a, b) => a.w.name.localeCompare(b.w.name)))
    out.push({ namespace, name: policyName('palisade-egress', w.name), labels: { [PURPOSE_LABEL]: ZERO_TRUST }, spec: { podSelector: selectorOf(w), policyTypes: ['Egress'], egress: mergeRules(rules, 'to') } });
  return out;
}

/**
 * `allow A to B`: an egress rule on A (in A's namespace) and/or an ingress rule on B (in B's), each its own labelled
 * policy; across namespaces each peer is namespaceSelector (kubernetes.io/metadata.name) AND podSelector.
 */
export function allowFlowPolicies(from: WorkloadTemplate, to: WorkloadTemplate, ports: FlowPort[], sides: { egress: boolean; ingress: boolean }): NetworkPolicyDesired[] {
  const out: NetworkPolicyDesired[] = [];
  const labels = { [PURPOSE_LABEL]: ALLOW_FLOW };
  const across = from.namespace !== to.namespace;
  if (sides.egress)
    out.push({
      namespace: from.namespace,
      name: policyName('palisade-allow', from.name, 'to', ...(across ? [to.namespace] : []), to.name, 'egress'),
      labels,
      spec: { podSelector: selectorOf(from), policyTypes: ['Egress'], egress: [{ to: [podsOf(to, from.namespace)], ports: rulePorts(ports) }] },
    });
  if (sides.ingress)
    out.push({
      namespace: to.namespace,
      name: policyName('palisade-allow', ...(across ? [from.namespace] : []), from.name, 'to', to.name, 'ingress'),
      labels,
      spec: { podSelector: selectorOf(to), policyTypes: ['Ingress'], ingress: [{ from: [podsOf(from, to.namespace)], ports: rulePorts(ports) }] },
    });
  return out;
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined && x !== null)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, canonical(x)]),
    );
  return v;
}

/** The spec as the API server stores it: defaults filled in (podSelector, policyTypes, port protocol), keys sorted. */
export function normalizeSpec(spec: Record<string, unknown>): string {
  const s = JSON.parse(JSON.stringify(spec ?? {})) as PolicySpec & Record<string, unknown>;
  s.podSelector ??= {};
  if (!s.policyTypes?.length) s.policyTypes = (s.egress?.length ?? 0) > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  for (const rules of [s.ingress ?? [], s.egress ?? []]) for (const r of rules) for (const p of r.ports ?? []) p.protocol ??= 'TCP';
  for (const sel of [s.podSelector, ...[...(s.ingress ?? []), ...(s.egress ?? [])].flatMap((r) => [...(r.from ?? []), ...(r.to ?? [])]).flatMap((p) => [p.podSelector, p.namespaceSelector])])
    if (sel && sel.matchLabels && Object.keys(sel.matchLabels).length === 0) delete sel.matchLabels;
  return JSON.stringify(canonical(s));
}

export function sameSpec(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  return normalizeSpec(a) === normalizeSpec(b);
}

/** What `kubectl get -o yaml` would show of the policies Palisade applies (labels included). */
export function policiesYaml(policies: NetworkPolicyDesired[]): string {
  return policies
    .map((p) =>
      yaml().stringify({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: p.name, namespace: p.namespace, labels: { [MANAGED_BY_LABEL]: 'palisade', ...(p.labels ?? {}) } },
        spec: p.spec,
      }).trimEnd(),
    )
    .join('\n---\n');
}
