// Reading run history for the API and the portal: lists with filters and a cursor,
// the runs that resubmitted a run, per-day counts.
import type { Kysely } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import type { RunRecord, RunStatus } from './records.js';
import { runFromRow } from './rows.js';

export interface RunListFilter {
  flowId?: string;
  /** Only runs of these flows (what the caller may see). */
  flowIds?: string[];
  /** Only these runs (live updates load the runs another process changed). */
  runIds?: string[];
  status?: RunStatus;
  /** created_at range, epoch ms, inclusive from / exclusive to. */
  from?: number;
  to?: number;
  /** Runs in which a call through this connection failed. */
  connectionId?: string;
  /** Error category of the run's error. */
  category?: string;
  resubmittedFrom?: string;
  /** Opaque cursor from a previous page. */
  cursor?: string | null;
  limit?: number;
}

export interface RunPage {
  items: RunRecord[];
  nextCursor: string | null;
}

function encodeCursor(run: RunRecord): string {
  return Buffer.from(JSON.stringify([run.createdAt, run.id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // fall through
  }
  return null;
}

export class RunQueries {
  constructor(private readonly db: Kysely<BrookTables>) {}

  /** Newest first. Variables are not loaded (lists stay light); use the run store's getRun for one run. */
  async listRuns(filter: RunListFilter = {}): Promise<RunPage> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
    let query = this.db.selectFrom('runs').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1);
    if (filter.flowId !== undefined) query = query.where('flow_id', '=', filter.flowId);
    if (filter.flowIds !== undefined) {
      if (filter.flowIds.length === 0) return { items: [], nextCursor: null };
      query = query.where('flow_id', 'in', filter.flowIds);
    }
    if (filter.runIds !== undefined) {
      if (filter.runIds.length === 0) return { items: [], nextCursor: null };
      query = query.where('id', 'in', filter.runIds);
    }
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
    if (filter.category !== undefined) query = query.where('error_category', '=', filter.category);
    if (filter.resubmittedFrom !== undefined) query = query.where('resubmitted_from', '=', filter.resubmittedFrom);
    if (filter.connectionId !== undefined) query = query.where('connection_ids', 'like', `%${JSON.stringify(filter.connectionId)}%`);
    if (filter.cursor) {
      const position = decodeCursor(filter.cursor);
      if (position) {
        const [createdAt, id] = position;
        query = query.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
      }
    }
    const rows = await query.execute();
    const items = rows.slice(0, limit).map((row) => ({ ...runFromRow(row), variables: {} }));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** For each run id, the ids of the runs that resubmitted it (oldest first). */
  async resubmittedAs(runIds: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(runIds.map((id) => [id, []]));
    if (runIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('runs')
      .select(['id', 'resubmitted_from'])
      .where('resubmitted_from', 'in', runIds)
      .orderBy('created_at')
      .execute();
    for (const row of rows) if (row.resubmitted_from) result.get(row.resubmitted_from)?.push(row.id);
    return result;
  }

  /** Runs per status and UTC day since `from`, optionally for one flow. */
  async countByDay(from: number, flowId?: string): Promise<Array<{ day: string; status: RunStatus; count: number }>> {
    let query = this.db.selectFrom('runs').select(['created_at', 'status']).where('created_at', '>=', from);
    if (flowId !== undefined) query = query.where('flow_id', '=', flowId);
    const counts = new Map<string, number>();
    for (const row of await query.execute()) {
      const key = `${new Date(Number(row.created_at)).toISOString().slice(0, 10)}|${row.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts].map(([key, count]) => {
      const [day, status] = key.split('|') as [string, RunStatus];
      return { day, status, count };
    });
  }

  /** Deletes finished runs created before `before` (retention); returns how many. */
  async deleteRunsBefore(before: number): Promise<number> {
    const result = await this.db
      .deleteFrom('runs')
      .where('created_at', '<', before)
      .where('status', 'not in', ['Waiting', 'Running'])
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
