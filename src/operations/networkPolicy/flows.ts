import type { NetworkPolicyEngine } from '../../domain.js';
import type { WorkloadTemplate } from '../../kube/podTemplates.js';
import type { ConfigMapInfo, IngressInfo, NamespaceInfo, NetworkPolicyInfo, PodInfo, ServiceInfo } from '../../kube/types.js';
import { type Endpoint, type Policy, type PolicySpec, type PolicyWorld, type PodRef, type Protocol, selectorMatches } from './evaluator.js';
import { isSystemNamespace } from './systemNamespaces.js';
import { escapeRegExp } from '../../text/regex.js';

/** Pure: which flows a namespace needs, inferred from what Palisade may read (never Secrets). */

/** What the whole cluster says about flows: every namespace's workloads, Services, policies and pods. */
export interface ClusterView {
  cluster: string;
  engine: NetworkPolicyEngine;
  namespaces: NamespaceInfo[];
  /** Workloads of every kind and namespace (callers from elsewhere, ingress controllers, kube-dns). */
  workloads: WorkloadTemplate[];
  /** Every namespace's Services: DNS names may point across namespaces. */
  services: ServiceInfo[];
  /** Every namespace's policies: the other end of a flow may be isolated too. */
  policies: NetworkPolicyInfo[];
  /** Every namespace's pods: their IPs are what ipBlocks see. */
  pods: PodInfo[];
}

/** The cluster, and one namespace's Ingresses and ConfigMaps (where its flows are written down). */
export interface Inventory extends ClusterView {
  namespace: string;
  ingresses: IngressInfo[];
  configMaps: ConfigMapInfo[];
}

export interface FlowPort {
  protocol: Protocol;
  /** The port the pod receives on; a name when the Service's named target port matches no container. */
  port: number | string;
  servicePort?: number;
}

export type FlowSource =
  | { kind: 'workload'; workload: WorkloadTemplate }
  | { kind: 'anywhere'; label: string }
  | { kind: 'namespace'; namespace?: string; label: string };

export interface Flow {
  from: FlowSource;
  to: WorkloadTemplate;
  service: ServiceInfo;
  ports: FlowPort[];
  why: string;
}

export interface UnseenService {
  service: string;
  workloads: string[];
  /** Likely callers, best first, with why. */
  candidates: Array<{ workload: string; reason: string }>;
}

export interface FlowInference {
  flows: Flow[];
  unseen: UnseenService[];
  notes: string[];
}

export interface Probe {
  label: string;
  /** Probes with the same group and outcome show as one row. */
  group?: string;
  from: Endpoint;
  to: Endpoint;
  port: number;
  protocol: Protocol;
  keptWhy?: string;
  /** Involves these workloads of the namespace (to narrow a preview to one flow's ends). */
  involves: string[];
}

export const INTERNET_IN: Endpoint = { kind: 'external', ip: '203.0.113.50', name: 'internet' };
export const INTERNET_OUT: Endpoint = { kind: 'external', ip: '198.51.100.10', name: 'internet' };
const OTHER_NAMESPACE = '(other namespaces)';
const OTHER_PODS: Endpoint = { kind: 'pod', pod: { namespace: OTHER_NAMESPACE, name: 'other namespaces', labels: {} } };
/** A Map: the scheme comes from cluster data, so `constructor://` must find nothing. */
const SCHEME_PORTS = new Map(Object.entries({ http: 80, https: 443, mongodb: 27017, redis: 6379, postgres: 5432, postgresql: 5432, mysql: 3306, amqp: 5672, grpc: 443 }));

export function toPolicy(p: NetworkPolicyInfo): Policy {
  return { namespace: p.namespace, name: p.name, labels: p.labels, spec: p.spec as PolicySpec };
}

export function worldOf(inv: ClusterView, policies: Policy[] = inv.policies.map(toPolicy)): PolicyWorld {
  return { namespaces: Object.fromEntries(inv.namespaces.map((n) => [n.name, n.labels])), policies };
}

export function selectsLabels(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.keys(selector).length > 0 && selectorMatches({ matchLabels: selector }, labels);
}

export function workloadsBehind(svc: ServiceInfo, workloads: WorkloadTemplate[]): WorkloadTemplate[] {
  return workloads.filter((w) => w.namespace === svc.namespace && selectsLabels(svc.selector, w.podLabels));
}

