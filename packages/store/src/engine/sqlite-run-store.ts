// The run store on SQLite (better-sqlite3, WAL). The hot paths (create, claim,
// checkpoint) use prepared statements on the synchronous handle rather than Kysely:
// building and compiling a Kysely query costs more than the write itself at thousands of
// checkpoints a second (see docs/store.md). One SQLite file has one writer at a time, so
// claims are plain transactions; `waitForWork` wakes on this process's own changes and
// polls otherwise.
import type Database from 'better-sqlite3';
import type { ActionRecordsTable, RunsTable } from '../schema/engine.js';
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
import { WorkSignal } from './work-signal.js';
import type { FlowVersionsTable } from '../schema/engine.js';
import type { RunStore } from '@brook/engine';

const RUN_COLUMNS = [
  'id', 'flow_id', 'flow_version', 'status', 'trigger_name', 'trigger_outputs', 'outputs', 'response', 'error',
  'error_category', 'failed_action', 'connection_ids', 'variables', 'client_tracking_id', 'created_at', 'started_at',
  'ended_at', 'resubmitted_from', 'resubmit_mode', 'resubmit_from_action', 'parent_run_id', 'parent_action_key',
  'lease_owner', 'lease_expires_at', 'cancel_requested', 'suspended', 'wake_at',
] as const;

const ACTION_COLUMNS = [
  'run_id', 'key', 'name', 'type', 'scope_path', 'iteration_path', 'iteration', 'status', 'code', 'inputs', 'outputs',
  'error', 'attempts', 'started_at', 'ended_at', 'connection_id', 'resubmitted', 'tracked_properties', 'seq', 'state',
] as const;

