// Upgrading a database whose connection mappings still live on the flow
// (flow_settings.connection_map): the migration gives every version of the flow that
// mapping, on SQLite (a real file) and PostgreSQL (the test cluster).
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@brook/testkit';
import { openDatabase, type BrookDatabase } from '../database.js';
import { createRunStore, FlowRepository } from '../engine/index.js';
import { engineMigrations } from './engine.js';
import { migrateToLatest } from './index.js';
import { platformMigrations } from './platform.js';

const NEW_MIGRATION = '0003_engine_version_connections';

/** The schema as it was before the mapping moved to versions. */
async function migrateToOldShape(database: BrookDatabase): Promise<void> {
  const db = database.db as unknown as Kysely<unknown>;
  const released = [...engineMigrations, ...platformMigrations].filter((migration) => migration.name !== NEW_MIGRATION);
  expect(released).toHaveLength(engineMigrations.length + platformMigrations.length - 1);
  const migrations: Record<string, Migration> = Object.fromEntries(released.map((m) => [m.name, { up: (trx: Kysely<unknown>) => m.up(trx, database.dialect) }]));
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  expect(error).toBeUndefined();
}

/** Rows written the way Brook wrote them before: the mapping on flow_settings only. */
async function writeOldRows(database: BrookDatabase): Promise<void> {
  const db = database.db as unknown as Kysely<unknown>;
  const definition = JSON.stringify({ triggers: { manual: { type: 'Request' } }, actions: {} });
  await sql`insert into flows (id, name, description, owner_id, enabled, current_version, created_at, updated_at) values
    ('flow_mapped', 'Mapped', '', 'usr_1', 1, 2, 1, 2),
    ('flow_plain', 'Plain', '', 'usr_1', 1, 1, 1, 1),
    ('flow_bare', 'No settings', '', 'usr_1', 1, 1, 1, 1)`.execute(db);
  await sql`insert into flow_versions (flow_id, version, definition, schema_version, created_at, created_by) values
    ('flow_mapped', 1, ${definition}, 1, 1, 'usr_1'),
    ('flow_mapped', 2, ${definition}, 1, 2, 'usr_1'),
    ('flow_plain', 1, ${definition}, 1, 1, 'usr_1'),
    ('flow_bare', 1, ${definition}, 1, 1, 'usr_1')`.execute(db);
  const map = JSON.stringify({ shared_office365: 'con_mail', orders: 'con_orders' });
  await sql`insert into flow_settings (flow_id, trigger_key, failure_alerts, connection_map, created_at, updated_at) values
    ('flow_mapped', 'key-1', 1, ${map}, 1, 2),
    ('flow_plain', 'key-2', 1, '{}', 1, 1)`.execute(db);
}

function describeUpgrade(dialect: string, open: () => Promise<{ database: BrookDatabase; cleanup(): Promise<void> }>): void {
  describe(`moving connection mappings to flow versions on ${dialect}`, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('copies each flow mapping into its versions, and new versions keep it', async () => {
      const opened = await open();
      const { database } = opened;
      cleanups.push(() => opened.cleanup());
      await migrateToOldShape(database);
      await writeOldRows(database);

      await migrateToLatest(database.db as unknown as Kysely<unknown>, database.dialect);

      const flows = new FlowRepository(database.db);
      const expected = { shared_office365: 'con_mail', orders: 'con_orders' };
      expect((await flows.getCurrentVersion('flow_mapped'))?.connections).toEqual(expected);
      // Older versions ran with the same mapping until now: resubmitting their runs from an action still finds it.
      expect((await flows.getVersion('flow_mapped', 1))?.connections).toEqual(expected);
      expect((await flows.listVersions('flow_mapped')).map((v) => v.connections)).toEqual([expected, expected]);
      expect((await flows.getCurrentVersion('flow_plain'))?.connections).toEqual({});
      expect((await flows.getCurrentVersion('flow_bare'))?.connections).toEqual({});
      // The engine's store reads the same rows.
      const store = createRunStore(database);
      cleanups.push(() => store.close());
      expect((await store.getFlowVersion('flow_mapped', 1))?.connections).toEqual(expected);
      expect((await store.getCurrentFlowVersion('flow_mapped'))?.connections).toEqual(expected);

      const third = await flows.reviseVersion('flow_mapped', { connections: { orders: 'con_orders_2' } }, 'usr_1');
      expect(third).toMatchObject({ created: true, version: { version: 3, connections: { shared_office365: 'con_mail', orders: 'con_orders_2' } } });
      // A second start finds nothing left to do.
      await migrateToLatest(database.db as unknown as Kysely<unknown>, database.dialect);
      expect((await flows.getVersion('flow_mapped', 3))?.connections).toEqual({ shared_office365: 'con_mail', orders: 'con_orders_2' });
    });
  });
}

describeUpgrade('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'brook-migrate-'));
  const database = openDatabase({ url: join(dir, 'brook.db') });
  return {
    database,
    cleanup: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeUpgrade('PostgreSQL', async () => {
  const test = await createTestDatabase('migrate');
  const database = openDatabase({ url: test.url });
  return {
    database,
    cleanup: async () => {
      await database.close();
      await test.drop();
    },
  };
});
