// Recurrence triggers fire once per due time across every process: the first process to
// insert (flow, trigger, due time) fires it; the others see the row and do nothing.
import type { Kysely } from 'kysely';
import type { BrookTables } from '../schema/tables.js';

export class ScheduleFireRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  /** True only for the one caller that claimed this due time. */
  async claim(flowId: string, triggerName: string, dueAt: number, now = Date.now()): Promise<boolean> {
    const result = await this.db
      .insertInto('schedule_fires')
      .values({ flow_id: flowId, trigger_name: triggerName, due_at: dueAt, fired_at: now, run_id: null })
      .onConflict((oc) => oc.columns(['flow_id', 'trigger_name', 'due_at']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async setRunId(flowId: string, triggerName: string, dueAt: number, runId: string): Promise<void> {
    await this.db
      .updateTable('schedule_fires')
      .set({ run_id: runId })
      .where('flow_id', '=', flowId)
      .where('trigger_name', '=', triggerName)
      .where('due_at', '=', dueAt)
      .execute();
  }

  /** The latest due time already fired for the trigger, if any. */
  async lastDue(flowId: string, triggerName: string): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('schedule_fires')
      .select((eb) => eb.fn.max<number>('due_at').as('due'))
      .where('flow_id', '=', flowId)
      .where('trigger_name', '=', triggerName)
      .executeTakeFirst();
    return row?.due === null || row?.due === undefined ? undefined : Number(row.due);
  }

  async countFor(flowId: string, triggerName: string): Promise<number> {
    const row = await this.db
      .selectFrom('schedule_fires')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('flow_id', '=', flowId)
      .where('trigger_name', '=', triggerName)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Keeps the table small: fire times older than `before` are no longer needed. */
  async prune(before: number): Promise<void> {
    await this.db.deleteFrom('schedule_fires').where('due_at', '<', before).execute();
  }
}
