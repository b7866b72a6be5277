import { NeedChoice } from '../../clusters/resolve.js';
import { levenshtein } from '../../text/distance.js';
import { UserError } from '../../errors.js';
import type { WorkloadKind, WorkloadTemplate } from '../../kube/podTemplates.js';
import type { ServiceInfo } from '../../kube/types.js';
import type { Protocol } from './evaluator.js';
import { type ClusterView, containerPorts, type FlowPort, portLabel, servicesOf, targetOf, workloadsBehind } from './flows.js';

/** Pure: the names people type (a workload of any kind, or a Service; bare, `ns/name` or `kind/name`) → the pods and ports they mean. */

export const INTERNET_NAMES = new Set(['internet', 'outside', 'anywhere']);

export type RefKind = WorkloadKind | 'Service';

/** A named endpoint as typed: the namespace and kind when given. */
export interface EndpointRef {
  namespace?: string;
  kind?: RefKind;
  name: string;
}

export interface Target {
  namespace: string;
  name: string;
  /** What the name named: a workload's kind, or Service. */
  kind: RefKind;
  workloads: WorkloadTemplate[];
  services: ServiceInfo[];
}

const KIND_WORDS: Record<string, RefKind> = {
  deployment: 'Deployment', deploy: 'Deployment', deployments: 'Deployment',
  statefulset: 'StatefulSet', sts: 'StatefulSet', statefulsets: 'StatefulSet',
  daemonset: 'DaemonSet', ds: 'DaemonSet', daemonsets: 'DaemonSet',
  job: 'Job', jobs: 'Job',
  cronjob: 'CronJob', cj: 'CronJob', cronjobs: 'CronJob',
  pod: 'Pod', po: 'Pod', pods: 'Pod',
  service: 'Service', svc: 'Service', services: 'Service',
};

export function kindOfWord(word: string): RefKind | undefined {
  return Object.prototype.hasOwnProperty.call(KIND_WORDS, word.toLowerCase()) ? KIND_WORDS[word.toLowerCase()] : undefined;
}

/** `name`, `ns/name`, `kind/name`, `ns/kind/name` (a first part that is a kind word is the kind). */
export function parseRef(text: string): EndpointRef {
  const parts = text.split('/');
  if (parts.length === 3) return { namespace: parts[0], kind: kindOfWord(parts[1]), name: parts[2] };
  if (parts.length === 2) {
    const kind = kindOfWord(parts[0]);
    return kind ? { kind, name: parts[1] } : { namespace: parts[0], name: parts[1] };
  }
  return { name: text };
}

export function refText(r: EndpointRef): string {
  return [r.namespace, r.kind?.toLowerCase(), r.name].filter(Boolean).join('/');
}

/** The closest names only (typos), never a list of everything within reach. */
function near(name: string, candidates: string[]): string[] {
  const scored = [...new Set(candidates)].map((c) => ({ c, d: levenshtein(c, name) })).filter((x) => x.d <= 3);
  const best = Math.min(...scored.map((x) => x.d));
  return scored.filter((x) => x.d === best).map((x) => x.c).slice(0, 3);
}

const KIND_ORDER: WorkloadKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Pod'];

function article(kind: RefKind | undefined): string {
  return kind ? `a ${kind}` : 'a workload or Service';
}

/** One namespace's workload (preferred) or Service of that name, or undefined. */
function findIn(view: ClusterView, namespace: string, ref: EndpointRef): Target | undefined {
  const local = view.workloads.filter((w) => w.namespace === namespace);
  const services = view.services.filter((s) => s.namespace === namespace);
  if (ref.kind !== 'Service') {
    const matches = local.filter((w) => w.name === ref.name && (!ref.kind || w.kind === ref.kind)).sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    if (matches.length) return { namespace, name: ref.name, kind: matches[0].kind, workloads: [matches[0]], services: servicesOf(matches[0], services) };
  }
  if (ref.kind && ref.kind !== 'Service') return undefined;
  const svc = services.find((s) => s.name === ref.name);
  if (!svc) return undefined;
  const behind = workloadsBehind(svc, local);
  if (behind.length === 0) throw new UserError(`Service ${ref.name} in ${namespace} selects no workload I can see.`, `Name the workload instead (\`kubectl get deploy,sts,ds,job,pod -n ${namespace}\`).`);
  return { namespace, name: ref.name, kind: 'Service', workloads: behind, services: [svc] };
}

