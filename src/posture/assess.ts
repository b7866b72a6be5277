import { format } from '../commands/grammar.js';
import type { DefenderPlan, RegistryFinding } from '../azure/defender.js';
import type { ClusterInfo, Severity } from '../domain.js';
import { IPV4_ENDPOINT, letsNobodyIn, reachOf } from '../exposure/addressSpace.js';
import type { IngressInfo, NamespaceInfo, NetworkPolicyInfo, ServiceInfo } from '../kube/types.js';

export interface PostureFinding {
  /** Stable across scans, so digests can tell new from fixed. */
  id: string;
  severity: Severity;
  title: string;
  why: string;
  detail?: string;
  /** CIS Azure Kubernetes Service Benchmark control, where one exists. */
  cis?: string;
  /** The command that fixes it through the approval flow. */
  fix?: string;
}

export interface PostureArea {
  name: 'Control plane' | 'Workload exposure' | 'Network policy' | 'Images';
  summary: string;
  facts: Array<{ title: string; value: string }>;
  findings: PostureFinding[];
}

export interface Posture {
  cluster: ClusterInfo;
  score: number;
  areas: PostureArea[];
  checkedAt: string;
  /** How Kubernetes was read when not directly, e.g. "via AKS Run Command". */
  kubeVia?: string;
}

export interface PostureInputs {
  cluster: ClusterInfo;
  kube: { ok: true; services: ServiceInfo[]; ingresses: IngressInfo[]; namespaces: NamespaceInfo[]; policies: NetworkPolicyInfo[]; via?: string } | { ok: false; error: string };
  defender: { ok: true; plans: DefenderPlan[]; findings: RegistryFinding[] } | { ok: false; error: string };
  now?: Date;
}

export const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'gatekeeper-system', 'calico-system', 'tigera-operator']);
/** Score penalties: a few highs already pull a cluster well below 80 (green). */
const WEIGHT: Record<Severity, number> = { critical: 25, high: 12, medium: 5, low: 1, info: 0 };
const RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function severityRank(s: Severity): number {
  return RANK[s];
}

/** 100 minus the severity penalties of these findings, never below 0 (a cluster's score, or one area's). */
export function scoreOf(findings: ReadonlyArray<{ severity: Severity }>): number {
  return Math.max(0, 100 - findings.reduce((sum, f) => sum + WEIGHT[f.severity], 0));
}

/** Pure: what is wrong with a cluster, by area, from what the APIs returned. */
export function assessPosture(input: PostureInputs): Posture {
  const areas = [controlPlane(input.cluster), exposure(input), networkPolicy(input), images(input)];
  const kubeVia = input.kube.ok ? input.kube.via : undefined;
  return { cluster: input.cluster, score: scoreOf(areas.flatMap((a) => a.findings)), areas, checkedAt: (input.now ?? new Date()).toISOString(), ...(kubeVia ? { kubeVia } : {}) };
}

function controlPlane(c: ClusterInfo): PostureArea {
  const findings: PostureFinding[] = [];
  const ranges = c.authorizedIpRanges;
  // Exposure by address space: 0.0.0.0/0 or the two /1 halves open it as surely as an empty list
  const reach = reachOf(ranges, IPV4_ENDPOINT);
  const open = !c.isPrivate && reach.wholeInternet;
  const facts = [
    { title: 'API server', value: c.isPrivate ? `private (${c.privateFqdn ?? 'private FQDN'})` : `public (${c.fqdn ?? 'no FQDN'})` },
    {
      title: 'Authorized IP ranges',
      value: c.isPrivate ? 'n/a (private cluster)' : ranges.length ? `${ranges.join(', ')}${open ? ' (open to the internet)' : ` (${reach.nobody ? 'no public address' : reach.text})`}` : 'none: open to the internet',
    },
  ];
  if (open)
    findings.push({
      id: 'cp.api-open',
      severity: 'high',
      title: 'API server open to the internet',
      why: ranges.length
        ? `Its authorized ranges (${ranges.join(', ')}) cover every public address: anyone can try credentials and exploits against the Kubernetes API.`
        : 'Anyone can try credentials and exploits against the Kubernetes API; authorized IP ranges limit who can even connect.',
      cis: '5.4.1',
      fix: ranges.length ? format({ kind: 'ipRanges', cluster: c.name }) : format({ kind: 'allowlistMyIp', cluster: c.name }),
    });
  const privateRanges = ranges.filter((r) => r !== '0.0.0.0/32' && letsNobodyIn(r));
  if (privateRanges.length)
    findings.push({
      id: 'cp.private-range',
      severity: 'medium',
      title: `Authorized ranges include non-public addresses (${privateRanges.join(', ')})`,
      why: 'The public API endpoint only ever sees public source IPs, so these entries let nobody in and may lock people out.',
      fix: format({ kind: 'ipRanges', cluster: c.name }),
    });
  const summary = c.isPrivate ? 'Private API server' : open ? 'Public API server, open to the internet' : `Public API server, limited to ${ranges.length} range(s)`;
  return { name: 'Control plane', summary, facts, findings };
}

