// The run store on PostgreSQL, through Kysely. Workers on many machines share it:
// claims take rows with FOR UPDATE SKIP LOCKED so no two workers get the same run,
// checkpoints lock the runs they write and skip those whose lease moved on, timers fire
// once because taking one deletes or moves its row under a lock, and NOTIFY wakes idle
// workers when work appears.
import { sql, type Kysely } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import type {
  ActionRecord,
  CheckpointResult,
  FlowVersionRecord,
  LeaseRenewal,
  NewRun,
  RunRecord,
  RunWrite,
  ScheduleTimer,
} from './records.js';
import { actionFromRow, actionRow, flowVersionFromRow, newRunRow, runFromRow } from './rows.js';
import { runAssignments, wakeTimerKey } from './run-update.js';
import { sortableId } from './ids.js';
import { PostgresListener } from './postgres-listener.js';
import { INSERT_CHUNK, updateRuns, upsertActionRows, type Db } from './postgres-bulk.js';
import type { RunsTable } from '../schema/engine.js';
import type { RunStore } from '@brook/engine';

const CHANNEL = 'brook_work';

export class PostgresRunStore implements RunStore {
  private readonly listener: PostgresListener;
  private pendingCreates: Array<{ run: NewRun; resolve: (run: RunRecord) => void; reject: (error: unknown) => void }> = [];

  constructor(
    private readonly db: Kysely<BrookTables>,
    url: string,
  ) {
    this.listener = new PostgresListener(url, CHANNEL);
  }

  private async notify(db: Db = this.db): Promise<void> {
    await sql`select pg_notify(${CHANNEL}, '')`.execute(db);
  }

  /** Runs created in the same turn share one transaction (like checkpoints); each resolves once committed. */
  createRun(run: NewRun): Promise<RunRecord> {
    return new Promise((resolve, reject) => {
      this.pendingCreates.push({ run, resolve, reject });
      if (this.pendingCreates.length === 1) setImmediate(() => void this.flushCreates());
    });
  }

