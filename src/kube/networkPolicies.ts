import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { clientNode, type KubeApi } from './connect.js';
import { deletedThrough, listThrough, wroteThrough } from './cache/read.js';
import type { NetworkPolicyInfo } from './types.js';

export const FIELD_MANAGER = 'palisade';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

function toInfo(p: V1NetworkPolicy): NetworkPolicyInfo {
  // the client names the wire field `from` `_from` (a reserved word in its models): give it back its wire name
  const plain = JSON.parse(JSON.stringify(p), (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && '_from' in v) {
      const { _from, ...rest } = v as Record<string, unknown>;
      return { from: _from, ...rest };
    }
    return v;
  }) as { spec?: Record<string, unknown> };
  return {
    namespace: p.metadata?.namespace ?? '',
    name: p.metadata?.name ?? '',
    uid: p.metadata?.uid ?? '',
    resourceVersion: p.metadata?.resourceVersion ?? '',
    labels: p.metadata?.labels ?? {},
    podSelector: (plain.spec?.podSelector as Record<string, unknown>) ?? {},
    policyTypes: p.spec?.policyTypes ?? [],
    spec: plain.spec ?? {},
  };
}

export async function listNetworkPolicies(api: KubeApi, namespace?: string, labelSelector?: string): Promise<NetworkPolicyInfo[]> {
  const items = await listThrough<V1NetworkPolicy>(
    api,
    'networkpolicies',
    namespace,
    () => (namespace ? api.networking.listNamespacedNetworkPolicy({ namespace, labelSelector }) : api.networking.listNetworkPolicyForAllNamespaces({ labelSelector })),
    labelSelector,
  );
  return items.map(toInfo);
}

export interface NetworkPolicyDesired {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  /** networking.k8s.io/v1 NetworkPolicySpec as plain JSON. */
  spec: Record<string, unknown>;
}

/** Server-side apply with fieldManager `palisade` (forced: Palisade owns the policies it writes); dryRun validates only. */
export async function applyNetworkPolicy(api: KubeApi, desired: NetworkPolicyDesired, opts: { dryRun?: boolean; force?: boolean } = {}): Promise<NetworkPolicyInfo> {
  const body = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: desired.name, namespace: desired.namespace, labels: { [MANAGED_BY_LABEL]: 'palisade', ...(desired.labels ?? {}) } },
    spec: desired.spec,
  };
  const out = await api.call(() =>
    api.networking.patchNamespacedNetworkPolicy(
      { namespace: desired.namespace, name: desired.name, body, fieldManager: FIELD_MANAGER, force: opts.force ?? true, dryRun: opts.dryRun ? 'All' : undefined },
      clientNode().setHeaderOptions('Content-Type', clientNode().PatchStrategy.ServerSideApply),
    ),
  );
  if (!opts.dryRun) wroteThrough(api, 'networkpolicies', out);
  return toInfo(out);
}

export async function deleteNetworkPolicy(api: KubeApi, namespace: string, name: string): Promise<void> {
  await api.call(() => api.networking.deleteNamespacedNetworkPolicy({ namespace, name }));
  deletedThrough(api, 'networkpolicies', namespace, name);
}

/** Deletes the policies in a namespace matching a label selector; returns their names. */
export async function deleteNetworkPoliciesByLabel(api: KubeApi, namespace: string, labelSelector: string): Promise<string[]> {
  const doomed = await listNetworkPolicies(api, namespace, labelSelector);
  if (doomed.length === 0) return [];
  await api.call(() => api.networking.deleteCollectionNamespacedNetworkPolicy({ namespace, labelSelector }));
  for (const p of doomed) deletedThrough(api, 'networkpolicies', namespace, p.name);
  return doomed.map((p) => p.name);
}
