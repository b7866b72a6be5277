/**
 * ARM reads answered from memory: concurrent identical reads share one request (single flight), a result is kept for a
 * short freshness window, and a write by Palisade drops what it touched at once. `live` reads (apply paths) always go
 * to ARM, and refresh the entry for the readers after them.
 */
export interface ReadCacheStats {
  /** Requests that went to ARM. */
  misses: number;
  /** Reads answered from a fresh entry. */
  hits: number;
  /** Reads that joined a request already in flight. */
  joined: number;
}

interface Entry {
  value?: Promise<unknown>;
  /** When the value was read (fresh until at + freshMs). */
  at: number;
  inFlight?: Promise<unknown>;
  /** Bumped by invalidate(): a request started before it does not store its (possibly stale) answer. */
  generation: number;
}

export class ArmReadCache {
  private readonly entries = new Map<string, Entry>();
  private reads = 0;
  readonly stats: ReadCacheStats = { misses: 0, hits: 0, joined: 0 };

  constructor(
    readonly freshMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `key` names the resource (its ARM id, lower-cased here) and what is read of it. */
  read<T>(key: string, fetch: () => Promise<T>, opts: { live?: boolean } = {}): Promise<T> {
    const k = key.toLowerCase();
    if (++this.reads % 256 === 0) this.prune();
    let e = this.entries.get(k);
    if (!e) {
      e = { at: 0, generation: 0 };
      this.entries.set(k, e);
    }
    if (!opts.live) {
      if (e.value && this.now() - e.at < this.freshMs) {
        this.stats.hits++;
        return e.value as Promise<T>;
      }
      if (e.inFlight) {
        this.stats.joined++;
        return e.inFlight as Promise<T>;
      }
    }
    this.stats.misses++;
    const entry = e;
    const generation = entry.generation;
    const request = fetch();
    entry.inFlight = request;
    const settle = () => {
      if (entry.inFlight === request) entry.inFlight = undefined;
    };
    request.then(
      () => {
        settle();
        if (entry.generation !== generation || this.freshMs <= 0) return;
        entry.value = request;
        entry.at = this.now();
      },
      () => settle(), // never keep a failure
    );
    return request;
  }

  /** Drops every entry whose key starts with `prefix` (a resource id drops the resource and what hangs below it). */
  invalidate(prefix: string): void {
    const p = prefix.toLowerCase();
    for (const [k, e] of this.entries) {
      if (!k.startsWith(p)) continue;
      e.generation++;
      this.entries.delete(k);
    }
  }

  /** Forgets answers past their window, so a large fleet's old reads do not stay in memory. */
  private prune(): void {
    const now = this.now();
    for (const [k, e] of this.entries) if (!e.inFlight && now - e.at >= this.freshMs) this.entries.delete(k);
  }

  clear(): void {
    this.invalidate('');
  }
}
