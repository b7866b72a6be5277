import type { V1Deployment, V1PodTemplateSpec, V1StatefulSet } from '@kubernetes/client-node';
import type { KubeApi } from './connect.js';
import { listThrough } from './cache/read.js';

/** Deployments and StatefulSets as network policy needs them: pod labels, named ports, and where settings come from. */

export interface TemplateContainer {
  name: string;
  ports: Array<{ name?: string; containerPort: number; protocol: string }>;
  /** Literal values, and references to ConfigMap or Secret keys (Secret values are never read). */
  env: Array<{ name: string; value?: string; configMapKey?: { name: string; key: string }; secretKey?: { name: string; key: string } }>;
  envFrom: Array<{ configMap?: string; secret?: string; prefix?: string }>;
}

export interface WorkloadTemplate {
  kind: 'Deployment' | 'StatefulSet';
  namespace: string;
  name: string;
  /** spec.selector.matchLabels */
  selector: Record<string, string>;
  podLabels: Record<string, string>;
  containers: TemplateContainer[];
  /** ConfigMaps and Secrets mounted as volumes (names only). */
  volumes: Array<{ configMap?: string; secret?: string }>;
  args: string[];
}

function fromTemplate(kind: WorkloadTemplate['kind'], meta: { namespace?: string; name?: string }, selector: Record<string, string> | undefined, t: V1PodTemplateSpec | undefined): WorkloadTemplate {
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
  };
}

/** Deployments and StatefulSets of one namespace, or of all namespaces. */
export async function listWorkloadTemplates(api: KubeApi, namespace?: string): Promise<WorkloadTemplate[]> {
  const [deployments, statefulSets] = await Promise.all([
    listThrough<V1Deployment>(api, 'deployments', namespace, () => (namespace ? api.apps.listNamespacedDeployment({ namespace }) : api.apps.listDeploymentForAllNamespaces())),
    listThrough<V1StatefulSet>(api, 'statefulsets', namespace, () => (namespace ? api.apps.listNamespacedStatefulSet({ namespace }) : api.apps.listStatefulSetForAllNamespaces())),
  ]);
  return [
    ...deployments.map((d) => fromTemplate('Deployment', d.metadata ?? {}, d.spec?.selector?.matchLabels, d.spec?.template)),
    ...statefulSets.map((s) => fromTemplate('StatefulSet', s.metadata ?? {}, s.spec?.selector?.matchLabels, s.spec?.template)),
  ];
}
