import { NeedChoice } from '../../clusters/resolve.js';
import { levenshtein } from '../../text/distance.js';
import { UserError } from '../../errors.js';
import type { WorkloadTemplate } from '../../kube/podTemplates.js';
import type { ServiceInfo } from '../../kube/types.js';
import { containerPorts, type FlowPort, type Inventory, portLabel, servicesOf, targetOf, workloadsBehind } from './flows.js';

/** Pure: the names people type (a Deployment, a StatefulSet or a Service) → the pods and ports they mean. */

export const INTERNET_NAMES = new Set(['internet', 'outside', 'anywhere']);

export interface Target {
  name: string;
  workloads: WorkloadTemplate[];
  services: ServiceInfo[];
}

/** The closest names only (typos), never a list of everything within reach. */
function near(name: string, candidates: string[]): string[] {
  const scored = [...new Set(candidates)].map((c) => ({ c, d: levenshtein(c, name) })).filter((x) => x.d <= 3);
  const best = Math.min(...scored.map((x) => x.d));
  return scored.filter((x) => x.d === best).map((x) => x.c).slice(0, 3);
}

export function resolveTarget(inv: Inventory, name: string): Target {
  const ns = inv.namespace;
  const local = inv.workloads.filter((w) => w.namespace === ns);
  const services = inv.services.filter((s) => s.namespace === ns);
  const workload = local.find((w) => w.name === name);
  if (workload) return { name, workloads: [workload], services: servicesOf(workload, services) };
  const svc = services.find((s) => s.name === name);
  if (svc) {
    const behind = workloadsBehind(svc, local);
    if (behind.length === 0) throw new UserError(`Service ${name} in ${ns} selects no Deployment or StatefulSet I can see.`, `Name the workload instead (\`kubectl get deploy,sts -n ${ns}\`).`);
    return { name, workloads: behind, services: [svc] };
  }
  const guesses = near(name, [...local.map((w) => w.name), ...services.map((s) => s.name)]);
  throw new UserError(
    `There is no Deployment, StatefulSet or Service named "${name}" in ${ns} on ${inv.cluster}.${guesses.length ? ` Did you mean ${guesses.join(' or ')}?` : ''}`,
    `\`network policies ${ns} on ${inv.cluster}\` shows what runs there.`,
  );
}

/** "on 80" is a Service port (→ its target port) or else a container port; no port means every Service port. */
export function targetPorts(t: Target, port?: number): FlowPort[] {
  const dest = t.workloads[0];
  const fromServices = t.services.flatMap((s) => s.ports.map((p) => targetOf(p, dest)));
  const listening = containerPorts(dest);
  if (port === undefined) {
    const all = fromServices.length ? fromServices : listening.map((p) => ({ protocol: p.protocol.toUpperCase() as FlowPort['protocol'], port: p.containerPort }));
    if (all.length === 0) throw new UserError(`${t.name} exposes no port I can see.`, `Say which one, e.g. \`on 8080\`.`);
    return uniq(all);
  }
  const viaService = fromServices.filter((p) => p.servicePort === port);
  if (viaService.length) return uniq(viaService);
  const direct = listening.filter((p) => p.containerPort === port);
  if (direct.length) return uniq(direct.map((p) => ({ protocol: p.protocol.toUpperCase() as FlowPort['protocol'], port: p.containerPort })));
  const known = [...fromServices.map((p) => `${portLabel(p)} (Service)`), ...listening.map((p) => `${p.protocol} ${p.containerPort} (container)`)];
  throw new UserError(`${t.name} does not listen on port ${port}.`, known.length ? `Its ports: ${[...new Set(known)].join(', ')}.` : 'It exposes no port I can see.');
}

function uniq(ports: FlowPort[]): FlowPort[] {
  const seen = new Set<string>();
  return ports.filter((p) => {
    const k = `${p.protocol}/${p.port}/${p.servicePort ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Without `in <namespace>`: the one namespace where all the names exist, or a question, or a clear "not found". */
export function findNamespace(
  cluster: string,
  workloads: WorkloadTemplate[],
  services: ServiceInfo[],
  names: string[],
  commandIn: (namespace: string) => string,
): string {
  const wanted = names.filter((n) => !INTERNET_NAMES.has(n.toLowerCase()));
  const where = (n: string) => new Set([...workloads.filter((w) => w.name === n).map((w) => w.namespace), ...services.filter((s) => s.name === n).map((s) => s.namespace)]);
  let candidates: Set<string> | undefined;
  for (const n of wanted) {
    const found = where(n);
    if (found.size === 0) {
      const guesses = near(n, [...workloads.map((w) => w.name), ...services.map((s) => s.name)]);
      throw new UserError(
        `I can't find a Deployment, StatefulSet or Service named "${n}" on ${cluster}.${guesses.length ? ` Did you mean ${guesses.join(' or ')}?` : ''}`,
        `Check the name, or add \`in <namespace>\`; \`network policies on ${cluster}\` lists the namespaces.`,
      );
    }
    candidates = candidates ? new Set([...candidates].filter((x) => found.has(x))) : found;
  }
  const list = [...(candidates ?? [])].sort();
  if (list.length === 1) return list[0];
  if (list.length === 0) throw new UserError(`${wanted.join(' and ')} are not in the same namespace on ${cluster}.`, 'Palisade handles flows within one namespace: name two workloads of the same namespace.');
  throw new NeedChoice(`${wanted.join(' and ')} exist in several namespaces on ${cluster}.`, 'Which namespace?', list.slice(0, 6).map((ns) => ({ title: ns, command: commandIn(ns) })));
}