function exposure(input: PostureInputs): PostureArea {
  const c = input.cluster;
  if (!input.kube.ok) return unreachable('Workload exposure', input.kube.error);
  const findings: PostureFinding[] = [];
  const lbs = input.kube.services.filter((s) => s.type === 'LoadBalancer');
  const facts = lbs.map((s) => ({
    title: `${s.namespace}/${s.name}`,
    value: `${s.internal ? 'internal' : 'public'} · ${s.ingressIps[0] ?? 'pending IP'} · ${s.ports.map((p) => `${p.protocol} ${p.port}`).join(', ')} · ${
      s.internal ? 'VNet only' : s.loadBalancerSourceRanges.length ? `from ${s.loadBalancerSourceRanges.join(', ')}` : 'from the whole internet'
    }`,
  }));
  for (const s of lbs) {
    if (s.internal || s.loadBalancerSourceRanges.length) continue;
    const isIngressController = /ingress/i.test(`${s.namespace}/${s.name}`);
    findings.push({
      id: `wl.public-open.${s.namespace}.${s.name}`,
      severity: isIngressController ? 'medium' : 'high',
      title: `${s.name} (${s.namespace}) is public to the whole internet`,
      why: isIngressController
        ? 'An ingress controller is meant to be public, but every route behind it is reachable from anywhere.'
        : 'A LoadBalancer Service without source ranges accepts traffic from any address on the internet.',
      detail: `${s.ingressIps[0] ?? 'pending IP'} · ${s.ports.map((p) => `${p.protocol} ${p.port}`).join(', ')}`,
      fix: isIngressController ? undefined : format({ kind: 'makeInternal', service: s.name, namespace: s.namespace, cluster: c.name }),
    });
  }
  const publicCount = lbs.filter((s) => !s.internal).length;
  const summary = lbs.length
    ? `${lbs.length} LoadBalancer Service(s): ${publicCount} public, ${lbs.length - publicCount} internal; ${input.kube.ingresses.length} Ingress(es)`
    : 'No LoadBalancer Services';
  return { name: 'Workload exposure', summary, facts, findings };
}

/** A policy that selects every pod and allows nothing in that direction. */
export function isDefaultDeny(p: NetworkPolicyInfo, direction: 'Ingress' | 'Egress'): boolean {
  const selector = p.podSelector as { matchLabels?: object; matchExpressions?: unknown[] };
  const selectsAll = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  const types = p.policyTypes.length ? p.policyTypes : ['Ingress', ...((p.spec as { egress?: unknown }).egress ? ['Egress'] : [])];
  const rules = (p.spec as Record<string, unknown[] | undefined>)[direction.toLowerCase()] ?? [];
  const allowsOnlyDns = direction === 'Egress' && rules.every((r) => JSON.stringify(r).includes('53'));
  return selectsAll && types.includes(direction) && (rules.length === 0 || allowsOnlyDns);
}

