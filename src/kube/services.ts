import type { V1Service } from '@kubernetes/client-node';
import { clientNode, type KubeApi } from './connect.js';
import { listThrough, wroteThrough } from './cache/read.js';
import { KubeUnreachable } from './errors.js';
import type { ServiceInfo } from './types.js';

const INTERNAL = 'service.beta.kubernetes.io/azure-load-balancer-internal';

export function toServiceInfo(s: V1Service): ServiceInfo {
  const annotations = s.metadata?.annotations ?? {};
  return {
    namespace: s.metadata?.namespace ?? '',
    name: s.metadata?.name ?? '',
    uid: s.metadata?.uid ?? '',
    resourceVersion: s.metadata?.resourceVersion ?? '',
    type: s.spec?.type ?? 'ClusterIP',
    clusterIP: s.spec?.clusterIP,
    ports: (s.spec?.ports ?? []).map((p) => ({ name: p.name, protocol: p.protocol ?? 'TCP', port: p.port, targetPort: p.targetPort as number | string | undefined, nodePort: p.nodePort })),
    selector: s.spec?.selector ?? {},
    annotations,
    labels: s.metadata?.labels ?? {},
    loadBalancerSourceRanges: s.spec?.loadBalancerSourceRanges ?? [],
    ingressIps: (s.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? i.hostname ?? '').filter(Boolean),
    internal: String(annotations[INTERNAL] ?? '').toLowerCase() === 'true',
  };
}

export async function listServices(api: KubeApi, namespace?: string): Promise<ServiceInfo[]> {
  const items = await listThrough<V1Service>(api, 'services', namespace, () => (namespace ? api.core.listNamespacedService({ namespace }) : api.core.listServiceForAllNamespaces()));
  return items.map(toServiceInfo);
}

/** Every Service of type LoadBalancer across namespaces. */
export async function listLoadBalancerServices(api: KubeApi): Promise<ServiceInfo[]> {
  return (await listServices(api)).filter((s) => s.type === 'LoadBalancer');
}

export async function getService(api: KubeApi, namespace: string, name: string): Promise<ServiceInfo> {
  return toServiceInfo(await api.call(() => api.core.readNamespacedService({ namespace, name })));
}

export interface ServiceChange {
  /** Annotations to set; a null value removes the annotation. */
  annotations?: Record<string, string | null>;
  type?: string;
  /** Replace loadBalancerSourceRanges; null or [] removes them. */
  loadBalancerSourceRanges?: string[] | null;
}

/**
 * Merge patch guarded by the resourceVersion the plan saw: the API server answers 409 (KubeConflict) if the
 * Service changed since. `dryRun` validates server-side without storing.
 */
export async function patchService(api: KubeApi, namespace: string, name: string, change: ServiceChange, expectedResourceVersion: string, opts: { dryRun?: boolean } = {}): Promise<ServiceInfo> {
  const spec: Record<string, unknown> = {};
  if (change.type !== undefined) spec.type = change.type;
  if (change.loadBalancerSourceRanges !== undefined) spec.loadBalancerSourceRanges = change.loadBalancerSourceRanges?.length ? change.loadBalancerSourceRanges : null;
  const body = {
    metadata: { resourceVersion: expectedResourceVersion, ...(change.annotations ? { annotations: change.annotations } : {}) },
    ...(Object.keys(spec).length ? { spec } : {}),
  };
  const out = await api.call(() =>
    api.core.patchNamespacedService({ namespace, name, body, fieldManager: 'palisade', dryRun: opts.dryRun ? 'All' : undefined }, clientNode().setHeaderOptions('Content-Type', clientNode().PatchStrategy.MergePatch)),
  );
  if (!opts.dryRun) wroteThrough(api, 'services', out);
  return toServiceInfo(out);
}

/** JSON patch whose first op tests the resourceVersion: the same precondition, for callers that build ops. */
export async function jsonPatchService(api: KubeApi, namespace: string, name: string, ops: Array<Record<string, unknown>>, expectedResourceVersion: string): Promise<ServiceInfo> {
  const body = [{ op: 'test', path: '/metadata/resourceVersion', value: expectedResourceVersion }, ...ops];
  const out = await api.call(() => api.core.patchNamespacedService({ namespace, name, body, fieldManager: 'palisade' }, clientNode().setHeaderOptions('Content-Type', clientNode().PatchStrategy.JsonPatch)));
  wroteThrough(api, 'services', out);
  return toServiceInfo(out);
}

/** Polls until the Service has an ingress IP (optionally one satisfying `accept`), or throws KubeUnreachable on timeout. */
export async function waitForIngressIp(api: KubeApi, namespace: string, name: string, opts: { timeoutMs?: number; pollMs?: number; accept?: (ip: string) => boolean } = {}): Promise<ServiceInfo> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  const accept = opts.accept ?? (() => true);
  for (;;) {
    const svc = await getService(api, namespace, name);
    if (svc.ingressIps.some(accept)) return svc;
    if (Date.now() > deadline) throw new KubeUnreachable(`Service ${namespace}/${name} got no load-balancer IP within ${opts.timeoutMs ?? 120_000} ms`);
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 1000));
  }
}
