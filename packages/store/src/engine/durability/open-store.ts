// Opening a real store for the durability tests of the engine on this store (SQLite file or PostgreSQL).
import type { Kysely } from 'kysely';
import { openDatabase, type BrookDatabase } from '../../database.js';
import { migrateToLatest } from '../../migrations/index.js';
import { createRunStore, FlowRepository, type SqlRunStore } from '../index.js';

export interface OpenStore {
  database: BrookDatabase;
  store: SqlRunStore;
  flows: FlowRepository;
  close(): Promise<void>;
}

export async function openStore(url: string): Promise<OpenStore> {
  const database = openDatabase({ url });
  await migrateToLatest(database.db as unknown as Kysely<unknown>, database.dialect);
  const store = createRunStore(database);
  return {
    database,
    store,
    flows: new FlowRepository(database.db),
    async close() {
      await store.close();
      await database.close();
    },
  };
}