function networkPolicy(input: PostureInputs): PostureArea {
  const c = input.cluster;
  const engine = c.networkPolicy;
  if (!input.kube.ok) return { ...unreachable('Network policy', input.kube.error), facts: [{ title: 'Engine', value: engine }] };
  const findings: PostureFinding[] = [];
  const namespaces = input.kube.namespaces.map((n) => n.name).filter((n) => !SYSTEM_NAMESPACES.has(n) && n !== 'default');
  const policies = input.kube.policies;
  const uncovered = namespaces.filter((ns) => !policies.some((p) => p.namespace === ns && isDefaultDeny(p, 'Ingress')));
  if (engine === 'none')
    findings.push({
      id: 'np.no-engine',
      severity: 'high',
      title: 'No network policy engine: NetworkPolicies are not enforced',
      why: 'Every pod can reach every other pod; policies you create are stored but do nothing until an engine (Azure, Calico, Cilium) runs.',
      cis: '5.4.4',
    });
  for (const ns of uncovered)
    findings.push({
      id: `np.no-default-deny.${ns}`,
      severity: 'medium',
      title: `Namespace ${ns} has no default-deny policy`,
      why: 'Without a default deny, any pod (including a compromised one) can talk to every pod in this namespace.',
      cis: '5.3.2',
      fix: format({ kind: 'zeroTrust', namespace: ns, force: false, cluster: c.name }),
    });
  const facts = [
    { title: 'Engine', value: engine === 'none' ? 'none (policies not enforced)' : engine },
    { title: 'Namespaces without default deny', value: uncovered.length ? uncovered.join(', ') : 'none' },
  ];
  const summary = `${engine === 'none' ? 'No engine' : `Engine: ${engine}`}; ${uncovered.length} of ${namespaces.length} namespace(s) without default deny`;
  return { name: 'Network policy', summary, facts, findings };
}

function images(input: PostureInputs): PostureArea {
  if (!input.defender.ok) return unreachable('Images', input.defender.error);
  const c = input.cluster;
  const containers = input.defender.plans.find((p) => p.name === 'Containers');
  const findings: PostureFinding[] = [];
  const enabled = containers?.tier === 'Standard';
  if (!enabled)
    findings.push({
      id: 'img.defender-off',
      severity: 'medium',
      title: 'Defender for Containers is off',
      why: 'Registry and running images are not scanned for known vulnerabilities.',
      cis: '5.1.1',
      fix: format({ kind: 'defenderSet', enabled: true, cluster: c.name }),
    });
  const unhealthy = input.defender.findings.filter((f) => f.status !== 'Healthy' && f.status !== 'NotApplicable');
  const images = new Map<string, Severity>();
  for (const f of unhealthy) {
    const key = `${f.repository}@${f.digest}`;
    const prev = images.get(key);
    if (!prev || RANK[f.severity] > RANK[prev]) images.set(key, f.severity);
  }
  const bySeverity = countBy([...images.values()]);
  if (images.size) {
    const worst = [...images.values()].sort((a, b) => RANK[b] - RANK[a])[0];
    findings.push({
      id: 'img.vulnerable',
      severity: worst === 'critical' || worst === 'high' ? 'high' : worst,
      title: `${images.size} vulnerable image(s) in the registry`,
      why: 'Known CVEs in images can be exploited once those images run.',
      detail: formatCounts(bySeverity),
      fix: format({ kind: 'vulnerabilities', fixable: false, running: true, page: 1, cluster: c.name }),
    });
  }
  const facts = [
    { title: 'Defender for Containers', value: containers ? `${containers.tier}${containers.enablementTime ? ` since ${containers.enablementTime.slice(0, 10)}` : ''}` : 'unknown' },
    { title: 'Vulnerable images', value: images.size ? formatCounts(bySeverity) : enabled ? 'none found' : 'not scanned' },
  ];
  return { name: 'Images', summary: enabled ? `Defender on; ${images.size} vulnerable image(s)` : 'Defender for Containers off: images not scanned', facts, findings };
}

function unreachable(name: PostureArea['name'], error: string): PostureArea {
  return {
    name,
    summary: 'Could not be read',
    facts: [],
    findings: [{ id: `${name === 'Images' ? 'img' : 'kube'}.unreachable`, severity: 'info', title: `Could not read this area: ${error}`, why: 'Palisade cannot assess what it cannot read.' }],
  };
}

export function countBy(sevs: Severity[]): Partial<Record<Severity, number>> {
  const out: Partial<Record<Severity, number>> = {};
  for (const s of sevs) out[s] = (out[s] ?? 0) + 1;
  return out;
}

export function formatCounts(c: Partial<Record<Severity, number>>): string {
  return (['critical', 'high', 'medium', 'low'] as Severity[])
    .filter((s) => c[s])
    .map((s) => `${c[s]} ${s}`)
    .join(' · ');
}
