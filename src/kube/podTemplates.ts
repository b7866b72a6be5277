import type { V1CronJob, V1DaemonSet, V1Deployment, V1Job, V1ObjectMeta, V1Pod, V1PodTemplateSpec, V1StatefulSet } from '@kubernetes/client-node';
import type { KubeApi } from './connect.js';
import { listThrough } from './cache/read.js';
import type { PodInfo } from './types.js';
import { podInfo } from './workloads.js';

/**
 * Workloads of every kind as network policy needs them (Deployments, StatefulSets, DaemonSets, Jobs, CronJobs and
 * bare Pods): pod labels, named ports, and where settings come from.
 */

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'CronJob' | 'Pod';

export interface TemplateContainer {
  name: string;
  ports: Array<{ name?: string; containerPort: number; protocol: string }>;
  /** Literal values, and references to ConfigMap or Secret keys (Secret values are never read). */
  env: Array<{ name: string; value?: string; configMapKey?: { name: string; key: string }; secretKey?: { name: string; key: string } }>;
  envFrom: Array<{ configMap?: string; secret?: string; prefix?: string }>;
}

export interface WorkloadTemplate {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /**
   * Labels that select this workload's pods and no others: spec.selector.matchLabels; for Jobs, CronJobs and bare
   * Pods (whose selectors are per-run uids, or none) the template's labels without the ones the API server stamps.
   */
  selector: Record<string, string>;
  podLabels: Record<string, string>;
  containers: TemplateContainer[];
  /** ConfigMaps and Secrets mounted as volumes (names only). */
  volumes: Array<{ configMap?: string; secret?: string }>;
  args: string[];
  /** spec.hostNetwork: the pods use the node's network, which NetworkPolicies do not select. */
  hostNetwork?: boolean;
}

/** Labels the API server and controllers stamp per run or revision: never a stable selector. */
const GENERATED_LABELS = new Set(['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name', 'pod-template-hash', 'controller-revision-hash', 'pod-template-generation', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index']);

function stableLabels(labels: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !GENERATED_LABELS.has(k)));
}

function fromTemplate(kind: WorkloadKind, meta: { namespace?: string; name?: string }, selector: Record<string, string> | undefined, t: V1PodTemplateSpec | undefined): WorkloadTemplate {
  const spec = t?.spec;
  const containers = spec?.containers ?? [];
  return {
    kind,
    namespace: meta.namespace ?? '',
    name: meta.name ?? '',
    selector: selector ?? {},
    podLabels: t?.metadata?.labels ?? {},
    containers: containers.map((c) => ({
      name: c.name,
      ports: (c.ports ?? []).map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol ?? 'TCP' })),
      env: (c.env ?? []).map((e) => ({
        name: e.name,
        value: e.value,
        configMapKey: e.valueFrom?.configMapKeyRef ? { name: e.valueFrom.configMapKeyRef.name ?? '', key: e.valueFrom.configMapKeyRef.key } : undefined,
        secretKey: e.valueFrom?.secretKeyRef ? { name: e.valueFrom.secretKeyRef.name ?? '', key: e.valueFrom.secretKeyRef.key } : undefined,
      })),
      envFrom: (c.envFrom ?? []).map((f) => ({ configMap: f.configMapRef?.name, secret: f.secretRef?.name, prefix: f.prefix })),
    })),
    volumes: (spec?.volumes ?? []).map((v) => ({ configMap: v.configMap?.name, secret: v.secret?.secretName })).filter((v) => v.configMap || v.secret),
    args: containers.flatMap((c) => [...(c.command ?? []), ...(c.args ?? [])]),
    ...(spec?.hostNetwork ? { hostNetwork: true } : {}),
  };
}

/** A controller owns it (ReplicaSet, StatefulSet, DaemonSet, Job…): its workload stands for it. */
function owned(meta: V1ObjectMeta | undefined): boolean {
  return (meta?.ownerReferences ?? []).some((r) => r.controller);
}

export interface WorkloadsAndPods {
  workloads: WorkloadTemplate[];
  /** The pods that run (for their IPs), from the same read. */
  pods: PodInfo[];
}

/** Workloads of every kind, and the pods, of one namespace or of all namespaces. */
export async function listWorkloadsAndPods(api: KubeApi, namespace?: string): Promise<WorkloadsAndPods> {
  const [deployments, statefulSets, daemonSets, jobs, cronJobs, pods] = await Promise.all([
    listThrough<V1Deployment>(api, 'deployments', namespace, () => (namespace ? api.apps.listNamespacedDeployment({ namespace }) : api.apps.listDeploymentForAllNamespaces())),
    listThrough<V1StatefulSet>(api, 'statefulsets', namespace, () => (namespace ? api.apps.listNamespacedStatefulSet({ namespace }) : api.apps.listStatefulSetForAllNamespaces())),
    listThrough<V1DaemonSet>(api, 'daemonsets', namespace, () => (namespace ? api.apps.listNamespacedDaemonSet({ namespace }) : api.apps.listDaemonSetForAllNamespaces())),
    listThrough<V1Job>(api, 'jobs', namespace, () => (namespace ? api.batch.listNamespacedJob({ namespace }) : api.batch.listJobForAllNamespaces())),
    listThrough<V1CronJob>(api, 'cronjobs', namespace, () => (namespace ? api.batch.listNamespacedCronJob({ namespace }) : api.batch.listCronJobForAllNamespaces())),
    listThrough<V1Pod>(api, 'pods', namespace, () => (namespace ? api.core.listNamespacedPod({ namespace }) : api.core.listPodForAllNamespaces())),
  ]);
  const workloads = [
    ...deployments.map((d) => fromTemplate('Deployment', d.metadata ?? {}, d.spec?.selector?.matchLabels, d.spec?.template)),
    ...statefulSets.map((s) => fromTemplate('StatefulSet', s.metadata ?? {}, s.spec?.selector?.matchLabels, s.spec?.template)),
    ...daemonSets.map((d) => fromTemplate('DaemonSet', d.metadata ?? {}, d.spec?.selector?.matchLabels, d.spec?.template)),
    // a CronJob's runs are its Jobs: the CronJob stands for them
    ...jobs.filter((j) => !owned(j.metadata)).map((j) => fromTemplate('Job', j.metadata ?? {}, stableLabels(j.spec?.template?.metadata?.labels), j.spec?.template)),
    ...cronJobs.map((c) => fromTemplate('CronJob', c.metadata ?? {}, stableLabels(c.spec?.jobTemplate?.spec?.template?.metadata?.labels), c.spec?.jobTemplate?.spec?.template)),
    ...pods.filter((p) => !owned(p.metadata)).map((p: V1Pod) => fromTemplate('Pod', p.metadata ?? {}, stableLabels(p.metadata?.labels), { metadata: p.metadata, spec: p.spec })),
  ];
  return { workloads, pods: pods.map(podInfo) };
}

/** Workloads of every kind, of one namespace or of all namespaces. */
export async function listWorkloadTemplates(api: KubeApi, namespace?: string): Promise<WorkloadTemplate[]> {
  return (await listWorkloadsAndPods(api, namespace)).workloads;
}
