import type { Json, SandboxCluster, World, WorldEvent } from '../../world.js';
import { clone } from '../patch.js';

/**
 * Every cluster's recent changes as watch events, like the API server's watch cache over etcd: a bounded window of
 * history (older versions are compacted away and answer 410 Gone), and live delivery to open watches.
 */

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  type: EventType;
  rv: number;
  /** The object after the change (for DELETED: its last state, stamped with the deletion's resourceVersion). */
  object: Json;
  /** The object before the change, so selector watches can tell "left the selection" from "changed". */
  old?: Json;
}

export type Listener = (e: StoredEvent) => void;

interface ClusterLog {
  events: StoredEvent[];
  /** Versions up to and including this one are gone from the window. */
  compactedRv: number;
  listeners: Set<Listener>;
}

export interface WatchHistoryOptions {
  /** Events kept per cluster before the oldest are compacted (etcd's compaction, the watch cache's capacity). */
  capacity?: number;
}

export class WatchHistory {
  private readonly logs = new Map<SandboxCluster, ClusterLog>();
  private readonly capacity: number;
  private readonly onChange = (e: WorldEvent) => {
    if (e.type === 'kube') this.record(e.cluster, e.object, e.old);
  };

  constructor(private readonly world: World, opts: WatchHistoryOptions = {}) {
    this.capacity = opts.capacity ?? 1000;
    for (const c of world.state.clusters) this.log(c);
    world.on('change', this.onChange);
  }

  private log(cluster: SandboxCluster): ClusterLog {
    let log = this.logs.get(cluster);
    if (!log) {
      // history starts now: whatever happened before (the seed, a previous run) is compacted
      log = { events: [], compactedRv: cluster.kube.resourceVersion, listeners: new Set() };
      this.logs.set(cluster, log);
    }
    return log;
  }

  private record(cluster: SandboxCluster, object: Json | undefined, old: Json | undefined): void {
    const log = this.log(cluster);
    let event: StoredEvent;
    if (object) {
      const now = clone(object);
      event = { type: old ? 'MODIFIED' : 'ADDED', rv: Number(now.metadata?.resourceVersion ?? cluster.kube.resourceVersion), object: now, old: old && clone(old) };
    } else {
      if (!old) return;
      const rv = cluster.kube.resourceVersion;
      event = { type: 'DELETED', rv, object: { ...clone(old), metadata: { ...old.metadata, resourceVersion: String(rv) } }, old };
    }
    log.events.push(event);
    while (log.events.length > this.capacity) log.compactedRv = log.events.shift()!.rv;
    for (const l of log.listeners) l(event);
  }

  /** Events after `rv`, or 'expired' when the window no longer reaches back that far. */
  since(cluster: SandboxCluster, rv: number): StoredEvent[] | 'expired' {
    const log = this.log(cluster);
    if (rv < log.compactedRv) return 'expired';
    return log.events.filter((e) => e.rv > rv);
  }

  compactedRevision(cluster: SandboxCluster): number {
    return this.log(cluster).compactedRv;
  }

  subscribe(cluster: SandboxCluster, listener: Listener): () => void {
    const log = this.log(cluster);
    log.listeners.add(listener);
    return () => log.listeners.delete(listener);
  }

  /** Test hook: forget the history up to now (etcd compaction); a watch from an older version gets 410 Gone. */
  compact(cluster: SandboxCluster): void {
    const log = this.log(cluster);
    log.events = [];
    log.compactedRv = cluster.kube.resourceVersion;
  }

  close(): void {
    this.world.off('change', this.onChange);
  }
}
