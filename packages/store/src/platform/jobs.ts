// Background jobs (bulk resubmit, bulk cancel) with one row per run to handle, so progress
// is readable at any time and a job survives a restart: whichever process holds the lease
// works through the pending items; when its lease lapses another process takes over.
import type { Kysely, Selectable } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import type { JobItemState, JobKind, JobsTable, JobStatus } from '../schema/platform.js';
import { newId } from './ids.js';
import { fromJson, toJson } from './json.js';

export interface JobRecord {
  id: string;
  kind: JobKind;
  ownerId: string;
  status: JobStatus;
  params: Record<string, unknown>;
  total: number;
  done: number;
  failed: number;
  createdAt: number;
  finishedAt: number | null;
}

export interface JobItem {
  seq: number;
  runId: string;
  state: JobItemState;
  newRunId: string | null;
  error: string | null;
}

function toRecord(row: Selectable<JobsTable>): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    ownerId: row.owner_id,
    status: row.status,
    params: fromJson<Record<string, unknown>>(row.params, {}),
    total: Number(row.total),
    done: Number(row.done),
    failed: Number(row.failed),
    createdAt: Number(row.created_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  };
}

const INSERT_CHUNK = 200;

export class JobRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  async create(input: { kind: JobKind; ownerId: string; params: Record<string, unknown>; runIds: readonly string[] }, now = Date.now()): Promise<JobRecord> {
    const id = newId('job', now);
    const finished = input.runIds.length === 0;
    const row = {
      id,
      kind: input.kind,
      owner_id: input.ownerId,
      status: (finished ? 'succeeded' : 'queued') as JobStatus,
      params: toJson(input.params),
      total: input.runIds.length,
      done: 0,
      failed: 0,
      lease_owner: null,
      lease_until: null,
      created_at: now,
      finished_at: finished ? now : null,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('jobs').values(row).execute();
      for (let start = 0; start < input.runIds.length; start += INSERT_CHUNK) {
        const chunk = input.runIds.slice(start, start + INSERT_CHUNK);
        await trx
          .insertInto('job_items')
          .values(chunk.map((runId, index) => ({ job_id: id, seq: start + index, run_id: runId, state: 'pending' as const, new_run_id: null, error: null })))
          .execute();
      }
    });
    return toRecord(row);
  }

  async get(id: string): Promise<JobRecord | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async items(jobId: string): Promise<JobItem[]> {
    const rows = await this.db.selectFrom('job_items').selectAll().where('job_id', '=', jobId).orderBy('seq').execute();
    return rows.map((row) => ({ seq: Number(row.seq), runId: row.run_id, state: row.state, newRunId: row.new_run_id, error: row.error }));
  }

  /** Takes the lease of the oldest job that is waiting or whose worker went away. */
  async claimNext(leaseOwner: string, leaseMs: number, now = Date.now()): Promise<JobRecord | undefined> {
    const candidates = await this.db
      .selectFrom('jobs')
      .select('id')
      .where('status', 'in', ['queued', 'running'])
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('id')
      .limit(5)
      .execute();
    for (const { id } of candidates) {
      const result = await this.db
        .updateTable('jobs')
        .set({ status: 'running', lease_owner: leaseOwner, lease_until: now + leaseMs })
        .where('id', '=', id)
        .where('status', 'in', ['queued', 'running'])
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) return this.get(id);
    }
    return undefined;
  }

  /** Extends the lease; false when another process has taken the job over. */
  async renewLease(jobId: string, leaseOwner: string, leaseMs: number, now = Date.now()): Promise<boolean> {
    const result = await this.db
      .updateTable('jobs')
      .set({ lease_until: now + leaseMs })
      .where('id', '=', jobId)
      .where('lease_owner', '=', leaseOwner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async pendingItems(jobId: string, limit: number): Promise<JobItem[]> {
    const rows = await this.db.selectFrom('job_items').selectAll().where('job_id', '=', jobId).where('state', '=', 'pending').orderBy('seq').limit(limit).execute();
    return rows.map((row) => ({ seq: Number(row.seq), runId: row.run_id, state: row.state, newRunId: row.new_run_id, error: row.error }));
  }

  /** Records the outcome of items and advances the job's counters in one transaction. */
  async completeItems(jobId: string, outcomes: readonly { seq: number; newRunId: string | null; error: string | null }[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.db.transaction().execute(async (trx) => {
      let done = 0;
      let failed = 0;
      for (const outcome of outcomes) {
        const result = await trx
          .updateTable('job_items')
          .set({ state: outcome.error === null ? 'done' : 'failed', new_run_id: outcome.newRunId, error: outcome.error })
          .where('job_id', '=', jobId)
          .where('seq', '=', outcome.seq)
          .where('state', '=', 'pending')
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) continue;
        done += 1;
        if (outcome.error !== null) failed += 1;
      }
      await trx
        .updateTable('jobs')
        .set((eb) => ({ done: eb('done', '+', done), failed: eb('failed', '+', failed) }))
        .where('id', '=', jobId)
        .execute();
    });
  }

  async finish(jobId: string, status: Extract<JobStatus, 'succeeded' | 'failed'>, now = Date.now()): Promise<void> {
    await this.db.updateTable('jobs').set({ status, finished_at: now, lease_owner: null, lease_until: null }).where('id', '=', jobId).execute();
  }
}
