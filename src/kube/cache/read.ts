import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeApi } from '../connect.js';
import type { CachedKind } from './kinds.js';

/**
 * How a src/kube wrapper lists a kind: from the cluster's informer when the KubeApi reads through the cache (and, for
 * 'cache-if-warm', only if that informer already runs), else with the live call. Label selectors are always live.
 */
export async function listThrough<T>(api: KubeApi, kind: CachedKind, namespace: string | undefined, live: () => Promise<{ items: T[] }>, labelSelector?: string): Promise<T[]> {
  if (api.cache && api.reads !== 'live' && !labelSelector) {
    const items = await api.cache.items(kind, namespace, { start: api.reads === 'cache' });
    if (items) return items as T[];
  }
  return (await api.call(live)).items;
}

/** A write's answer goes to the cluster's informer, so the next read shows it (whatever way the KubeApi reads). */
export function wroteThrough(api: KubeApi, kind: CachedKind, object: KubernetesObject): void {
  api.cache?.written(kind, object);
}

export function deletedThrough(api: KubeApi, kind: CachedKind, namespace: string, name: string): void {
  api.cache?.deleted(kind, namespace, name);
}
