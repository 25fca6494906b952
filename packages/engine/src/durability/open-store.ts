// Opening a real store for the engine's durability tests (SQLite file or PostgreSQL).
import type { Kysely } from 'kysely';
import { createRunStore, FlowRepository, migrateToLatest, openDatabase, type BrookDatabase, type SqlRunStore } from '@brook/store';

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
