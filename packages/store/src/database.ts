// Opening the database: SQLite (better-sqlite3, WAL) by default, PostgreSQL (pg) when a
// postgres:// URL is given. Everything above this file speaks Kysely and does not know
// which one it has; the few places where SQL must differ ask `db.dialect`.
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BrookTables } from './schema/tables.js';

export type DialectName = 'sqlite' | 'postgres';

export interface BrookDatabase {
  db: Kysely<BrookTables>;
  dialect: DialectName;
  /** The URL it was opened with (PostgreSQL: a second connection LISTENs on it). */
  url: string;
  /** The SQLite handle, for the few things Kysely does not do (pragmas, backups). */
  sqlite?: Database.Database;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** `postgres://…` for PostgreSQL; a file path (or ':memory:') for SQLite. */
  url: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** Told when PostgreSQL ends an idle pooled connection (a restart, a failover, an administrator). */
  onConnectionLost?: (error: Error) => void;
}

// int8 (bigint) columns hold epoch milliseconds and counters: read them as numbers.
pg.types.setTypeParser(20, (value) => Number(value));

export function openDatabase(options: OpenDatabaseOptions): BrookDatabase {
  if (/^postgres(ql)?:\/\//.test(options.url)) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle connection that the server ends emits 'error' on the pool; unheard, that
    // would end the process. The pool drops that connection and opens a new one on demand.
    pool.on('error', (error) => options.onConnectionLost?.(error));
    const db = new Kysely<BrookTables>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', url: options.url, close: () => db.destroy() };
  }
  const file = options.url.replace(/^sqlite:(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<BrookTables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', sqlite, url: options.url, close: () => db.destroy() };
}
