// Flows and their versions. A version is a definition plus the connection each of its
// connection references maps to; changing either adds a version. Runs keep the version
// they started on, so history always shows the definition and connections that ran.
import type { Kysely } from 'kysely';
import type { WorkflowDefinition } from '@brook/wdl';
import type { BrookTables } from '../schema/tables.js';
import type { FlowsTable, FlowVersionsTable } from '../schema/engine.js';
import type { FlowVersionRecord } from './records.js';
import { flowVersionFromRow } from './rows.js';
import { sortableId } from './ids.js';

/** Format of the stored definition; bump when it changes and upgrade on read. */
export const DEFINITION_SCHEMA_VERSION = 1;

export interface FlowRecord {
  id: string;
  name: string;
  description: string;
  ownerId: string | null;
  enabled: boolean;
  currentVersion: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewFlow {
  id?: string;
  name: string;
  description?: string;
  ownerId?: string | null;
  enabled?: boolean;
  definition: WorkflowDefinition;
  /** Connection reference name → connection id for the first version. */
  connections?: Record<string, string>;
  createdBy?: string | null;
  now?: number;
}

/** What a new version changes: a definition replaces the current one; connections are merged into its mapping. */
export interface VersionChanges {
  definition?: WorkflowDefinition;
  connections?: Record<string, string>;
}

export interface RevisedVersion {
  version: FlowVersionRecord;
  /** False when the changes left definition and mapping as they were: `version` is the current one. */
  created: boolean;
  /** The version the new one follows (null if it was missing); when none was created, the current one. */
  previous: FlowVersionRecord | null;
}

/** Same mapping whatever the order of its keys. */
function sameConnections(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => b[key] === a[key]);
}

class Unchanged extends Error {
  constructor(readonly current: FlowVersionRecord) {
    super('unchanged');
  }
}