export function servicesOf(w: WorkloadTemplate, services: ServiceInfo[]): ServiceInfo[] {
  return services.filter((s) => s.namespace === w.namespace && selectsLabels(s.selector, w.podLabels));
}

export function containerPorts(w: WorkloadTemplate) {
  return w.containers.flatMap((c) => c.ports);
}

/** A Service port's target, resolved against the workload's container ports (a named targetPort stays a name if unknown). */
export function targetOf(sp: ServiceInfo['ports'][number], w: WorkloadTemplate | undefined): FlowPort {
  const protocol = (sp.protocol ?? 'TCP').toUpperCase() as Protocol;
  const t = sp.targetPort ?? sp.port;
  if (typeof t === 'number') return { protocol, port: t, servicePort: sp.port };
  if (/^\d+$/.test(t)) return { protocol, port: Number(t), servicePort: sp.port };
  const named = w ? containerPorts(w).find((p) => p.name === t && p.protocol.toUpperCase() === protocol) : undefined;
  return { protocol, port: named?.containerPort ?? t, servicePort: sp.port };
}

/** The pods of a workload that exist now (a bare Pod is its own). */
export function runningPods(w: WorkloadTemplate, pods: PodInfo[]): PodInfo[] {
  return pods.filter((p) => p.namespace === w.namespace && (w.kind === 'Pod' ? p.name === w.name : selectsLabels(w.selector, p.labels)));
}

/** The workload as one pod: its template's labels and ports, and the address of a pod that runs (if any). */
export function podOf(w: WorkloadTemplate, pods: PodInfo[] = []): PodRef {
  const ip = runningPods(w, pods).find((p) => p.podIP)?.podIP;
  return { namespace: w.namespace, name: w.name, labels: w.podLabels, ip, ports: containerPorts(w), ...(w.hostNetwork ? { hostNetwork: true } : {}) };
}


interface Mention {
  host: string;
  port?: number;
  scheme?: string;
}

/** Does a setting name this Service? FQDN forms anywhere; the bare name only where it is clearly a host. */
export function mentionOf(text: string, svc: ServiceInfo, fromNamespace: string): Mention | undefined {
  const hosts = [`${svc.name}.${svc.namespace}.svc.cluster.local`, `${svc.name}.${svc.namespace}.svc`, `${svc.name}.${svc.namespace}`];
  if (svc.namespace === fromNamespace) hosts.push(svc.name);
  for (const host of hosts) {
    const re = new RegExp(`(?<![a-z0-9.-])${escapeRegExp(host)}(?![a-z0-9-]|\\.[a-z0-9])(?::(\\d{1,5}))?`, 'gi');
    for (const m of text.matchAll(re)) {
      const before = text.slice(0, m.index);
      const scheme = /([a-z][a-z0-9+.-]*):\/\/(?:[^\s/@]*@)?$/i.exec(before)?.[1]?.toLowerCase();
      const port = m[1] ? Number(m[1]) : undefined;
      const bare = host === svc.name;
      // a bare name is only a host after a scheme or "user@", before ":port", or as the whole value
      if (bare && !scheme && !/@$/.test(before) && port === undefined && text.trim().toLowerCase() !== host.toLowerCase()) continue;
      return { host, port, scheme };
    }
  }
  return undefined;
}

function portsFor(svc: ServiceInfo, dest: WorkloadTemplate, mention: Mention): FlowPort[] {
  const all = svc.ports.map((p) => targetOf(p, dest));
  const wanted = mention.port ?? (mention.scheme ? SCHEME_PORTS.get(mention.scheme) : undefined);
  const hit = wanted === undefined ? [] : all.filter((p) => p.servicePort === wanted);
  return hit.length ? hit : all;
}

interface Setting {
  where: string;
  text: string;
}

