import { createRequire } from 'node:module';

/** The slice of a synchronous SQLite binding the store needs; better-sqlite3 and node:sqlite both provide it. */
export interface SqlStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number | bigint };
}

export interface SqlDriver {
  readonly name: 'better-sqlite3' | 'node:sqlite';
  exec(sql: string): void;
  prepare(sql: string): SqlStatement;
  close(): void;
}

const require = createRequire(import.meta.url);

/**
 * Node 24 ships node:sqlite, and there better-sqlite3 12's native handles can abort the process when the GC collects
 * them (node::ObjectWrap looks up an environment a GC callback does not have); better-sqlite3 13 needs Node 22+. So:
 * node:sqlite from Node 24 on, better-sqlite3@12 below. Same SQLite, same file format.
 */
export function openSqlite(file: string): SqlDriver {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) {
    const { DatabaseSync } = require('node:sqlite') as { DatabaseSync: new (file: string) => NodeSqlite };
    const db = new DatabaseSync(file);
    return { name: 'node:sqlite', exec: (sql) => db.exec(sql), prepare: (sql) => db.prepare(sql), close: () => db.close() };
  }
  const Database = require('better-sqlite3') as new (file: string) => BetterSqlite;
  const db = new Database(file);
  return { name: 'better-sqlite3', exec: (sql) => void db.exec(sql), prepare: (sql) => db.prepare(sql), close: () => void db.close() };
}

interface NodeSqlite {
  exec(sql: string): void;
  prepare(sql: string): SqlStatement;
  close(): void;
}

interface BetterSqlite {
  exec(sql: string): unknown;
  prepare(sql: string): SqlStatement;
  close(): unknown;
}

/** BEGIN IMMEDIATE takes the write lock up front, so a read-check-write is atomic across processes too. */
export function immediate<T>(db: SqlDriver, fn: () => T): T {
  const tx = transactionStatements(db);
  tx.begin.run();
  try {
    const result = fn();
    tx.commit.run();
    return result;
  } catch (e) {
    tx.rollback.run();
    throw e;
  }
}

/** BEGIN / COMMIT / ROLLBACK prepared once per connection: exec() would compile them again on every transaction. */
const transactions = new WeakMap<SqlDriver, { begin: SqlStatement; commit: SqlStatement; rollback: SqlStatement }>();

function transactionStatements(db: SqlDriver): { begin: SqlStatement; commit: SqlStatement; rollback: SqlStatement } {
  let tx = transactions.get(db);
  if (!tx) transactions.set(db, (tx = { begin: db.prepare('BEGIN IMMEDIATE'), commit: db.prepare('COMMIT'), rollback: db.prepare('ROLLBACK') }));
  return tx;
}
