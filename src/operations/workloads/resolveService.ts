import { NeedChoice } from '../../clusters/resolve.js';
import { levenshtein } from '../../text/distance.js';
import { UserError } from '../../errors.js';
import type { KubeApi } from '../../kube/connect.js';
import { KubeNotFound } from '../../kube/errors.js';
import { readKube, unknownNamespace as unknownNamespaceIn } from '../kubeReads.js';
import { listNamespaces } from '../../kube/namespaces.js';
import { getService, listServices } from '../../kube/services.js';
import type { IngressInfo, ServiceInfo } from '../../kube/types.js';

/** Which Service a workload command means, and why a Service that is not a LoadBalancer cannot be changed this way. */

export const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';
export const INTERNAL_SUBNET = 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet';
/** The pre-spec way to set source ranges; cloud-provider-azure still reads it when the spec field is empty. */
export const LEGACY_SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** Kubernetes reads for workload commands; unreachable or forbidden become a UserError that says what to do. */
export function kubeRead<T>(cluster: string, fn: () => Promise<T>): Promise<T> {
  return readKube(cluster, 'read and patch access to Services and read access to Ingresses and namespaces', fn);
}

export function unknownNamespace(ns: string, cluster: string, known: string[]): UserError {
  return unknownNamespaceIn(ns, cluster, known, `Namespaces there: ${known.join(', ') || 'none'}.`);
}

function lbList(services: ServiceInfo[]): string {
  const lbs = services.filter((s) => s.type === 'LoadBalancer').map((s) => `${s.namespace}/${s.name}`);
  return lbs.length ? `LoadBalancer Services there: ${lbs.join(', ')}.` : 'There are no LoadBalancer Services there.';
}

/**
 * The Service named `name`, in `namespace` when given, else the only one of that name in any namespace.
 * Ambiguous → NeedChoice with one option per namespace (`commandIn(ns)` re-runs the command there).
 */
export async function findService(api: KubeApi, cluster: string, name: string, namespace: string | undefined, commandIn: (ns: string) => string): Promise<ServiceInfo> {
  const wanted = name.toLowerCase();
  return kubeRead(cluster, async () => {
    if (namespace) {
      const ns = namespace.toLowerCase();
      try {
        return await getService(api, ns, wanted);
      } catch (e) {
        if (!(e instanceof KubeNotFound)) throw e;
      }
      const namespaces = (await listNamespaces(api)).map((n) => n.name);
      if (!namespaces.includes(ns)) throw unknownNamespace(ns, cluster, namespaces);
      const elsewhere = (await listServices(api)).filter((s) => s.name === wanted);
      if (elsewhere.length)
        throw new UserError(
          `There is no Service ${wanted} in namespace ${ns} on ${cluster}; there is one in ${elsewhere.map((s) => s.namespace).join(', ')}.`,
          `Say \`${commandIn(elsewhere[0].namespace)}\`.`,
        );
      throw unknownService(wanted, cluster, (await listServices(api, ns)).filter((s) => s.type === 'LoadBalancer'), ns);
    }
    const all = await listServices(api);
    const hits = all.filter((s) => s.name === wanted);
    if (hits.length === 1) return hits[0];
    if (hits.length > 1)
      throw new NeedChoice(
        `Several namespaces on ${cluster} have a Service named ${wanted}.`,
        'Which one do you mean?',
        hits.map((s) => ({ title: `${s.namespace}/${s.name} (${s.type})`, command: commandIn(s.namespace) })),
      );
    throw unknownService(wanted, cluster, all);
  });
}

function unknownService(name: string, cluster: string, services: ServiceInfo[], namespace?: string): UserError {
  const near = [...new Set(services.filter((s) => levenshtein(s.name, name) <= 2).map((s) => s.name))];
  const where = namespace ? `in namespace ${namespace} on ${cluster}` : `in any namespace of ${cluster}`;
  return new UserError(
    `I can't find a Service named "${name}" ${where}.${near.length ? ` Did you mean ${near.join(' or ')}?` : ''}`,
    `${lbList(services)} \`exposure on ${cluster}\` shows them all.`,
  );
}

/** Ingresses that route to this Service, and the LoadBalancer Service (the ingress controller) that carries them. */
export function ingressPaths(svc: ServiceInfo, ingresses: IngressInfo[], services: ServiceInfo[]): Array<{ ingress: IngressInfo; controller?: ServiceInfo }> {
  return ingresses
    .filter((i) => i.namespace === svc.namespace && i.backends.some((b) => b.service === svc.name))
    .map((ingress) => ({ ingress, controller: services.find((s) => s.type === 'LoadBalancer' && s.ingressIps.some((ip) => ingress.addresses.includes(ip))) }));
}

/** Anything but a LoadBalancer Service has no Azure frontend to move or restrict: say what it is and what to do instead. */
export function requireLoadBalancer(svc: ServiceInfo, cluster: string, action: string, ingresses: IngressInfo[], services: ServiceInfo[]): void {
  if (svc.type === 'LoadBalancer') return;
  const id = `${svc.name} (${svc.namespace})`;
  const paths = ingressPaths(svc, ingresses, services);
  const viaIngress = paths.length
    ? ` Outside traffic reaches it through ${paths.map((p) => `Ingress ${p.ingress.name} (${p.ingress.hosts.join(', ')})${p.controller ? ` on the ingress controller ${p.controller.name} in ${p.controller.namespace}` : ''}`).join('; ')}.`
    : '';
  const controller = paths.find((p) => p.controller)?.controller;
  const next = controller
    ? `To limit who reaches it from outside, change the ingress controller's Service: \`restrict ${controller.name} to <cidr> in ${controller.namespace}\` or \`make ${controller.name} internal in ${controller.namespace}\`.`
    : '`exposure` lists the Services that are reachable from outside the cluster.';
  switch (svc.type) {
    case 'ClusterIP':
      throw new UserError(
        `${id} is a ClusterIP Service: it has only a cluster-internal address${svc.clusterIP && svc.clusterIP !== 'None' ? ` (${svc.clusterIP})` : ''} and no Azure load balancer, so there is nothing to ${action}.${viaIngress}`,
        next,
      );
    case 'NodePort':
      throw new UserError(
        `${id} is a NodePort Service: it opens port ${svc.ports.map((p) => p.nodePort).filter(Boolean).join(', ') || '(unassigned)'} on every node, not an Azure load-balancer frontend, so there is nothing to ${action}. AKS nodes have no public IPs by default, so it is reachable from the VNet.${viaIngress}`,
        'To publish it on Azure, change its type to LoadBalancer in its manifest (then use `make … internal` or `restrict`); to keep it inside the cluster, change it to ClusterIP.',
      );
    default:
      throw new UserError(`${id} is a Service of type ${svc.type}: it has no Azure load balancer, so there is nothing to ${action}.${viaIngress}`, next);
  }
}
