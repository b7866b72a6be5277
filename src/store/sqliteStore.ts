import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { immediate, openSqlite, type SqlDriver, type SqlStatement } from './sqliteDriver.js';
import { claimDueDocs } from './claim.js';
import {
  assertId,
  PreconditionFailed,
  serialize,
  type AuditEntry,
  type Collection,
  type DeleteCondition,
  type PutCondition,
  type ReadAuditOptions,
  type Store,
  type Versioned,
} from './types.js';

export const SQLITE_FILE = 'palisade.db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS docs (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  value TEXT NOT NULL,
  etag TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (collection, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  cluster TEXT,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_cluster ON audit (cluster, seq);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TABLE IF NOT EXISTS leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires INTEGER NOT NULL
);
`;

interface DocRow {
  id: string;
  value: string;
  etag: string;
}

/** Random, never reused: a deleted-then-recreated document cannot match an old etag. */
function newEtag(): string {
  // 12 random bytes from a pool filled 256 etags at a time: a synchronous randomBytes call per write is not cheap
  if (etagPoolAt >= etagPool.length) {
    etagPool = randomBytes(12 * 256);
    etagPoolAt = 0;
  }
  etagPoolAt += 12;
  return etagPool.toString('base64url', etagPoolAt - 12, etagPoolAt);
}
let etagPool = Buffer.alloc(0);
let etagPoolAt = 0;

/**
 * One SQLite file in the data directory (WAL). Every conditional write runs in a BEGIN IMMEDIATE transaction, so it
 * also stays correct when several processes open the same file (they wait on busy_timeout instead of failing).
 */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly db: SqlDriver;
  private readonly now: () => number;
  /** One prepared statement per SQL text: fewer native objects, and no new compile on every call. */
  private readonly statements = new Map<string, SqlStatement>();
  private open = true;

  constructor(file: string, opts: { now?: () => number; busyTimeoutMs?: number } = {}) {
    this.now = opts.now ?? Date.now;
    this.db = openSqlite(file);
    this.db.exec(`PRAGMA busy_timeout = ${opts.busyTimeoutMs ?? 10_000}`);
    this.db.exec('PRAGMA journal_mode = WAL');
    this.db.exec('PRAGMA synchronous = NORMAL');
    immediate(this.db, () => this.db.exec(SCHEMA));
  }

  private sql<P extends unknown[] = unknown[], R = unknown>(text: string): { get(...p: P): R | undefined; all(...p: P): R[]; run(...p: P): { changes: number | bigint } } {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st as never;
  }

  static open(dataDir: string, opts: { now?: () => number } = {}): SqliteStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteStore(path.join(dataDir, SQLITE_FILE), opts);
  }

  private readRow(collection: Collection, id: string): DocRow | undefined {
    return this.sql<[string, string], DocRow>('SELECT id, value, etag FROM docs WHERE collection = ? AND id = ?')
      .get(collection, id);
  }

  private writeRow(collection: Collection, id: string, json: string): string {
    const etag = newEtag();
    this.sql(
        `INSERT INTO docs (collection, id, value, etag, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (collection, id) DO UPDATE SET value = excluded.value, etag = excluded.etag, updated_at = excluded.updated_at`,
      )
      .run(collection, id, json, etag, new Date(this.now()).toISOString());
    return etag;
  }

  async get<T>(collection: Collection, id: string): Promise<Versioned<T> | undefined> {
    assertId(id);
    const row = this.readRow(collection, id);
    return row ? { value: JSON.parse(row.value) as T, etag: row.etag } : undefined;
  }

  async getIfChanged<T>(collection: Collection, id: string, etag: string): Promise<Versioned<T> | undefined | 'unchanged'> {
    assertId(id);
    // the value is NOT NULL: a null one here means the etag matched and the value was not even read
    const row = this.sql<[string, string, string], { etag: string; value: string | null }>(
      'SELECT etag, CASE WHEN etag = ? THEN NULL ELSE value END AS value FROM docs WHERE collection = ? AND id = ?',
    ).get(etag, collection, id);
    if (!row) return undefined;
    return row.value === null ? 'unchanged' : { value: JSON.parse(row.value) as T, etag: row.etag };
  }

  async put<T>(collection: Collection, id: string, value: T, cond: PutCondition = {}): Promise<string> {
    assertId(id);
    const json = serialize(value);
    // one statement is atomic on its own: no transaction around an unconditional write
    if (cond.ifMatch === undefined && cond.ifNoneMatch !== '*') return this.writeRow(collection, id, json);
    return immediate(this.db, () => {
      const current = this.readRow(collection, id);
      if (cond.ifNoneMatch === '*' && current) throw new PreconditionFailed(`${collection}/${id} already exists`);
      if (cond.ifMatch !== undefined && current?.etag !== cond.ifMatch) throw new PreconditionFailed();
      return this.writeRow(collection, id, json);
    });
  }

  async delete(collection: Collection, id: string, cond: DeleteCondition = {}): Promise<void> {
    assertId(id);
    if (cond.ifMatch === undefined) {
      this.sql('DELETE FROM docs WHERE collection = ? AND id = ?').run(collection, id);
      return;
    }
    const changes = this.sql('DELETE FROM docs WHERE collection = ? AND id = ? AND etag = ?')
      .run(collection, id, cond.ifMatch).changes;
    if (Number(changes) === 0) throw new PreconditionFailed();
  }

  async list<T>(collection: Collection): Promise<Array<{ id: string } & Versioned<T>>> {
    return this.sql<[string], DocRow>('SELECT id, value, etag FROM docs WHERE collection = ? ORDER BY id')
      .all(collection)
      .map((r) => ({ id: r.id, value: JSON.parse(r.value) as T, etag: r.etag }));
  }

  async update<T>(
    collection: Collection,
    id: string,
    fn: (current: T | undefined) => T | undefined,
  ): Promise<Versioned<T> | undefined> {
    assertId(id);
    // The write lock is held from the read to the write, so no retry is needed.
    return immediate(this.db, (): Versioned<T> | undefined => {
      const row = this.readRow(collection, id);
      const current = row ? (JSON.parse(row.value) as T) : undefined;
      const next = fn(current);
      if (next === undefined) return row ? { value: current as T, etag: row.etag } : undefined;
      const json = serialize(next);
      const etag = this.writeRow(collection, id, json);
      return { value: JSON.parse(json) as T, etag };
    });
  }

  claimDue<T>(collection: Collection, claim: (doc: T, id: string) => T | undefined): Promise<Array<{ id: string; value: T }>> {
    return claimDueDocs(this, collection, claim);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.sql('INSERT INTO audit (at, cluster, json) VALUES (?, ?, ?)')
      .run(entry.at, entry.cluster ?? null, serialize(entry));
  }

  async readAudit(opts: ReadAuditOptions = {}): Promise<AuditEntry[]> {
    const limit = opts.limit ?? -1; // SQLite: a negative LIMIT means no limit
    const rows =
      opts.cluster === undefined
        ? this.sql<[number], { json: string }>('SELECT json FROM audit ORDER BY seq DESC LIMIT ?').all(limit)
        : this.sql<[string, number], { json: string }>(
              'SELECT json FROM audit WHERE cluster = ? ORDER BY seq DESC LIMIT ?',
            )
            .all(opts.cluster, limit);
    return rows.map((r) => JSON.parse(r.json) as AuditEntry);
  }

  async tryLease(name: string, owner: string, ttlMs: number): Promise<boolean> {
    assertId(name);
    return immediate(this.db, () => {
      const now = this.now();
      const row = this.sql<[string], { owner: string; expires: number }>('SELECT owner, expires FROM leases WHERE name = ?')
        .get(name);
      if (row && row.owner !== owner && row.expires > now) return false;
      this.sql(
          `INSERT INTO leases (name, owner, expires) VALUES (?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires = excluded.expires`,
        )
        .run(name, owner, now + ttlMs);
      return true;
    });
  }

  async releaseLease(name: string, owner: string): Promise<void> {
    this.sql('DELETE FROM leases WHERE name = ? AND owner = ?').run(name, owner);
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    this.statements.clear();
    this.db.close();
  }
}