/** In a given namespace: the workload or Service, or a clear "not found" with the nearest names. */
export function resolveIn(view: ClusterView, namespace: string, ref: EndpointRef): Target {
  if (!view.namespaces.some((n) => n.name === namespace))
    throw new UserError(`There is no namespace "${namespace}" on ${view.cluster}.`, `\`network policies on ${view.cluster}\` lists its namespaces.`);
  const found = findIn(view, namespace, ref);
  if (found) return found;
  const guesses = near(ref.name, [...view.workloads.filter((w) => w.namespace === namespace).map((w) => w.name), ...view.services.filter((s) => s.namespace === namespace).map((s) => s.name)]);
  throw new UserError(
    `There is no ${article(ref.kind).replace(/^an? /, '')} named "${ref.name}" in ${namespace} on ${view.cluster}.${guesses.length ? ` Did you mean ${guesses.join(' or ')}?` : ''}`,
    `\`network policies ${namespace} on ${view.cluster}\` shows what runs there.`,
  );
}

/**
 * Without a namespace: the one namespace where the name exists, or a choice (each option the command again with
 * `ns/name`), or "not found" with the nearest names anywhere.
 */
export function locate(view: ClusterView, ref: EndpointRef, commandFor: (namespace: string) => string): Target {
  if (ref.namespace) return resolveIn(view, ref.namespace, ref);
  const namespaces = [...new Set([...view.workloads.map((w) => w.namespace), ...view.services.map((s) => s.namespace)])].sort();
  const found = namespaces.flatMap((ns) => {
    const t = findIn(view, ns, ref);
    return t ? [t] : [];
  });
  if (found.length === 1) return found[0];
  if (found.length > 1)
    throw new NeedChoice(`${ref.name} exists in several namespaces on ${view.cluster}.`, `Which ${ref.name}?`, found.slice(0, 6).map((t) => ({ title: `${t.namespace}/${t.name}`, command: commandFor(t.namespace) })));
  const guesses = near(ref.name, [...view.workloads.map((w) => w.name), ...view.services.map((s) => s.name)]);
  throw new UserError(
    `I can't find ${article(ref.kind)} named "${ref.name}" on ${view.cluster}.${guesses.length ? ` Did you mean ${guesses.join(' or ')}?` : ''}`,
    `Check the name, or write it as \`namespace/name\`; \`network policies on ${view.cluster}\` lists the namespaces.`,
  );
}

/** A target's name as the answer shows it: `ns/name` when the other end is elsewhere. */
export function targetLabel(t: Target, home?: string): string {
  return t.namespace === home ? t.name : `${t.namespace}/${t.name}`;
}

export interface PortsToAsk {
  /** The ports the destination receives on; a name when a Service's named targetPort matches no container port. */
  ports: FlowPort[];
  /** No port was given and none is declared: every port is a question. */
  anyPort: boolean;
  notes: string[];
}

function declared(t: Target): Array<{ protocol: Protocol; port: number }> {
  return uniq(t.workloads.flatMap((w) => containerPorts(w).map((p) => ({ protocol: p.protocol.toUpperCase() as Protocol, port: p.containerPort }))));
}

/**
 * "on 80" is a Service port (→ its target port, named ports resolved through each workload's container ports) or
 * else a container port, or else the number as asked (said so); no port means every Service port, else every
 * declared port, else any port.
 */
export function targetPorts(t: Target, port?: number, protocol?: Protocol): PortsToAsk {
  const fromServices = uniq(t.services.flatMap((s) => s.ports.flatMap((p) => t.workloads.map((w) => targetOf(p, w)))));
  const listening = declared(t);
  const wanted = (p: { protocol: Protocol }) => !protocol || p.protocol === protocol;
  if (port === undefined) {
    const all = fromServices.filter(wanted).length ? fromServices.filter(wanted) : listening.filter(wanted);
    return all.length ? { ports: all, anyPort: false, notes: [] } : { ports: [], anyPort: true, notes: [`${t.name} declares no ${protocol ? `${protocol} ` : ''}port and no Service points at one: answering for every port.`] };
  }
  const viaService = fromServices.filter((p) => p.servicePort === port && wanted(p));
  if (viaService.length) return { ports: viaService, anyPort: false, notes: [] };
  const direct = listening.filter((p) => p.port === port && wanted(p));
  if (direct.length) return { ports: direct, anyPort: false, notes: [] };
  const known = [...fromServices.map((p) => `${portLabel(p)} (Service)`), ...listening.map((p) => `${p.protocol} ${p.port} (container)`)];
  const asked: FlowPort = { protocol: protocol ?? 'TCP', port };
  return {
    ports: [asked],
    anyPort: false,
    notes: [`${t.name} does not declare ${portLabel(asked)}${known.length ? ` (its ports: ${[...new Set(known)].join(', ')})` : ''}: answering for ${portLabel(asked)} as asked.`],
  };
}

function uniq<P extends { protocol: Protocol; port: number | string; servicePort?: number }>(ports: P[]): P[] {
  const seen = new Set<string>();
  return ports.filter((p) => {
    const k = `${p.protocol}/${p.port}/${p.servicePort ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