function flowFromRow(row: FlowsTable): FlowRecord {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    ownerId: row.owner_id,
    enabled: Number(row.enabled) === 1,
    currentVersion: Number(row.current_version),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export class FlowRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  /** Creates a flow with its first version. */
  async createFlow(flow: NewFlow): Promise<FlowRecord> {
    const now = flow.now ?? Date.now();
    const id = flow.id ?? sortableId('flow', now);
    const row: FlowsTable = {
      id,
      name: flow.name,
      description: flow.description ?? '',
      owner_id: flow.ownerId ?? null,
      enabled: flow.enabled === false ? 0 : 1,
      current_version: 1,
      created_at: now,
      updated_at: now,
    };
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('flows').values(row).execute();
      await trx
        .insertInto('flow_versions')
        .values({
          flow_id: id,
          version: 1,
          definition: JSON.stringify(flow.definition),
          schema_version: DEFINITION_SCHEMA_VERSION,
          connections: JSON.stringify(flow.connections ?? {}),
          created_at: now,
          created_by: flow.createdBy ?? null,
        })
        .execute();
    });
    return flowFromRow(row);
  }

  async getFlow(id: string): Promise<FlowRecord | null> {
    const row = await this.db.selectFrom('flows').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? flowFromRow(row) : null;
  }

  async listFlows(filter: { ownerId?: string; ids?: string[] } = {}): Promise<FlowRecord[]> {
    let query = this.db.selectFrom('flows').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc');
    if (filter.ownerId !== undefined) query = query.where('owner_id', '=', filter.ownerId);
    if (filter.ids !== undefined) {
      if (filter.ids.length === 0) return [];
      query = query.where('id', 'in', filter.ids);
    }
    return (await query.execute()).map(flowFromRow);
  }

  /** Changes name, description or enabled without a new version. */
  async updateFlow(id: string, changes: { name?: string; description?: string; enabled?: boolean; ownerId?: string | null }, now = Date.now()): Promise<FlowRecord | null> {
    const set: Partial<FlowsTable> = { updated_at: now };
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.description !== undefined) set.description = changes.description;
    if (changes.enabled !== undefined) set.enabled = changes.enabled ? 1 : 0;
    if (changes.ownerId !== undefined) set.owner_id = changes.ownerId;
    const row = await this.db.updateTable('flows').set(set).where('id', '=', id).returningAll().executeTakeFirst();
    return row ? flowFromRow(row) : null;
  }

  /**
   * Adds a version with `definition` and makes it current. Its mapping is `connections`
   * when given, otherwise the previous version's (read in the same transaction).
   * Concurrent saves get distinct numbers.
   */
  async saveVersion(flowId: string, definition: WorkflowDefinition, createdBy: string | null = null, now = Date.now(), connections?: Record<string, string>): Promise<FlowVersionRecord | null> {
    return this.addVersion(flowId, (previous) => ({ definition, connections: connections ?? previous?.connections ?? {} }), createdBy, now);
  }

  /**
   * Adds a version made of the current one and `changes`: the definition replaced when
   * given, the mapping merged with `changes.connections`. When nothing differs, no version
   * is added. Read and write happen in one transaction, so concurrent revisions each build
   * on the one before (none loses the other's change).
   */
  async reviseVersion(flowId: string, changes: VersionChanges, createdBy: string | null = null, now = Date.now()): Promise<RevisedVersion | null> {
    let before: FlowVersionRecord | null = null;
    try {
      const version = await this.addVersion(
        flowId,
        (previous) => {
          before = previous;
          const definition = changes.definition ?? previous?.definition ?? {};
          const connections = { ...previous?.connections, ...changes.connections };
          if (previous && JSON.stringify(previous.definition) === JSON.stringify(definition) && sameConnections(previous.connections, connections)) throw new Unchanged(previous);
          return { definition, connections };
        },
        createdBy,
        now,
      );
      return version ? { version, created: true, previous: before } : null;
    } catch (error) {
      if (error instanceof Unchanged) return { version: error.current, created: false, previous: error.current };
      throw error;
    }
  }

  /**
   * Takes the next version number (the update locks the flow's row, so concurrent callers
   * queue here), reads the version it follows, and inserts what `build` makes of it.
   * `build` may throw to roll everything back.
   */
  private async addVersion(
    flowId: string,
    build: (previous: FlowVersionRecord | null) => { definition: WorkflowDefinition; connections: Record<string, string> },
    createdBy: string | null,
    now: number,
  ): Promise<FlowVersionRecord | null> {
    return this.db.transaction().execute(async (trx) => {
      const flow = await trx
        .updateTable('flows')
        .set((eb) => ({ current_version: eb('current_version', '+', 1), updated_at: now }))
        .where('id', '=', flowId)
        .returning(['current_version'])
        .executeTakeFirst();
      if (!flow) return null;
      const version = Number(flow.current_version);
      const before = await trx.selectFrom('flow_versions').selectAll().where('flow_id', '=', flowId).where('version', '=', version - 1).executeTakeFirst();
      const next = build(before ? flowVersionFromRow(before) : null);
      const row: FlowVersionsTable = {
        flow_id: flowId,
        version,
        definition: JSON.stringify(next.definition),
        schema_version: DEFINITION_SCHEMA_VERSION,
        connections: JSON.stringify(next.connections),
        created_at: now,
        created_by: createdBy,
      };
      await trx.insertInto('flow_versions').values(row).execute();
      return flowVersionFromRow(row);
    });
  }

  async getVersion(flowId: string, version: number): Promise<FlowVersionRecord | null> {
    const row = await this.db.selectFrom('flow_versions').selectAll().where('flow_id', '=', flowId).where('version', '=', version).executeTakeFirst();
    return row ? flowVersionFromRow(row) : null;
  }

  async getCurrentVersion(flowId: string): Promise<FlowVersionRecord | null> {
    const flow = await this.getFlow(flowId);
    return flow ? this.getVersion(flowId, flow.currentVersion) : null;
  }

  /** Newest first. */
  async listVersions(flowId: string): Promise<FlowVersionRecord[]> {
    const rows = await this.db.selectFrom('flow_versions').selectAll().where('flow_id', '=', flowId).orderBy('version', 'desc').execute();
    return rows.map(flowVersionFromRow);
  }

  /** Deletes the flow, its versions and its schedule timers; its runs stay in history. */
  async deleteFlow(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('timers').where('kind', '=', 'schedule').where('flow_id', '=', id).execute();
      const result = await trx.deleteFrom('flows').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }
}
