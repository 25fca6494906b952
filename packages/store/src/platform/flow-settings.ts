// Platform settings of a flow: the key that signs its callback URLs and whether its owners
// get failure alerts. Which connection each connection reference uses belongs to the flow
// version (FlowVersionRecord.connections): the old connection_map column is superseded,
// no longer read or written.
import type { Kysely, Selectable } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import type { FlowSettingsTable } from '../schema/platform.js';

export interface FlowSettings {
  flowId: string;
  triggerKey: string;
  failureAlerts: boolean;
  createdAt: number;
  updatedAt: number;
}

function toRecord(row: Selectable<FlowSettingsTable>): FlowSettings {
  return {
    flowId: row.flow_id,
    triggerKey: row.trigger_key,
    failureAlerts: Number(row.failure_alerts) === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export class FlowSettingsRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  async create(input: { flowId: string; triggerKey: string }, now = Date.now()): Promise<FlowSettings> {
    const row = {
      flow_id: input.flowId,
      trigger_key: input.triggerKey,
      failure_alerts: 1,
      connection_map: '{}',
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('flow_settings').values(row).onConflict((oc) => oc.column('flow_id').doNothing()).execute();
    return (await this.get(input.flowId)) ?? toRecord(row);
  }

  async get(flowId: string): Promise<FlowSettings | undefined> {
    const row = await this.db.selectFrom('flow_settings').selectAll().where('flow_id', '=', flowId).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async getMany(flowIds: readonly string[]): Promise<Map<string, FlowSettings>> {
    const out = new Map<string, FlowSettings>();
    if (flowIds.length === 0) return out;
    const rows = await this.db.selectFrom('flow_settings').selectAll().where('flow_id', 'in', [...new Set(flowIds)]).execute();
    for (const row of rows) out.set(row.flow_id, toRecord(row));
    return out;
  }

  async setTriggerKey(flowId: string, triggerKey: string, now = Date.now()): Promise<void> {
    await this.db.updateTable('flow_settings').set({ trigger_key: triggerKey, updated_at: now }).where('flow_id', '=', flowId).execute();
  }

  async setFailureAlerts(flowId: string, on: boolean, now = Date.now()): Promise<void> {
    await this.db.updateTable('flow_settings').set({ failure_alerts: on ? 1 : 0, updated_at: now }).where('flow_id', '=', flowId).execute();
  }

  async delete(flowId: string): Promise<void> {
    await this.db.deleteFrom('flow_settings').where('flow_id', '=', flowId).execute();
  }
}
