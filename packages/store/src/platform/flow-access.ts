// Who may see and change a flow: its owner and the co-owners it is shared with. The
// engine's flow tables do not know about people; this table is the platform's view.
import type { Kysely } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import type { FlowAccessRole } from '../schema/platform.js';

export interface FlowAccessEntry {
  flowId: string;
  userId: string;
  role: FlowAccessRole;
  createdAt: number;
}

export class FlowAccessRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  async setOwner(flowId: string, userId: string, now = Date.now()): Promise<void> {
    await this.db
      .insertInto('flow_access')
      .values({ flow_id: flowId, user_id: userId, role: 'owner', created_at: now })
      .onConflict((oc) => oc.columns(['flow_id', 'user_id']).doUpdateSet({ role: 'owner' }))
      .execute();
  }

  /** Adds a co-owner; the owner stays the owner. */
  async addCoOwner(flowId: string, userId: string, now = Date.now()): Promise<void> {
    await this.db
      .insertInto('flow_access')
      .values({ flow_id: flowId, user_id: userId, role: 'co-owner', created_at: now })
      .onConflict((oc) => oc.columns(['flow_id', 'user_id']).doNothing())
      .execute();
  }

  /** Removes a co-owner; never the owner. True when someone was removed. */
  async removeCoOwner(flowId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('flow_access')
      .where('flow_id', '=', flowId)
      .where('user_id', '=', userId)
      .where('role', '=', 'co-owner')
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listForFlows(flowIds: readonly string[]): Promise<FlowAccessEntry[]> {
    if (flowIds.length === 0) return [];
    const rows = await this.db.selectFrom('flow_access').selectAll().where('flow_id', 'in', [...new Set(flowIds)]).orderBy('created_at').execute();
    return rows.map((row) => ({ flowId: row.flow_id, userId: row.user_id, role: row.role, createdAt: Number(row.created_at) }));
  }

  async roleOf(flowId: string, userId: string): Promise<FlowAccessRole | undefined> {
    const row = await this.db.selectFrom('flow_access').select('role').where('flow_id', '=', flowId).where('user_id', '=', userId).executeTakeFirst();
    return row?.role;
  }

  async flowIdsForUser(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('flow_access').select('flow_id').where('user_id', '=', userId).execute();
    return rows.map((row) => row.flow_id);
  }

  async ownerOf(flowId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('flow_access').select('user_id').where('flow_id', '=', flowId).where('role', '=', 'owner').executeTakeFirst();
    return row?.user_id;
  }

  async removeFlow(flowId: string): Promise<void> {
    await this.db.deleteFrom('flow_access').where('flow_id', '=', flowId).execute();
  }
}
