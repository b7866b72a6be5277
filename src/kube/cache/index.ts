import { ClusterCache } from './clusterCache.js';

export { ClusterCache } from './clusterCache.js';
export type { CachedKind } from './kinds.js';

/**
 * Every cluster's informers. A cluster nobody read for `idleMs` has its informers stopped and is forgotten (the sweep
 * timer is unref'd, so it never keeps the process alive); close() stops them all.
 */
export class KubeCaches {
  private readonly clusters = new Map<string, ClusterCache>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    readonly idleMs: number,
    /** Told when an informer stops for good (its list or watch failed), with the cluster's key. */
    private readonly onFailure?: (key: string, err: Error) => void,
  ) {
    this.sweeper = setInterval(() => void this.sweep(), Math.max(1_000, Math.min(60_000, idleMs / 2)));
    this.sweeper.unref();
  }

  for(key: string): ClusterCache {
    let c = this.clusters.get(key);
    if (!c) {
      c = new ClusterCache(key, this.onFailure && ((err) => this.onFailure?.(key, err)));
      this.clusters.set(key, c);
    }
    return c;
  }

  /** The cluster's informers if they run, without starting any. */
  peek(key: string): ClusterCache | undefined {
    return this.clusters.get(key);
  }

  /** Stops a cluster's informers (its API server refused Palisade: no watch stays open towards it). */
  async drop(key: string): Promise<void> {
    const c = this.clusters.get(key);
    if (!c) return;
    this.clusters.delete(key);
    await c.close();
  }

  /** Clusters whose informers run now. */
  get size(): number {
    return this.clusters.size;
  }

  async sweep(now = Date.now()): Promise<void> {
    const idle = [...this.clusters.values()].filter((c) => now - c.lastUsed >= this.idleMs);
    for (const c of idle) this.clusters.delete(c.key);
    await Promise.all(idle.map((c) => c.close()));
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.clusters.values()];
    this.clusters.clear();
    await Promise.all(all.map((c) => c.close()));
  }
}

export { deletedThrough, listThrough, wroteThrough } from './read.js';