  private async flushCreates(): Promise<void> {
    const batch = this.pendingCreates;
    this.pendingCreates = [];
    try {
      const rows = await this.db.transaction().execute(async (trx) => {
        const wanted = batch.map(({ run }) => newRunRow(run.id ?? sortableId('run', run.createdAt), run));
        const unique = [...new Map(wanted.map((row) => [row.id, row])).values()];
        const inserted = new Map<string, RunsTable>();
        for (let i = 0; i < unique.length; i += INSERT_CHUNK) {
          const chunk = await trx.insertInto('runs').values(unique.slice(i, i + INSERT_CHUNK)).onConflict((c) => c.column('id').doNothing()).returningAll().execute();
          for (const row of chunk) inserted.set(row.id, row);
        }
        const missing = wanted.filter((row) => !inserted.has(row.id)).map((row) => row.id);
        const existing = missing.length === 0 ? [] : await trx.selectFrom('runs').selectAll().where('id', 'in', missing).execute();
        const byId = new Map([...existing.map((row) => [row.id, row] as const), ...inserted]);
        const copied = batch.flatMap(({ run }, index) => (inserted.has(wanted[index]!.id) ? (run.copiedActions ?? []).map((action) => actionRow(wanted[index]!.id, action)) : []));
        await upsertActionRows(trx, copied);
        if (batch.some(({ run }) => !run.claim)) await this.notify(trx);
        return wanted.map((row) => byId.get(row.id)!);
      });
      batch.forEach((pending, index) => pending.resolve(runFromRow(rows[index]!)));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }

  async getRun(runId: string): Promise<RunRecord | null> {
    const row = await this.db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
    return row ? runFromRow(row) : null;
  }

  async loadRun(runId: string): Promise<{ run: RunRecord; actions: ActionRecord[] } | null> {
    const row = await this.db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
    if (!row) return null;
    const actions = await this.db.selectFrom('action_records').selectAll().where('run_id', '=', runId).orderBy('seq').orderBy('key').execute();
    return { run: runFromRow(row), actions: actions.map(actionFromRow) };
  }

  async getAction(runId: string, key: string): Promise<ActionRecord | null> {
    const row = await this.db.selectFrom('action_records').selectAll().where('run_id', '=', runId).where('key', '=', key).executeTakeFirst();
    return row ? actionFromRow(row) : null;
  }

  async getFlowVersion(flowId: string, version: number): Promise<FlowVersionRecord | null> {
    const row = await this.db.selectFrom('flow_versions').selectAll().where('flow_id', '=', flowId).where('version', '=', version).executeTakeFirst();
    return row ? flowVersionFromRow(row) : null;
  }

  async getCurrentFlowVersion(flowId: string): Promise<FlowVersionRecord | null> {
    const row = await this.db
      .selectFrom('flow_versions as v')
      .innerJoin('flows as f', (join) => join.onRef('f.id', '=', 'v.flow_id').onRef('f.current_version', '=', 'v.version'))
      .selectAll('v')
      .where('f.id', '=', flowId)
      .executeTakeFirst();
    return row ? flowVersionFromRow(row) : null;
  }

  async claimRuns(owner: string, limit: number, leaseMs: number, now: number): Promise<RunRecord[]> {
    const result = await sql<RunsTable>`
      with picked as (
        select id from runs
        where status in ('Waiting', 'Running') and suspended = 0 and (lease_expires_at is null or lease_expires_at < ${now})
        order by created_at
        limit ${limit}
        for update skip locked
      )
      update runs set lease_owner = ${owner}, lease_expires_at = ${now + leaseMs}
      from picked where runs.id = picked.id
      returning runs.*`.execute(this.db);
    return result.rows.map(runFromRow);
  }

  async renewLeases(owner: string, runIds: string[], leaseMs: number, now: number): Promise<LeaseRenewal> {
    if (runIds.length === 0) return { lost: [], cancelRequested: [] };
    const rows = await this.db
      .updateTable('runs')
      .set({ lease_expires_at: now + leaseMs })
      .where('id', 'in', runIds)
      .where('lease_owner', '=', owner)
      .returning(['id', 'cancel_requested'])
      .execute();
    const held = new Set(rows.map((row) => row.id));
    return {
      lost: runIds.filter((id) => !held.has(id)),
      cancelRequested: rows.filter((row) => Number(row.cancel_requested) === 1).map((row) => row.id),
    };
  }

  async checkpoint(writes: RunWrite[]): Promise<CheckpointResult> {
    if (writes.length === 0) return { rejected: [] };
    let woke = false;
    const result = await this.db.transaction().execute(async (trx) => {
      const ids = [...new Set(writes.map((write) => write.runId))];
      const leases = await trx.selectFrom('runs').select(['id', 'lease_owner']).where('id', 'in', ids).orderBy('id').forUpdate().execute();
      const owners = new Map(leases.map((row) => [row.id, row.lease_owner]));
      const rejected: string[] = [];
      const accepted = writes.filter((write) => {
        const ok = owners.get(write.runId) === write.leaseOwner;
        if (!ok) rejected.push(write.runId);
        return ok;
      });
      const rows = accepted.flatMap((write) => write.actions.map((action) => actionRow(write.runId, action)));
      // Later records of the same key in one batch win (a retry replaces its Running record).
      const unique = new Map(rows.map((row) => [`${row.run_id}\u0000${row.key}`, row]));
      await upsertActionRows(trx, [...unique.values()]);
      // Run changes: one UPDATE … FROM (VALUES …) per set of changed columns, not one per run.
      const groups = new Map<string, { columns: string[]; rows: unknown[][] }>();
      for (const write of accepted) {
        const columns: Array<[string, unknown]> = [];
        if (write.variables) columns.push(['variables', JSON.stringify(write.variables)]);
        let timer: ReturnType<typeof runAssignments>['timer'] = null;
        if (write.run) {
          const assignments = runAssignments(write.run);
          columns.push(...assignments.columns);
          timer = assignments.timer;
          if (write.run.release || write.run.suspend) woke = true;
        }
        if (columns.length > 0) {
          const signature = columns.map(([column]) => column).join(',');
          const group = groups.get(signature) ?? { columns: columns.map(([column]) => column), rows: [] };
          group.rows.push([write.runId, ...columns.map(([, value]) => value)]);
          groups.set(signature, group);
        }
        if (timer === 'delete') await trx.deleteFrom('timers').where('key', '=', wakeTimerKey(write.runId)).execute();
        else if (timer) await this.upsertWakeTimer(trx, write.runId, timer.fireAt);
      }
      for (const group of groups.values()) await updateRuns(trx, group.columns, group.rows);
      if (woke) await this.notify(trx);
      return { rejected };
    });
    return result;
  }

  private async upsertWakeTimer(db: Db, runId: string, fireAt: number): Promise<void> {
    await db
      .insertInto('timers')
      .values({ key: wakeTimerKey(runId), kind: 'wake', run_id: runId, flow_id: null, trigger_name: null, fire_at: fireAt })
      .onConflict((c) => c.column('key').doUpdateSet({ fire_at: fireAt }))
      .execute();
  }

  async requestCancel(runId: string, now: number): Promise<RunRecord | null> {
    const row = await this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('runs').selectAll().where('id', '=', runId).forUpdate().executeTakeFirst();
      if (!current) return undefined;
      const leaseFree = current.lease_owner === null || Number(current.lease_expires_at) < now;
      const set: Record<string, unknown> = { cancel_requested: 1 };
      if (current.status === 'Waiting' && leaseFree) Object.assign(set, { status: 'Cancelled', ended_at: now, lease_owner: null, lease_expires_at: null });
      if (Number(current.suspended) === 1) {
        // A sleeping run must wake so a worker ends its in-flight actions as Cancelled.
        Object.assign(set, { suspended: 0, wake_at: null });
        await trx.deleteFrom('timers').where('key', '=', wakeTimerKey(runId)).execute();
      }
      const updated = await trx.updateTable('runs').set(set).where('id', '=', runId).returningAll().executeTakeFirstOrThrow();
      await this.notify(trx);
      return updated;
    });
    return row ? runFromRow(row) : null;
  }

  async wakeDueRuns(now: number, limit: number): Promise<number> {
    const result = await sql<{ id: string }>`
      with due as (
        delete from timers where key in (
          select key from timers where kind = 'wake' and fire_at <= ${now} order by fire_at limit ${limit} for update skip locked
        ) returning run_id
      )
      update runs set suspended = 0, wake_at = null from due where runs.id = due.run_id and runs.suspended = 1
      returning runs.id`.execute(this.db);
    if (result.rows.length > 0) await this.notify();
    return result.rows.length;
  }

  async wakeRun(runId: string, actionKey?: string, state?: unknown): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      if (actionKey !== undefined && state !== undefined) {
        await trx.updateTable('action_records').set({ state: JSON.stringify(state) }).where('run_id', '=', runId).where('key', '=', actionKey).execute();
      }
      const woken = await trx.updateTable('runs').set({ suspended: 0, wake_at: null }).where('id', '=', runId).where('suspended', '=', 1).executeTakeFirst();
      if (Number(woken.numUpdatedRows) > 0) await trx.deleteFrom('timers').where('key', '=', wakeTimerKey(runId)).execute();
      await this.notify(trx);
    });
  }

  waitForWork(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return this.listener.wait(timeoutMs, signal);
  }

  async upsertScheduleTimer(timer: ScheduleTimer): Promise<void> {
    await this.db
      .insertInto('timers')
      .values({ key: timer.key, kind: 'schedule', run_id: null, flow_id: timer.flowId, trigger_name: timer.triggerName, fire_at: timer.fireAt })
      .onConflict((c) => c.column('key').doUpdateSet({ fire_at: timer.fireAt, flow_id: timer.flowId, trigger_name: timer.triggerName }))
      .execute();
  }

  async deleteScheduleTimers(flowId: string): Promise<void> {
    await this.db.deleteFrom('timers').where('kind', '=', 'schedule').where('flow_id', '=', flowId).execute();
  }

  async dueScheduleTimers(now: number, limit: number): Promise<ScheduleTimer[]> {
    const rows = await this.db.selectFrom('timers').selectAll().where('kind', '=', 'schedule').where('fire_at', '<=', now).orderBy('fire_at').limit(limit).execute();
    return rows.map((row) => ({ key: row.key, flowId: row.flow_id ?? '', triggerName: row.trigger_name ?? '', fireAt: Number(row.fire_at) }));
  }

  async fireScheduleTimer(key: string, fireAt: number, nextFireAt: number | null, run: NewRun): Promise<RunRecord | null> {
    const id = run.id ?? sortableId('run', run.createdAt);
    const row = await this.db.transaction().execute(async (trx) => {
      const moved =
        nextFireAt === null
          ? await trx.deleteFrom('timers').where('key', '=', key).where('kind', '=', 'schedule').where('fire_at', '=', fireAt).executeTakeFirst()
          : await trx.updateTable('timers').set({ fire_at: nextFireAt }).where('key', '=', key).where('kind', '=', 'schedule').where('fire_at', '=', fireAt).executeTakeFirst();
      const changed = 'numDeletedRows' in moved ? moved.numDeletedRows : moved.numUpdatedRows;
      if (Number(changed) !== 1) return null;
      const inserted = await trx.insertInto('runs').values(newRunRow(id, run)).returningAll().executeTakeFirstOrThrow();
      await this.notify(trx);
      return inserted;
    });
    return row ? runFromRow(row) : null;
  }

  async close(): Promise<void> {
    await this.listener.close();
  }
}