/** What a workload's settings say, with where each value comes from; Secrets are listed, never read. */
export function settingsOf(w: WorkloadTemplate, configMaps: ConfigMapInfo[]): { settings: Setting[]; secrets: string[] } {
  const settings: Setting[] = [];
  const secrets: string[] = [];
  const cm = (name: string) => configMaps.find((c) => c.namespace === w.namespace && c.name === name);
  for (const c of w.containers) {
    for (const e of c.env) {
      if (e.value) settings.push({ where: `env ${e.name} of ${w.name}`, text: e.value });
      if (e.configMapKey) {
        const v = cm(e.configMapKey.name)?.data[e.configMapKey.key];
        if (v) settings.push({ where: `ConfigMap ${e.configMapKey.name} (${e.configMapKey.key}) of ${w.name}`, text: v });
      }
      if (e.secretKey) secrets.push(`Secret ${e.secretKey.name} (${e.name})`);
    }
    for (const f of c.envFrom) {
      if (f.configMap) for (const [k, v] of Object.entries(cm(f.configMap)?.data ?? {})) settings.push({ where: `ConfigMap ${f.configMap} (${k}) of ${w.name}`, text: v });
      if (f.secret) secrets.push(`Secret ${f.secret}`);
    }
  }
  for (const v of w.volumes) {
    if (v.configMap) for (const [k, val] of Object.entries(cm(v.configMap)?.data ?? {})) settings.push({ where: `ConfigMap ${v.configMap} (${k}, mounted) of ${w.name}`, text: val });
    if (v.secret) secrets.push(`Secret ${v.secret} (mounted)`);
  }
  if (w.args.length) settings.push({ where: `arguments of ${w.name}`, text: w.args.join(' ') });
  return { settings, secrets };
}

function describeService(svc: ServiceInfo): string {
  if (svc.type === 'LoadBalancer') return `${svc.internal ? 'internal' : 'public'} LoadBalancer Service ${svc.name}`;
  return `${svc.type} Service ${svc.name}`;
}

/** The ingress controller serving an ingress class: its args name the class, else any workload that looks like one. */
export function ingressControllerFor(className: string | undefined, workloads: WorkloadTemplate[]): WorkloadTemplate | undefined {
  const looksLike = workloads.filter((w) => /ingress/i.test(`${w.name} ${Object.values(w.podLabels).join(' ')}`) && w.args.some((a) => /ingress|controller/i.test(a)));
  const byClass = className ? looksLike.find((w) => w.args.some((a) => a === `--ingress-class=${className}` || a.endsWith(`/${className}`))) : undefined;
  return byClass ?? looksLike[0];
}

function tokens(s: string): string[] {
  return s.toLowerCase().split(/[^a-z0-9]+/).filter((t) => t.length >= 4);
}

