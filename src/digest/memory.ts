import type { Posture } from '../posture/assess.js';
import { type ClusterMemory, remember } from '../posture/diff.js';
import type { Store } from '../store/types.js';
import { conversationKey } from './schedules.js';
import { clusterKey } from './scan.js';

/** 'digests' collection, id `last:<conversation key>`: the last digest posted in a conversation, per cluster. */
export interface DigestMemory {
  conversationId: string;
  at: string;
  clusters: Record<string, ClusterMemory>;
  /** Newest first: the ids of stored pages ("show more") of recent digests here, so old ones can be pruned. */
  pages: string[];
}

const KEEP_PAGES = 5;

export function memoryId(conversationId: string): string {
  return `last:${conversationKey(conversationId)}`;
}

export async function loadMemory(store: Store, conversationId: string): Promise<DigestMemory | undefined> {
  return (await store.get<DigestMemory>('digests', memoryId(conversationId)))?.value;
}

/** After a digest was posted: remember its clusters (others stay as they were) and prune old stored pages. */
export async function recordDigest(store: Store, conversationId: string, at: string, postures: Posture[], pageId?: string): Promise<void> {
  let dropped: string[] = [];
  await store.update<DigestMemory>('digests', memoryId(conversationId), (cur) => {
    const clusters = { ...(cur?.clusters ?? {}) };
    for (const p of postures) clusters[clusterKey(p.cluster)] = remember(p);
    const pages = pageId ? [pageId, ...(cur?.pages ?? [])] : [...(cur?.pages ?? [])];
    dropped = pages.slice(KEEP_PAGES);
    return { conversationId, at, clusters, pages: pages.slice(0, KEEP_PAGES) };
  });
  for (const id of dropped) await store.delete('digests', id);
}
