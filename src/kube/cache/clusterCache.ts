import type { KubernetesObject } from '@kubernetes/client-node';
import type { KubeApi, KubeReadCache } from '../connect.js';
import { KindInformer } from './kindInformer.js';
import { CACHED_KINDS, type CachedKind } from './kinds.js';

const isCachedKind = (k: string): k is CachedKind => Object.hasOwn(CACHED_KINDS, k);

/** After an informer failed, reads of that kind stay live this long before another informer is tried. */
const RETRY_AFTER_FAILURE_MS = 30_000;

/**
 * One cluster's informers, started per kind on the first read that asks for it. Reads wait for the first list (so
 * concurrent readers share it) and then come from memory; a kind whose informer failed is read live for a while.
 */
export class ClusterCache {
  private readonly informers = new Map<CachedKind, KindInformer>();
  private readonly failedAt = new Map<CachedKind, number>();
  lastUsed = Date.now();
  private closed = false;

  constructor(
    readonly key: string,
    private readonly onFailure?: (err: Error) => void,
  ) {}

  /** Objects of `kind` from memory, or undefined when the caller must read live. `start` false: only if already synced. */
  async items(kind: string, api: KubeApi, namespace: string | undefined, opts: { start: boolean }): Promise<KubernetesObject[] | undefined> {
    if (this.closed) return undefined;
    this.lastUsed = Date.now();
    if (!isCachedKind(kind)) return undefined;
    let informer = this.informers.get(kind);
    if (!informer) {
      if (!opts.start || Date.now() - (this.failedAt.get(kind) ?? 0) < RETRY_AFTER_FAILURE_MS) return undefined;
      informer = new KindInformer(kind, api, (i, err) => this.dropFailed(i, err));
      this.informers.set(kind, informer);
    } else if (!opts.start && !informer.isSynced) {
      return undefined;
    }
    try {
      await informer.synced;
    } catch {
      return undefined;
    }
    return informer.failed ? undefined : informer.list(namespace);
  }

  /** The informers as one handle sees them: lists and watches go to `api`, the cluster's API server directly. */
  bound(api: KubeApi): KubeReadCache {
    return {
      items: (kind, namespace, opts) => this.items(kind, api, namespace, opts),
      written: (kind, object) => this.written(kind, object as KubernetesObject),
      deleted: (kind, namespace, name) => this.deleted(kind, namespace, name),
    };
  }

  /** Whether every one of these kinds is in memory already (a fleet scan reads those from memory, others live). */
  has(kind: CachedKind): boolean {
    const i = this.informers.get(kind);
    return Boolean(i && i.isSynced && !i.failed);
  }

  written(kind: string, object: KubernetesObject): void {
    if (isCachedKind(kind)) this.informers.get(kind)?.written(object);
  }

  deleted(kind: string, namespace: string, name: string): void {
    if (isCachedKind(kind)) this.informers.get(kind)?.deleted(namespace, name);
  }

  /** List requests the informers made (first lists and relists), per kind. */
  lists(): Partial<Record<CachedKind, number>> {
    return Object.fromEntries([...this.informers].map(([k, i]) => [k, i.lists]));
  }

  private dropFailed(informer: KindInformer, err: Error): void {
    if (this.informers.get(informer.kind) !== informer) return;
    this.informers.delete(informer.kind);
    this.failedAt.set(informer.kind, Date.now());
    if (!this.closed) this.onFailure?.(err);
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.informers.values()];
    this.informers.clear();
    await Promise.all(all.map((i) => i.stop()));
  }
}