/** Flows the namespace needs to keep working under a default deny. */
export function inferFlows(inv: Inventory, opts: { declared?: (svc: ServiceInfo) => boolean } = {}): FlowInference {
  const ns = inv.namespace;
  const local = inv.workloads.filter((w) => w.namespace === ns);
  const flows: Flow[] = [];
  const notes: string[] = [];
  const services = inv.services.filter((s) => Object.keys(s.selector).length > 0);

  for (const svc of services.filter((s) => s.namespace === ns && (s.type === 'LoadBalancer' || s.type === 'NodePort')))
    for (const dest of workloadsBehind(svc, local))
      flows.push({ from: { kind: 'anywhere', label: svc.type === 'LoadBalancer' && svc.internal ? 'VNet' : 'internet' }, to: dest, service: svc, ports: svc.ports.map((p) => targetOf(p, dest)), why: describeService(svc) });

  for (const ing of inv.ingresses.filter((i) => i.namespace === ns)) {
    const controller = ingressControllerFor(ing.className, inv.workloads);
    if (!controller) notes.push(`I found no ingress controller for Ingress ${ing.name}${ing.className ? ` (class ${ing.className})` : ''}: its backends are allowed from every namespace.`);
    for (const b of ing.backends) {
      const svc = services.find((s) => s.namespace === ns && s.name === b.service);
      if (!svc) continue;
      const sps = svc.ports.filter((p) => b.port === undefined || p.port === b.port || p.name === b.port);
      for (const dest of workloadsBehind(svc, local))
        flows.push({
          from: { kind: 'namespace', namespace: controller?.namespace, label: controller ? `${controller.namespace} (ingress controller)` : 'every namespace' },
          to: dest,
          service: svc,
          ports: sps.map((p) => targetOf(p, dest)),
          why: `backend of Ingress ${ing.name}`,
        });
    }
  }

  const external = new Set<string>();
  for (const w of inv.workloads) {
    // other namespaces' ConfigMaps are not read: their literal env values and args still show callers into this one
    const { settings } = settingsOf(w, w.namespace === ns ? inv.configMaps : []);
    for (const svc of services) {
      if (w.namespace !== ns && svc.namespace !== ns) continue;
      for (const s of settings) {
        const m = mentionOf(s.text, svc, w.namespace);
        if (!m) continue;
        for (const dest of workloadsBehind(svc, inv.workloads).filter((d) => !(d.namespace === w.namespace && d.name === w.name)))
          flows.push({ from: { kind: 'workload', workload: w }, to: dest, service: svc, ports: portsFor(svc, dest, m), why: `${s.where} names ${m.host}${m.port ? `:${m.port}` : ''}` });
        break;
      }
    }
    if (w.namespace === ns)
      for (const s of settings)
        for (const m of s.text.matchAll(/\b(?:https?|grpcs?|wss?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi))
          if (!/\.(?:svc|cluster\.local|local)$/i.test(m[1]) && !services.some((x) => m[1].startsWith(`${x.name}.${x.namespace}`))) external.add(`${s.where} names ${m[1]}`);
  }
  for (const e of [...external].slice(0, 3)) notes.push(`${e}, outside the cluster: that egress will be blocked (add it by hand with an ipBlock rule if it is needed).`);

  const unseen: UnseenService[] = [];
  for (const svc of services.filter((s) => s.namespace === ns)) {
    const dests = workloadsBehind(svc, local);
    if (dests.length === 0 || flows.some((f) => f.service === svc) || opts.declared?.(svc)) continue;
    const own = new Set(dests.map((d) => d.name));
    const wanted = tokens(`${svc.name} ${dests.map((d) => d.name).join(' ')}`);
    const ranked = local
      .filter((w) => !own.has(w.name))
      .map((w) => {
        const { secrets } = settingsOf(w, inv.configMaps);
        const mine = new Set([...tokens(w.name), ...tokens(ns)]);
        const distinctive = wanted.filter((t) => !mine.has(t));
        const hint = secrets.find((sec) => distinctive.some((t) => sec.toLowerCase().includes(t) || sec.toLowerCase().includes(t.slice(0, 5))));
        const score = hint ? 2 : secrets.length ? 1 : 0;
        const reason = hint ? `reads ${hint}` : secrets.length ? `reads ${secrets[0]}` : 'no hint';
        return { workload: w.name, reason, score };
      })
      .sort((a, b) => b.score - a.score || a.workload.localeCompare(b.workload));
    // only workloads with a hint are offered: a guess without one would open a path nobody asked for
    const best = ranked.filter((r) => r.score > 0);
    unseen.push({ service: svc.name, workloads: dests.map((d) => d.name), candidates: best.slice(0, 3).map(({ workload, reason }) => ({ workload, reason })) });
  }
  return { flows: dedupe(flows), unseen, notes };
}

function dedupe(flows: Flow[]): Flow[] {
  const seen = new Set<string>();
  return flows.filter((f) => {
    const k = `${sourceKey(f.from)}>${f.to.namespace}/${f.to.name}:${f.ports.map((p) => `${p.protocol}/${p.port}`).join(',')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function sourceKey(s: FlowSource): string {
  return s.kind === 'workload' ? `${s.workload.namespace}/${s.workload.name}` : s.kind === 'anywhere' ? `*${s.label}` : `ns:${s.namespace ?? '*'}`;
}

export function portLabel(p: FlowPort): string {
  return p.servicePort !== undefined && p.servicePort !== p.port ? `${p.protocol} ${p.servicePort} → ${p.port}` : `${p.protocol} ${p.port}`;
}

function nameIn(w: WorkloadTemplate, ns: string): string {
  return w.namespace === ns ? w.name : `${w.namespace}/${w.name}`;
}

/** The connections a preview evaluates before and after: every flow inferred, and everything else worth showing blocked. */
export function namespaceProbes(inv: Inventory, inference: FlowInference): Probe[] {
  const ns = inv.namespace;
  const local = inv.workloads.filter((w) => w.namespace === ns);
  const out = new Map<string, Probe>();
  const add = (key: string, p: Probe) => {
    if (!out.has(key)) out.set(key, p);
  };
  const pod = (w: WorkloadTemplate): Endpoint => ({ kind: 'pod', pod: podOf(w, inv.pods) });
  const numeric = (ports: FlowPort[]) => ports.filter((p): p is FlowPort & { port: number } => typeof p.port === 'number');

  for (const f of inference.flows) {
    for (const p of numeric(f.ports)) {
      const to = pod(f.to);
      const dest = `${nameIn(f.to, ns)} (${portLabel(p)})`;
      if (f.from.kind === 'workload')
        add(`${f.from.workload.namespace}/${f.from.workload.name}>${f.to.namespace}/${f.to.name}:${p.protocol}/${p.port}`, {
          label: `${nameIn(f.from.workload, ns)} → ${dest}`, from: pod(f.from.workload), to, port: p.port, protocol: p.protocol, keptWhy: f.why, involves: [f.from.workload.name, f.to.name],
        });
      else if (f.from.kind === 'anywhere')
        add(`internet>${f.to.name}:${p.protocol}/${p.port}`, { label: `${f.from.label} → ${dest}`, from: INTERNET_IN, to, port: p.port, protocol: p.protocol, keptWhy: f.why, involves: [f.to.name] });
      else {
        const controllerNs = f.from.namespace;
        const controller = controllerNs ? inv.workloads.find((w) => w.namespace === controllerNs && ingressControllerFor(undefined, [w])) : undefined;
        const from: Endpoint = controller ? pod(controller) : OTHER_PODS;
        add(`${controller ? `${controller.namespace}/${controller.name}` : 'other'}>${f.to.name}:${p.protocol}/${p.port}`, { label: `${f.from.label} → ${dest}`, from, to, port: p.port, protocol: p.protocol, keptWhy: f.why, involves: [f.to.name] });
      }
    }
  }

  // callers from other namespaces, by name: ingress controllers (wherever they run) each on their own row, the rest together
  const controllers = inv.workloads.filter((w) => w.namespace !== ns && ingressControllerFor(undefined, [w]));
  const others = inv.workloads.filter((w) => w.namespace !== ns && !isSystemNamespace(w.namespace) && !controllers.includes(w));
  for (const svc of inv.services.filter((s) => s.namespace === ns && Object.keys(s.selector).length > 0)) {
    for (const dest of workloadsBehind(svc, local)) {
      const ports = numeric(svc.ports.map((p) => targetOf(p, dest)));
      for (const p of ports) {
        const label = `${dest.name} (${portLabel(p)})`;
        const to = pod(dest);
        for (const src of local.filter((w) => w.name !== dest.name))
          add(`${ns}/${src.name}>${ns}/${dest.name}:${p.protocol}/${p.port}`, { label: `${src.name} → ${label}`, from: pod(src), to, port: p.port, protocol: p.protocol, involves: [src.name, dest.name] });
        for (const c of controllers)
          add(`${c.namespace}/${c.name}>${dest.name}:${p.protocol}/${p.port}`, { label: `${c.namespace}/${c.name} (ingress controller) → ${label}`, from: pod(c), to, port: p.port, protocol: p.protocol, involves: [dest.name] });
        const key = (w: WorkloadTemplate) => `${w.namespace}/${w.name}>${ns}/${dest.name}:${p.protocol}/${p.port}`;
        const callers = others.filter((w) => !out.has(key(w)));
        if (callers.length === 0) {
          add(`other>${dest.name}:${p.protocol}/${p.port}`, { label: `other namespaces → ${label}`, from: OTHER_PODS, to, port: p.port, protocol: p.protocol, involves: [dest.name] });
          continue;
        }
        const names = callers.map((w) => `${w.namespace}/${w.name}`);
        const group = `other namespaces (${names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ')}) → ${label}`;
        for (const w of callers) add(key(w), { label: group, from: pod(w), to, port: p.port, protocol: p.protocol, involves: [dest.name] });
      }
    }
  }

  const dns = inv.workloads.find((w) => w.namespace === 'kube-system' && w.podLabels['k8s-app'] === 'kube-dns');
  const dnsPod: Endpoint = dns ? pod(dns) : { kind: 'pod', pod: { namespace: 'kube-system', name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }] } };
  for (const w of local) {
    add(`${w.name}>dns`, { label: `pods of ${ns} → kube-dns (UDP 53)`, group: 'dns', from: pod(w), to: dnsPod, port: 53, protocol: 'UDP', keptWhy: 'DNS', involves: [w.name] });
    add(`${w.name}>internet`, { label: `${w.name} → internet (TCP 443)`, from: pod(w), to: INTERNET_OUT, port: 443, protocol: 'TCP', involves: [w.name] });
  }
  return [...out.values()];
}