// Positional parameters: binding an array is cheaper than binding named object members.
const UPSERT_ACTION =
  `insert into action_records (${ACTION_COLUMNS.join(', ')}) values (${ACTION_COLUMNS.map(() => '?').join(', ')}) ` +
  `on conflict (run_id, key) do update set ${ACTION_COLUMNS.filter((c) => c !== 'run_id' && c !== 'key')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;

function actionValues(runId: string, action: ActionRecord): unknown[] {
  const row = actionRow(runId, action);
  return ACTION_COLUMNS.map((column) => row[column]);
}

export class SqliteRunStore implements RunStore {
  private readonly statements: ReturnType<SqliteRunStore['prepare']>;
  private readonly updateStatements = new Map<string, Database.Statement>();
  private readonly signal = new WorkSignal();
  private pendingCreates: Array<{ run: NewRun; resolve: (run: RunRecord) => void; reject: (error: unknown) => void }> = [];

  constructor(private readonly sqlite: Database.Database) {
    this.statements = this.prepare();
  }

  private prepare() {
    const db = this.sqlite;
    return {
      insertRun: db.prepare(`insert into runs (${RUN_COLUMNS.join(', ')}) values (${RUN_COLUMNS.map((c) => `@${c}`).join(', ')}) on conflict (id) do nothing`),
      upsertAction: db.prepare(UPSERT_ACTION),
      getRun: db.prepare('select * from runs where id = ?'),
      getActions: db.prepare('select * from action_records where run_id = ? order by seq, key'),
      getAction: db.prepare('select * from action_records where run_id = ? and key = ?'),
      getVersion: db.prepare('select * from flow_versions where flow_id = ? and version = ?'),
      getCurrentVersion: db.prepare('select v.* from flow_versions v join flows f on f.id = v.flow_id and f.current_version = v.version where f.id = ?'),
      leaseOwner: db.prepare<[string], { lease_owner: string | null }>('select lease_owner from runs where id = ?'),
      claimable: db.prepare<[number, number], { id: string }>(
        "select id from runs where status in ('Waiting', 'Running') and suspended = 0 and (lease_expires_at is null or lease_expires_at < ?) order by created_at limit ?",
      ),
      claim: db.prepare('update runs set lease_owner = ?, lease_expires_at = ? where id = ? returning *'),
      renew: db.prepare<[number, string, string], { cancel_requested: number }>(
        'update runs set lease_expires_at = ? where id = ? and lease_owner = ? returning cancel_requested',
      ),
      setVariables: db.prepare('update runs set variables = ? where id = ?'),
      upsertTimer: db.prepare(
        'insert into timers (key, kind, run_id, flow_id, trigger_name, fire_at) values (?, ?, ?, ?, ?, ?) on conflict (key) do update set fire_at = excluded.fire_at, run_id = excluded.run_id, flow_id = excluded.flow_id, trigger_name = excluded.trigger_name',
      ),
      deleteTimer: db.prepare('delete from timers where key = ?'),
      dueWakes: db.prepare<[number, number], { key: string; run_id: string }>(
        "select key, run_id from timers where kind = 'wake' and fire_at <= ? order by fire_at limit ?",
      ),
      wake: db.prepare('update runs set suspended = 0, wake_at = null where id = ? and suspended = 1'),
      setActionState: db.prepare('update action_records set state = ? where run_id = ? and key = ?'),
      cancelRequest: db.prepare('update runs set cancel_requested = 1 where id = ?'),
      cancelWaiting: db.prepare(
        "update runs set status = 'Cancelled', ended_at = ?, lease_owner = null, lease_expires_at = null where id = ? and status = 'Waiting' and (lease_owner is null or lease_expires_at < ?)",
      ),
      dueSchedules: db.prepare<[number, number], { key: string; flow_id: string; trigger_name: string; fire_at: number }>(
        "select key, flow_id, trigger_name, fire_at from timers where kind = 'schedule' and fire_at <= ? order by fire_at limit ?",
      ),
      advanceSchedule: db.prepare("update timers set fire_at = ? where key = ? and kind = 'schedule' and fire_at = ?"),
      deleteSchedule: db.prepare("delete from timers where key = ? and kind = 'schedule' and fire_at = ?"),
      deleteSchedulesOfFlow: db.prepare("delete from timers where kind = 'schedule' and flow_id = ?"),
    };
  }

  /**
   * Runs created in the same turn of the event loop are inserted in one transaction
   * (group commit, like checkpoints); each promise resolves once its run is committed.
   */
  createRun(run: NewRun): Promise<RunRecord> {
    return new Promise((resolve, reject) => {
      this.pendingCreates.push({ run, resolve, reject });
      if (this.pendingCreates.length === 1) setImmediate(() => this.flushCreates());
    });
  }

  private flushCreates(): void {
    const batch = this.pendingCreates;
    this.pendingCreates = [];
    const s = this.statements;
    let rows: RunsTable[];
    try {
      rows = this.sqlite.transaction(() =>
        batch.map(({ run }) => {
          const id = run.id ?? sortableId('run', run.createdAt);
          const row = newRunRow(id, run);
          if (s.insertRun.run(row).changes === 1) {
            for (const action of run.copiedActions ?? []) s.upsertAction.run(actionValues(id, action));
            return row;
          }
          return s.getRun.get(id) as RunsTable;
        }),
      ).immediate();
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    this.signal.notify();
    batch.forEach((pending, index) => pending.resolve(runFromRow(rows[index]!)));
  }

  async getRun(runId: string): Promise<RunRecord | null> {
    const row = this.statements.getRun.get(runId) as RunsTable | undefined;
    return row ? runFromRow(row) : null;
  }

  async loadRun(runId: string): Promise<{ run: RunRecord; actions: ActionRecord[] } | null> {
    const row = this.statements.getRun.get(runId) as RunsTable | undefined;
    if (!row) return null;
    const actions = (this.statements.getActions.all(runId) as ActionRecordsTable[]).map(actionFromRow);
    return { run: runFromRow(row), actions };
  }

  async getAction(runId: string, key: string): Promise<ActionRecord | null> {
    const row = this.statements.getAction.get(runId, key) as ActionRecordsTable | undefined;
    return row ? actionFromRow(row) : null;
  }

  async getFlowVersion(flowId: string, version: number): Promise<FlowVersionRecord | null> {
    const row = this.statements.getVersion.get(flowId, version) as FlowVersionsTable | undefined;
    return row ? flowVersionFromRow(row) : null;
  }

  async getCurrentFlowVersion(flowId: string): Promise<FlowVersionRecord | null> {
    const row = this.statements.getCurrentVersion.get(flowId) as FlowVersionsTable | undefined;
    return row ? flowVersionFromRow(row) : null;
  }

  async claimRuns(owner: string, limit: number, leaseMs: number, now: number): Promise<RunRecord[]> {
    const s = this.statements;
    const rows = this.sqlite.transaction(() => {
      const ids = s.claimable.all(now, limit);
      return ids.map(({ id }) => s.claim.get(owner, now + leaseMs, id) as RunsTable);
    }).immediate();
    return rows.map(runFromRow);
  }

  async renewLeases(owner: string, runIds: string[], leaseMs: number, now: number): Promise<LeaseRenewal> {
    const s = this.statements;
    return this.sqlite.transaction(() => {
      const result: LeaseRenewal = { lost: [], cancelRequested: [] };
      for (const id of runIds) {
        const row = s.renew.get(now + leaseMs, id, owner);
        if (!row) result.lost.push(id);
        else if (row.cancel_requested === 1) result.cancelRequested.push(id);
      }
      return result;
    }).immediate();
  }

  async checkpoint(writes: RunWrite[]): Promise<CheckpointResult> {
    const s = this.statements;
    let woke = false;
    const result = this.sqlite.transaction(() => {
      const rejected: string[] = [];
      for (const write of writes) {
        const lease = s.leaseOwner.get(write.runId);
        if (!lease || lease.lease_owner !== write.leaseOwner) {
          rejected.push(write.runId);
          continue;
        }
        for (const action of write.actions) s.upsertAction.run(actionValues(write.runId, action));
        if (write.variables) s.setVariables.run(JSON.stringify(write.variables), write.runId);
        if (write.run) {
          const { columns, timer } = runAssignments(write.run);
          if (columns.length > 0) this.updateStatement(columns.map(([c]) => c)).run(...columns.map(([, v]) => v), write.runId);
          if (timer === 'delete') s.deleteTimer.run(wakeTimerKey(write.runId));
          else if (timer) s.upsertTimer.run(wakeTimerKey(write.runId), 'wake', write.runId, null, null, timer.fireAt);
          if (write.run.release || write.run.suspend) woke = true;
        }
      }
      return { rejected };
    }).immediate();
    if (woke) this.signal.notify();
    return result;
  }

  private updateStatement(columns: string[]): Database.Statement {
    const signature = columns.join(',');
    let statement = this.updateStatements.get(signature);
    if (!statement) {
      statement = this.sqlite.prepare(`update runs set ${columns.map((c) => `${c} = ?`).join(', ')} where id = ?`);
      this.updateStatements.set(signature, statement);
    }
    return statement;
  }

  async requestCancel(runId: string, now: number): Promise<RunRecord | null> {
    const s = this.statements;
    const row = this.sqlite.transaction(() => {
      s.cancelRequest.run(runId);
      s.cancelWaiting.run(now, runId, now);
      // A sleeping run must wake so a worker ends its in-flight actions as Cancelled.
      if (s.wake.run(runId).changes === 1) s.deleteTimer.run(wakeTimerKey(runId));
      return s.getRun.get(runId) as RunsTable | undefined;
    }).immediate();
    this.signal.notify();
    return row ? runFromRow(row) : null;
  }

  async wakeDueRuns(now: number, limit: number): Promise<number> {
    const s = this.statements;
    const woken = this.sqlite.transaction(() => {
      let count = 0;
      for (const timer of s.dueWakes.all(now, limit)) {
        s.deleteTimer.run(timer.key);
        count += s.wake.run(timer.run_id).changes;
      }
      return count;
    }).immediate();
    if (woken > 0) this.signal.notify();
    return woken;
  }

  async wakeRun(runId: string, actionKey?: string, state?: unknown): Promise<void> {
    const s = this.statements;
    this.sqlite.transaction(() => {
      if (actionKey !== undefined && state !== undefined) s.setActionState.run(JSON.stringify(state), runId, actionKey);
      if (s.wake.run(runId).changes === 1) s.deleteTimer.run(wakeTimerKey(runId));
    }).immediate();
    this.signal.notify();
  }

  waitForWork(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return this.signal.wait(timeoutMs, signal);
  }

  async upsertScheduleTimer(timer: ScheduleTimer): Promise<void> {
    this.statements.upsertTimer.run(timer.key, 'schedule', null, timer.flowId, timer.triggerName, timer.fireAt);
  }

  async deleteScheduleTimers(flowId: string): Promise<void> {
    this.statements.deleteSchedulesOfFlow.run(flowId);
  }

  async dueScheduleTimers(now: number, limit: number): Promise<ScheduleTimer[]> {
    return this.statements.dueSchedules.all(now, limit).map((row) => ({
      key: row.key,
      flowId: row.flow_id,
      triggerName: row.trigger_name,
      fireAt: Number(row.fire_at),
    }));
  }

  async fireScheduleTimer(key: string, fireAt: number, nextFireAt: number | null, run: NewRun): Promise<RunRecord | null> {
    const s = this.statements;
    const id = run.id ?? sortableId('run', run.createdAt);
    const row = this.sqlite.transaction(() => {
      const moved = nextFireAt === null ? s.deleteSchedule.run(key, fireAt) : s.advanceSchedule.run(nextFireAt, key, fireAt);
      if (moved.changes !== 1) return null;
      s.insertRun.run(newRunRow(id, run));
      return s.getRun.get(id) as RunsTable;
    }).immediate();
    if (row) this.signal.notify();
    return row ? runFromRow(row) : null;
  }

  /** Nothing to release (the database handle is closed with the database); here so both stores close alike. */
  async close(): Promise<void> {
    this.signal.notify();
  }
}
