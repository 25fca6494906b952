// The engine's side of the store: the run store (the RunStore port of @brook/engine),
// flows and versions, run history queries.
import type { BrookDatabase } from '../database.js';
import { PostgresRunStore } from './postgres-run-store.js';
import { SqliteRunStore } from './sqlite-run-store.js';

export type * from './records.js';
export { FlowRepository, DEFINITION_SCHEMA_VERSION, type FlowRecord, type NewFlow, type VersionChanges, type RevisedVersion } from './flows.js';
export { RunQueries, type RunListFilter, type RunPage } from './run-queries.js';
export { SqliteRunStore } from './sqlite-run-store.js';
export { PostgresRunStore } from './postgres-run-store.js';
export { sortableId } from './ids.js';

export type SqlRunStore = SqliteRunStore | PostgresRunStore;

/** The run store for an open database: prepared statements on SQLite, Kysely with SKIP LOCKED and NOTIFY on PostgreSQL. */
export function createRunStore(database: BrookDatabase): SqlRunStore {
  if (database.dialect === 'sqlite') {
    if (!database.sqlite) throw new Error('createRunStore: the SQLite database has no handle.');
    return new SqliteRunStore(database.sqlite);
  }
  if (!database.url) throw new Error('createRunStore: the PostgreSQL database has no URL for LISTEN.');
  return new PostgresRunStore(database.db, database.url);
}
