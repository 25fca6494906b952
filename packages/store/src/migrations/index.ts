// All migrations, applied in name order at start by migrateToLatest(). Engine and
// platform migrations live in their own lists; names carry a sortable prefix
// (`0001_…` engine, `0100_…` platform) and are never renamed once released.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { engineMigrations } from './engine.js';
import { platformMigrations } from './platform.js';
import type { DialectName } from '../database.js';

export type DialectMigration = (db: Kysely<unknown>, dialect: DialectName) => Promise<void>;

export interface NamedMigration {
  name: string;
  up: DialectMigration;
}

class ListProvider implements MigrationProvider {
  constructor(
    private readonly migrations: NamedMigration[],
    private readonly dialect: DialectName,
  ) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const all: Record<string, Migration> = {};
    for (const migration of this.migrations) {
      all[migration.name] = { up: (db) => migration.up(db, this.dialect) };
    }
    return all;
  }
}

export async function migrateToLatest(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: new ListProvider([...engineMigrations, ...platformMigrations], dialect),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const where = failed ? ` in migration ${failed.migrationName}` : '';
    throw new Error(`Database migration failed${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
