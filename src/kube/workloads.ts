import type { V1Container, V1Deployment, V1Pod } from '@kubernetes/client-node';
import type { KubeApi } from './connect.js';
import { listThrough } from './cache/read.js';
import type { ConfigMapInfo, ContainerInfo, DeploymentInfo, PodInfo } from './types.js';

function container(c: V1Container): ContainerInfo {
  return {
    name: c.name,
    image: c.image ?? '',
    ports: (c.ports ?? []).map((p) => p.containerPort),
    env: (c.env ?? []).map((e) => ({
      name: e.name,
      value: e.value,
      from: e.valueFrom?.secretKeyRef ? `secret:${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}` : e.valueFrom?.configMapKeyRef ? `configmap:${e.valueFrom.configMapKeyRef.name}/${e.valueFrom.configMapKeyRef.key}` : undefined,
    })),
  };
}

function deploymentInfo(d: V1Deployment): DeploymentInfo {
  return {
    namespace: d.metadata?.namespace ?? '',
    name: d.metadata?.name ?? '',
    uid: d.metadata?.uid ?? '',
    resourceVersion: d.metadata?.resourceVersion ?? '',
    replicas: d.spec?.replicas ?? 1,
    readyReplicas: d.status?.readyReplicas ?? 0,
    selector: d.spec?.selector?.matchLabels ?? {},
    podLabels: d.spec?.template?.metadata?.labels ?? {},
    containers: (d.spec?.template?.spec?.containers ?? []).map(container),
  };
}

/** `repo@sha256:…` or `docker-pullable://repo@sha256:…` → `sha256:…`. */
export function digestOf(imageID: string | undefined): string | undefined {
  const m = /@(sha256:[0-9a-f]{64})/.exec(imageID ?? '');
  return m?.[1];
}

export function podInfo(p: V1Pod): PodInfo {
  const statuses = p.status?.containerStatuses ?? [];
  return {
    namespace: p.metadata?.namespace ?? '',
    name: p.metadata?.name ?? '',
    phase: p.status?.phase ?? 'Unknown',
    labels: p.metadata?.labels ?? {},
    nodeName: p.spec?.nodeName,
    podIP: p.status?.podIP,
    containers: (p.spec?.containers ?? []).map((c) => {
      const s = statuses.find((x) => x.name === c.name);
      return { name: c.name, image: c.image ?? '', imageID: s?.imageID, digest: digestOf(s?.imageID), ready: s?.ready ?? false };
    }),
  };
}

export async function listDeployments(api: KubeApi, namespace?: string): Promise<DeploymentInfo[]> {
  const items = await listThrough<V1Deployment>(api, 'deployments', namespace, () => (namespace ? api.apps.listNamespacedDeployment({ namespace }) : api.apps.listDeploymentForAllNamespaces()));
  return items.map(deploymentInfo);
}

export async function getDeployment(api: KubeApi, namespace: string, name: string): Promise<DeploymentInfo> {
  return deploymentInfo(await api.call(() => api.apps.readNamespacedDeployment({ namespace, name })));
}

export async function listPods(api: KubeApi, namespace?: string, labelSelector?: string): Promise<PodInfo[]> {
  const items = await listThrough<V1Pod>(api, 'pods', namespace, () => (namespace ? api.core.listNamespacedPod({ namespace, labelSelector }) : api.core.listPodForAllNamespaces({ labelSelector })), labelSelector);
  return items.map(podInfo);
}

export async function listConfigMaps(api: KubeApi, namespace: string): Promise<ConfigMapInfo[]> {
  const list = await api.call(() => api.core.listNamespacedConfigMap({ namespace }));
  return list.items.map((c) => ({ namespace: c.metadata?.namespace ?? namespace, name: c.metadata?.name ?? '', data: c.data ?? {} }));
}
