// Engine tables (see schema/engine.ts). The same statements run on SQLite and
// PostgreSQL: text, bigint (epoch ms) and integer columns only.
import { sql, type Kysely } from 'kysely';
import type { NamedMigration } from './index.js';
import type { DialectName } from '../database.js';

async function flows(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('flows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('flows_owner').on('flows').column('owner_id').execute();
  await db.schema
    .createTable('flow_versions')
    .addColumn('flow_id', 'text', (c) => c.notNull().references('flows.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('schema_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('flow_versions_pk', ['flow_id', 'version'])
    .execute();
}

async function runs(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('flow_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('trigger_name', 'text', (c) => c.notNull())
    .addColumn('trigger_outputs', 'text', (c) => c.notNull())
    .addColumn('outputs', 'text')
    .addColumn('response', 'text')
    .addColumn('error', 'text')
    .addColumn('error_category', 'text')
    .addColumn('failed_action', 'text')
    .addColumn('connection_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('variables', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('client_tracking_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('resubmitted_from', 'text')
    .addColumn('resubmit_mode', 'text')
    .addColumn('resubmit_from_action', 'text')
    .addColumn('parent_run_id', 'text')
    .addColumn('parent_action_key', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'bigint')
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suspended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('wake_at', 'bigint')
    .execute();
  // The work queue: runnable runs in creation order (a partial index stays small).
  await sql`create index runs_runnable on runs (created_at) where status in ('Waiting', 'Running') and suspended = 0`.execute(db);
  await db.schema.createIndex('runs_flow_created').on('runs').columns(['flow_id', 'created_at']).execute();
  await db.schema.createIndex('runs_created').on('runs').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('runs_resubmitted_from').on('runs').column('resubmitted_from').execute();
  await db.schema
    .createTable('action_records')
    .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('scope_path', 'text', (c) => c.notNull())
    .addColumn('iteration_path', 'text', (c) => c.notNull())
    .addColumn('iteration', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('inputs', 'text')
    .addColumn('outputs', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('connection_id', 'text')
    .addColumn('resubmitted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tracked_properties', 'text')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('state', 'text')
    .addPrimaryKeyConstraint('action_records_pk', ['run_id', 'key'])
    .execute();
  await db.schema
    .createTable('timers')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('flow_id', 'text')
    .addColumn('trigger_name', 'text')
    .addColumn('fire_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('timers_due').on('timers').columns(['kind', 'fire_at']).execute();
}

async function tableExists(db: Kysely<unknown>, dialect: DialectName, table: string): Promise<boolean> {
  if (dialect === 'postgres') {
    const { rows } = await sql<{ found: string | null }>`select to_regclass(${table})::text as found`.execute(db);
    return rows[0]?.found != null;
  }
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  return rows.length > 0;
}

/**
 * A flow version maps each connection reference to a connection, so a run resolves its
 * references the way its version says (resubmitting from an action keeps them). The
 * mapping used to belong to the flow (flow_settings.connection_map): it is copied into
 * every existing version, since each of them ran with it until now. On a new database
 * the platform tables come later and there is nothing to copy.
 */
async function versionConnections(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('flow_versions').addColumn('connections', 'text', (c) => c.notNull().defaultTo('{}')).execute();
  if (!(await tableExists(db, dialect, 'flow_settings'))) return;
  await sql`
    update flow_versions set connections = (select s.connection_map from flow_settings s where s.flow_id = flow_versions.flow_id)
    where exists (select 1 from flow_settings s where s.flow_id = flow_versions.flow_id and s.connection_map <> '{}')
  `.execute(db);
}

export const engineMigrations: NamedMigration[] = [
  { name: '0001_engine_flows', up: (db) => flows(db) },
  { name: '0002_engine_runs', up: (db) => runs(db) },
  { name: '0003_engine_version_connections', up: versionConnections },
];
