// Writing many rows in one statement on PostgreSQL: action records as one multi-row
// upsert, run changes as one UPDATE … FROM (VALUES …) per set of columns. Fewer round
// trips is what makes a group checkpoint cheap.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import type { ActionRecordsTable } from '../schema/engine.js';

export type Db = Kysely<BrookTables> | Transaction<BrookTables>;

/** Rows per statement (PostgreSQL allows 65,535 parameters; action rows have 20). */
export const INSERT_CHUNK = 1000;

const RUN_COLUMN_TYPES: Record<string, string> = {
  status: 'text',
  started_at: 'bigint',
  ended_at: 'bigint',
  outputs: 'text',
  response: 'text',
  error: 'text',
  error_category: 'text',
  failed_action: 'text',
  connection_ids: 'text',
  variables: 'text',
  lease_owner: 'text',
  lease_expires_at: 'bigint',
  suspended: 'integer',
  wake_at: 'bigint',
};

/** `update runs set c = v.c … from (values (id, c …), …) as v where runs.id = v.id`: many runs, one statement. */
export async function updateRuns(db: Db, columns: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    const values = sql.join(chunk.map((row) => sql`(${sql.join(row)})`));
    const names = sql.join([sql.ref('id'), ...columns.map((column) => sql.ref(column))]);
    const assignments = sql.join(columns.map((column) => sql`${sql.ref(column)} = v.${sql.ref(column)}::${sql.raw(RUN_COLUMN_TYPES[column] ?? 'text')}`));
    await sql`update runs set ${assignments} from (values ${values}) as v(${names}) where runs.id = v.id`.execute(db);
  }
}

export async function upsertActionRows(db: Db, rows: ActionRecordsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    await db
      .insertInto('action_records')
      .values(chunk)
      .onConflict((c) =>
        c.columns(['run_id', 'key']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          type: eb.ref('excluded.type'),
          scope_path: eb.ref('excluded.scope_path'),
          iteration_path: eb.ref('excluded.iteration_path'),
          iteration: eb.ref('excluded.iteration'),
          status: eb.ref('excluded.status'),
          code: eb.ref('excluded.code'),
          inputs: eb.ref('excluded.inputs'),
          outputs: eb.ref('excluded.outputs'),
          error: eb.ref('excluded.error'),
          attempts: eb.ref('excluded.attempts'),
          started_at: eb.ref('excluded.started_at'),
          ended_at: eb.ref('excluded.ended_at'),
          connection_id: eb.ref('excluded.connection_id'),
          resubmitted: eb.ref('excluded.resubmitted'),
          tracked_properties: eb.ref('excluded.tracked_properties'),
          seq: eb.ref('excluded.seq'),
          state: eb.ref('excluded.state'),
        })),
      )
      .execute();
  }
}
