// @brook/store — persistence: schema, migrations, repositories, the work queue. SQLite and PostgreSQL through Kysely.
export { openDatabase, type BrookDatabase, type DialectName, type OpenDatabaseOptions } from './database.js';
export { migrateToLatest } from './migrations/index.js';
export type { BrookTables } from './schema/tables.js';
