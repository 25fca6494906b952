// @brook/store — persistence: schema, migrations, repositories, the work queue. SQLite and PostgreSQL through Kysely.
export { openDatabase, type BrookDatabase, type DialectName, type OpenDatabaseOptions } from './database.js';
export { migrateToLatest } from './migrations/index.js';
export type { BrookTables } from './schema/tables.js';

// Platform: accounts, flow ownership and trigger keys, connections, notifications, audit, jobs, schedules
export * from './platform/index.js';
export type * from './schema/platform.js';

// Engine: run store (the RunStore port of @brook/engine), flows and versions, run history
export * from './engine/index.js';
