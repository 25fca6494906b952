// The link between a failed run and the connection whose call failed: what makes "12 runs
// of 3 flows failed because of this connection since 09:14" and "resubmit them all" possible.
import type { Kysely } from 'kysely';
import type { BrookTables } from '../schema/tables.js';

export interface ConnectionFailure {
  runId: string;
  connectionId: string;
  flowId: string;
  actionName: string;
  category: string;
  status: number | null;
  failedAt: number;
  resubmittedAt: number | null;
}

export interface BrokenCount {
  runs: number;
  flows: number;
  since: number | null;
}

export class ConnectionFailureRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  /** Records the link; recording the same run and connection twice keeps the first. */
  async record(failure: Omit<ConnectionFailure, 'resubmittedAt'>): Promise<void> {
    await this.db
      .insertInto('connection_failures')
      .values({
        run_id: failure.runId,
        connection_id: failure.connectionId,
        flow_id: failure.flowId,
        action_name: failure.actionName,
        category: failure.category,
        status: failure.status,
        failed_at: failure.failedAt,
        resubmitted_at: null,
      })
      .onConflict((oc) => oc.columns(['run_id', 'connection_id']).doNothing())
      .execute();
  }

  /** Runs broken by the connection and not resubmitted yet, oldest first. */
  async openFor(connectionId: string, since?: number): Promise<ConnectionFailure[]> {
    let query = this.db
      .selectFrom('connection_failures')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('resubmitted_at', 'is', null);
    if (since !== undefined) query = query.where('failed_at', '>=', since);
    const rows = await query.orderBy('failed_at').orderBy('run_id').execute();
    return rows.map((row) => ({
      runId: row.run_id,
      connectionId: row.connection_id,
      flowId: row.flow_id,
      actionName: row.action_name,
      category: row.category,
      status: row.status === null ? null : Number(row.status),
      failedAt: Number(row.failed_at),
      resubmittedAt: null,
    }));
  }

  /** connection id → how many runs (of how many flows) it broke, still waiting for a resubmit. */
  async brokenCounts(connectionIds: readonly string[]): Promise<Map<string, BrokenCount>> {
    const out = new Map<string, BrokenCount>();
    if (connectionIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('connection_failures')
      .select((eb) => [
        'connection_id',
        eb.fn.count<number>('run_id').as('runs'),
        eb.fn.count<number>('flow_id').distinct().as('flows'),
        eb.fn.min<number>('failed_at').as('since'),
      ])
      .where('connection_id', 'in', [...new Set(connectionIds)])
      .where('resubmitted_at', 'is', null)
      .groupBy('connection_id')
      .execute();
    for (const row of rows) out.set(row.connection_id, { runs: Number(row.runs), flows: Number(row.flows), since: row.since === null ? null : Number(row.since) });
    return out;
  }

  /** run id → the connections whose calls failed in it. */
  async connectionsOfRuns(runIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (runIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('connection_failures')
      .select(['run_id', 'connection_id'])
      .where('run_id', 'in', [...new Set(runIds)])
      .execute();
    for (const row of rows) out.set(row.run_id, [...(out.get(row.run_id) ?? []), row.connection_id]);
    return out;
  }

  async runIdsFor(connectionId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('connection_failures').select('run_id').where('connection_id', '=', connectionId).execute();
    return rows.map((row) => row.run_id);
  }

  /** The run was resubmitted: it no longer counts as broken by any connection. */
  async markResubmitted(runId: string, now = Date.now()): Promise<void> {
    await this.db.updateTable('connection_failures').set({ resubmitted_at: now }).where('run_id', '=', runId).where('resubmitted_at', 'is', null).execute();
  }

  async deleteForConnection(connectionId: string): Promise<void> {
    await this.db.deleteFrom('connection_failures').where('connection_id', '=', connectionId).execute();
  }
}
