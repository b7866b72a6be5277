import type { KubeApi } from './connect.js';
import { listThrough } from './cache/read.js';
import type { V1Namespace } from '@kubernetes/client-node';
import type { NamespaceInfo } from './types.js';

export async function listNamespaces(api: KubeApi): Promise<NamespaceInfo[]> {
  const items = await listThrough<V1Namespace>(api, 'namespaces', undefined, () => api.core.listNamespace());
  return items.map((n) => ({ name: n.metadata?.name ?? '', labels: n.metadata?.labels ?? {}, phase: n.status?.phase ?? 'Active' }));
}

export async function getNamespace(api: KubeApi, name: string): Promise<NamespaceInfo> {
  const n = await api.call(() => api.core.readNamespace({ name }));
  return { name: n.metadata?.name ?? name, labels: n.metadata?.labels ?? {}, phase: n.status?.phase ?? 'Active' };
}
