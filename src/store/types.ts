/** Every kind of document Palisade persists; one namespace per collection. */
export type Collection =
  | 'plans'
  | 'conversations'
  | 'schedules'
  | 'timers'
  | 'captures'
  | 'activities'
  | 'prefs'
  | 'digests'
  | 'history'
  | 'meta';

export const COLLECTIONS: readonly Collection[] = [
  'plans', 'conversations', 'schedules', 'timers', 'captures', 'activities', 'prefs', 'digests', 'history', 'meta',
];

/** A stored value with the opaque version tag to pass back as `ifMatch`. */
export interface Versioned<T> {
  value: T;
  etag: string;
}

export interface PutCondition {
  /** Write only if the current etag equals this one. */
  ifMatch?: string;
  /** `'*'`: write only if the document does not exist yet (create-once). */
  ifNoneMatch?: '*';
}

export interface DeleteCondition {
  ifMatch?: string;
}

export interface UpdateOptions {
  /** Attempts before giving up with PreconditionFailed (blob backend only; SQLite updates in one transaction). */
  maxAttempts?: number;
}

export interface AuditEntry {
  at: string;
  kind: 'request' | 'decision' | 'apply' | 'revert' | 'expire' | 'timer' | 'digest' | (string & {});
  actor?: { id?: string; aadObjectId?: string; name?: string };
  cluster?: string;
  planId?: string;
  summary: string;
  before?: unknown;
  after?: unknown;
  outcome?: string;
  requestIds?: string[];
  /** For a request typed in chat: the person's own words and the canonical command they were read as. */
  words?: string;
  command?: string;
  [k: string]: unknown;
}

export interface ReadAuditOptions {
  limit?: number;
  cluster?: string;
}

/** A conditional write lost: someone else changed (or created, or deleted) the document first. */
export class PreconditionFailed extends Error {
  constructor(message = 'precondition failed: the document changed since it was read') {
    super(message);
    this.name = 'PreconditionFailed';
  }
}

export function isPreconditionFailed(e: unknown): e is PreconditionFailed {
  return e instanceof PreconditionFailed;
}

export interface Store {
  readonly kind: 'sqlite' | 'blob';
  get<T>(collection: Collection, id: string): Promise<Versioned<T> | undefined>;
  /** As `get`, but 'unchanged' while the document's etag is still `etag`: a reader keeping a parsed copy skips the parse. */
  getIfChanged<T>(collection: Collection, id: string, etag: string): Promise<Versioned<T> | undefined | 'unchanged'>;
  /** Returns the new etag; throws PreconditionFailed when `cond` does not hold. */
  put<T>(collection: Collection, id: string, value: T, cond?: PutCondition): Promise<string>;
  /** Deleting an absent document is a no-op unless `ifMatch` is given (then PreconditionFailed). */
  delete(collection: Collection, id: string, cond?: DeleteCondition): Promise<void>;
  /** Every document of the collection, ordered by id. */
  list<T>(collection: Collection): Promise<Array<{ id: string } & Versioned<T>>>;
  /**
   * Read-modify-write without lost updates. `fn` may run more than once (keep it pure); returning undefined leaves the
   * document unchanged and resolves with the current version (or undefined if absent).
   */
  update<T>(
    collection: Collection,
    id: string,
    fn: (current: T | undefined) => T | undefined,
    opts?: UpdateOptions,
  ): Promise<Versioned<T> | undefined>;
  /**
   * Claims due jobs (timers, digest ticks): for each document `claim` returns its claimed version, or undefined when it
   * is not due. The write is conditional on the ETag read, so exactly one replica wins each; returns what this one won.
   * `claim` is called once per document, in id order.
   */
  claimDue<T>(collection: Collection, claim: (doc: T, id: string) => T | undefined): Promise<Array<{ id: string; value: T }>>;
  /** Append-only: entries are never changed or removed. */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** Newest first (in append order). */
  readAudit(opts?: ReadAuditOptions): Promise<AuditEntry[]>;
  /** Exclusive, expiring lease ("exactly one replica runs this tick"). The holder may call again to renew. */
  tryLease(name: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases only if `owner` still holds it. */
  releaseLease(name: string, owner: string): Promise<void>;
  close(): Promise<void>;
}

export function assertId(id: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > 512) {
    throw new TypeError(`store id must be a non-empty string of at most 512 characters, got ${JSON.stringify(id)}`);
  }
}

export function serialize(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('store values must be JSON-serializable (got undefined)');
  return json;
}
