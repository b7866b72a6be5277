import type { ClusterInventory, Snapshot } from './types.js';

/** Where the names come from: the cluster directory and each cluster's Kubernetes API (injected, so tests stay pure). */
export interface InventorySource {
  clusters(): Promise<string[]>;
  inventory(cluster: string): Promise<ClusterInventory>;
  /** The cluster a command without `on <cluster>` goes to in this conversation, if one is known. */
  defaultCluster(conversationId: string, clusters: string[]): Promise<string | undefined>;
  /** The subscriptions by id and display name, so a name in a change can be checked before it is planned. */
  subscriptions?(): Promise<Array<{ id: string; name: string }>>;
}

/**
 * A short-lived cache of every cluster's names. A slow or failing cluster never holds up a turn: after `waitMs` the
 * message is read with what is known (names from that cluster are then "unknown", which only makes changes ask).
 */
export class SnapshotCache {
  private readonly inventories = new Map<string, { at: number; value: Promise<ClusterInventory | undefined> }>();
  // the last names each cluster gave: a refresh that misses the deadline reads with these, never with none
  private readonly lastGood = new Map<string, ClusterInventory>();

  constructor(
    private readonly source: InventorySource,
    private readonly ttlMs = 60_000,
    private readonly waitMs = 1_500,
    private readonly now: () => number = Date.now,
  ) {}

  async snapshot(conversationId: string): Promise<Snapshot> {
    const clusters = await this.source.clusters().catch(() => [] as string[]);
    const entries = await Promise.all(clusters.map(async (c) => [c, (await this.withDeadline(this.inventory(c))) ?? this.lastGood.get(c)] as const));
    const inventories: Record<string, ClusterInventory> = {};
    for (const [c, inv] of entries) if (inv) inventories[c] = inv;
    const defaultCluster = await this.source.defaultCluster(conversationId, clusters).catch(() => undefined);
    // unknown subscriptions (a failed or slow read) leave subscription names to the handler, which checks them
    const subscriptions = this.source.subscriptions ? await this.withDeadline(this.source.subscriptions().catch(() => undefined)) : undefined;
    return { clusters, inventories, defaultCluster, ...(subscriptions ? { subscriptions } : {}), now: new Date(this.now()) };
  }

  /** After a change, the next message sees the new state. */
  invalidate(cluster?: string): void {
    if (cluster) this.inventories.delete(cluster);
    else this.inventories.clear();
  }

  private inventory(cluster: string): Promise<ClusterInventory | undefined> {
    const hit = this.inventories.get(cluster);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.source.inventory(cluster).then(
      (inv) => {
        this.lastGood.set(cluster, inv);
        return inv;
      },
      () => {
        this.inventories.delete(cluster); // never cache a failure
        return undefined;
      },
    );
    this.inventories.set(cluster, { at: this.now(), value });
    return value;
  }

  private withDeadline<T>(p: Promise<T | undefined>): Promise<T | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), this.waitMs)));
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  }
}
