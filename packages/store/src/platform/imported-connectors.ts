// Connectors imported from OpenAPI documents. Stored as the connector definition the
// connectors package produced (JSON); every process loads them into its registry.
import type { Kysely } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import { fromJson, toJson } from './json.js';

export interface ImportedConnectorRecord {
  id: string;
  name: string;
  definition: unknown;
  importedBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export class ImportedConnectorRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  /** Adds the connector, or replaces the one with the same id. */
  async save(input: { id: string; name: string; definition: unknown; importedBy: string | null }, now = Date.now()): Promise<void> {
    await this.db
      .insertInto('imported_connectors')
      .values({ id: input.id, name: input.name, definition: toJson(input.definition), imported_by: input.importedBy, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: input.name, definition: toJson(input.definition), imported_by: input.importedBy, updated_at: now }))
      .execute();
  }

  async list(): Promise<ImportedConnectorRecord[]> {
    const rows = await this.db.selectFrom('imported_connectors').selectAll().orderBy('name').execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      definition: fromJson<unknown>(row.definition, null),
      importedBy: row.imported_by,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    }));
  }

  /** The newest change, so a process can tell cheaply whether to reload. */
  async lastChange(): Promise<number> {
    const row = await this.db.selectFrom('imported_connectors').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirst();
    return row?.at === null || row?.at === undefined ? 0 : Number(row.at);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('imported_connectors').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
