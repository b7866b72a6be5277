import type { ClusterRef } from '../domain.js';
import type { Logger } from '../log.js';
import type { Store, Versioned } from '../store/types.js';
import type { Posture } from './assess.js';
import {
  addObservation,
  backstoryObservations,
  emptyHistory,
  historyId,
  observationOf,
  observedFindingsForBackstory,
  type ClusterHistory,
  type HistoryBackstory,
  type Observation,
} from './history.js';

export interface PostureHistoryOptions {
  store: Store;
  log: Logger;
  /** Scans of a cluster within this window become one write. */
  windowMs: number;
  now?: () => number;
  /** Sandbox only: invents the days before a cluster's first scan. */
  backstory?: HistoryBackstory;
  /** Documents written or read at once (Blob Storage: one request each). */
  concurrency?: number;
}

/**
 * Every scan's posture, per cluster, in the 'history' collection. Recording is write-behind: `record` only keeps the
 * latest scan per cluster in memory, and one write per cluster and window persists it, so a `status` turn never waits
 * on storage. Reads see what is still in memory as if it had been written.
 */
export class PostureHistory {
  private readonly pending = new Map<string, Observation>();
  private readonly writing = new Map<string, Observation>();
  private readonly failedOnce = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private tail: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly now: () => number;
  /** The last stored version read per cluster, parsed: read again only when its etag changed. Shared, never changed. */
  private readonly kept = new Map<string, Versioned<ClusterHistory>>();
  /** The last read's answer per cluster and what it was made of: 50 people asking at once get it made once. */
  private readonly answered = new Map<string, { key: string; doc: ClusterHistory | undefined }>();

  constructor(private readonly opts: PostureHistoryOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Remembers this scan; written within the window, together with any later scan of the cluster in that window. */
  record(posture: Posture): void {
    if (this.closed) return;
    const obs = observationOf(posture);
    this.pending.set(historyId(obs.cluster), obs);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.opts.windowMs);
      this.timer.unref();
    }
  }

  /** Writes what is pending now (after any write in progress); resolves when it is stored. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.tail.then(() => this.writePending());
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** A cluster's history, including scans not written yet; undefined if it was never scanned. */
  async read(cluster: ClusterRef): Promise<ClusterHistory | undefined> {
    const id = historyId(cluster);
    const stored = await this.stored(id);
    // the answer depends on the stored version, the scans not written yet and (retention) the second it is made in
    const key = `${stored?.etag ?? ''}\n${JSON.stringify(this.writing.get(id) ?? null)}\n${JSON.stringify(this.pending.get(id) ?? null)}\n${Math.floor(this.now() / 1000)}`;
    const last = this.answered.get(id);
    if (last?.key === key) return last.doc;
    const doc = this.withUnwritten(id, stored?.value);
    remember(this.answered, id, { key, doc });
    return doc;
  }

  private async stored(id: string): Promise<Versioned<ClusterHistory> | undefined> {
    const kept = this.kept.get(id);
    const got = kept ? await this.opts.store.getIfChanged<ClusterHistory>('history', id, kept.etag) : await this.opts.store.get<ClusterHistory>('history', id);
    if (got === 'unchanged') return kept;
    if (got) remember(this.kept, id, got);
    else this.kept.delete(id);
    return got;
  }

  /** Histories of many clusters (a digest), by history id. */
  async readMany(clusters: ClusterRef[]): Promise<Map<string, ClusterHistory>> {
    const out = new Map<string, ClusterHistory>();
    await eachLimited(clusters, this.opts.concurrency ?? 16, async (c) => {
      const doc = await this.read(c);
      if (doc) out.set(historyId(c), doc);
    });
    return out;
  }

  /** Stops the window timer and writes what is pending. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private withUnwritten(id: string, stored: ClusterHistory | undefined): ClusterHistory | undefined {
    let doc = stored;
    for (const obs of [this.writing.get(id), this.pending.get(id)]) if (obs) doc = this.apply(doc, obs);
    return doc;
  }

  /** Pure given its inputs (store.update may call it again): the backstory first if this cluster has no history. */
  private apply(doc: ClusterHistory | undefined, obs: Observation): ClusterHistory {
    const nowMs = this.now();
    let base = doc ?? emptyHistory(obs.cluster);
    if (!doc && this.opts.backstory) {
      const days = this.opts.backstory({ cluster: obs.cluster.name, at: new Date(obs.t * 1000).toISOString(), findings: observedFindingsForBackstory(obs) });
      for (const earlier of backstoryObservations(obs.cluster, days).filter((o) => o.t < obs.t)) base = addObservation(base, earlier, nowMs);
    }
    return addObservation(base, obs, nowMs);
  }

  private async writePending(): Promise<void> {
    if (!this.pending.size) return;
    const batch = [...this.pending.entries()];
    this.pending.clear();
    for (const [id, obs] of batch) this.writing.set(id, obs);
    let failed = 0;
    await eachLimited(batch, this.opts.concurrency ?? 16, async ([id, obs]) => {
      try {
        await this.opts.store.update<ClusterHistory>('history', id, (cur) => this.apply(cur, obs));
        this.failedOnce.delete(id);
      } catch (err) {
        // Retried once with the next window (unless a newer scan replaced it meanwhile), then given up
        const retry = !this.failedOnce.has(id);
        if (retry) {
          failed++;
          this.failedOnce.add(id);
          if (!this.pending.has(id)) this.pending.set(id, obs);
        } else this.failedOnce.delete(id);
        this.opts.log.warn({ err, cluster: obs.cluster.name, retry }, retry ? 'posture history write failed; retrying with the next window' : 'posture history write failed twice; this scan is not recorded');
      } finally {
        this.writing.delete(id);
      }
    });
    if (failed && !this.closed && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.opts.windowMs);
      this.timer.unref();
    }
  }
}

/** Kept for the clusters read lately (a `status` burst), not the whole fleet a digest reads. */
const KEPT_CLUSTERS = 64;

function remember<V>(map: Map<string, V>, id: string, value: V): void {
  map.delete(id);
  if (map.size >= KEPT_CLUSTERS) map.delete(map.keys().next().value!);
  map.set(id, value);
}

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
