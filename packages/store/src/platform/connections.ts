// Connections: a connector plus credentials, owned by one user and usable by those it is
// shared with. Secrets arrive here already sealed by the keyring; this layer never sees
// them in clear.
import type { Kysely, Selectable } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import type { ConnectionsTable, ConnectionStatusValue } from '../schema/platform.js';
import { newId } from './ids.js';
import { fromJson, toJson } from './json.js';

export interface ConnectionRecord {
  id: string;
  ownerId: string;
  name: string;
  connectorId: string;
  authType: string;
  parameters: Record<string, unknown>;
  secretNames: string[];
  secretsSealed: string | null;
  status: ConnectionStatusValue;
  statusReason: string | null;
  lastCheckedAt: number | null;
  lastSuccessAt: number | null;
  tokenExpiresAt: number | null;
  revision: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewConnection {
  id?: string;
  ownerId: string;
  name: string;
  connectorId: string;
  authType: string;
  parameters: Record<string, unknown>;
  secretNames: string[];
  secretsSealed: string | null;
  status: ConnectionStatusValue;
  statusReason: string | null;
}

export interface ConnectionStatusChange {
  status: ConnectionStatusValue;
  statusReason: string | null;
  checkedAt: number;
  /** Set when the check succeeded. */
  succeededAt?: number;
}

const optionalNumber = (value: number | null): number | null => (value === null ? null : Number(value));

function toRecord(row: Selectable<ConnectionsTable>): ConnectionRecord {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    connectorId: row.connector_id,
    authType: row.auth_type,
    parameters: fromJson<Record<string, unknown>>(row.parameters, {}),
    secretNames: fromJson<string[]>(row.secret_names, []),
    secretsSealed: row.secrets_sealed,
    status: row.status,
    statusReason: row.status_reason,
    lastCheckedAt: optionalNumber(row.last_checked_at),
    lastSuccessAt: optionalNumber(row.last_success_at),
    tokenExpiresAt: optionalNumber(row.token_expires_at),
    revision: Number(row.revision),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export class ConnectionRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  async create(input: NewConnection, now = Date.now()): Promise<ConnectionRecord> {
    const row = {
      id: input.id ?? newId('con', now),
      owner_id: input.ownerId,
      name: input.name,
      connector_id: input.connectorId,
      auth_type: input.authType,
      parameters: toJson(input.parameters),
      secret_names: toJson(input.secretNames),
      secrets_sealed: input.secretsSealed,
      status: input.status,
      status_reason: input.statusReason,
      last_checked_at: null,
      last_success_at: null,
      token_expires_at: null,
      revision: 0,
      refresh_holder: null,
      refresh_until: null,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('connections').values(row).execute();
    return toRecord(row);
  }

  async get(id: string): Promise<ConnectionRecord | undefined> {
    const row = await this.db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async getMany(ids: readonly string[]): Promise<ConnectionRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('connections').selectAll().where('id', 'in', [...new Set(ids)]).execute();
    return rows.map(toRecord);
  }

  async listAll(): Promise<ConnectionRecord[]> {
    const rows = await this.db.selectFrom('connections').selectAll().orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** The connections a user owns or that are shared with them. */
  async listVisibleTo(userId: string): Promise<ConnectionRecord[]> {
    const rows = await this.db
      .selectFrom('connections')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('owner_id', '=', userId),
          eb('id', 'in', eb.selectFrom('connection_shares').select('connection_id').where('user_id', '=', userId)),
        ]),
      )
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async update(id: string, patch: { name?: string; parameters?: Record<string, unknown> }, now = Date.now()): Promise<void> {
    await this.db
      .updateTable('connections')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.parameters !== undefined ? { parameters: toJson(patch.parameters) } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Replaces the credentials; bumps the revision so an in-flight token refresh sees the change. */
  async replaceCredentials(
    id: string,
    input: { secretsSealed: string | null; secretNames: string[]; parameters?: Record<string, unknown>; tokenExpiresAt?: number | null },
    now = Date.now(),
  ): Promise<void> {
    await this.db
      .updateTable('connections')
      .set((eb) => ({
        secrets_sealed: input.secretsSealed,
        secret_names: toJson(input.secretNames),
        ...(input.parameters !== undefined ? { parameters: toJson(input.parameters) } : {}),
        ...(input.tokenExpiresAt !== undefined ? { token_expires_at: input.tokenExpiresAt } : {}),
        revision: eb('revision', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', id)
      .execute();
  }

  /**
   * Replaces the credentials only if nobody changed them since `revision` was read
   * (a refreshed OAuth token must not overwrite credentials a person just verified).
   */
  async replaceCredentialsIfRevision(
    id: string,
    revision: number,
    input: { secretsSealed: string | null; secretNames: string[]; tokenExpiresAt?: number | null },
    now = Date.now(),
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('connections')
      .set({
        secrets_sealed: input.secretsSealed,
        secret_names: toJson(input.secretNames),
        ...(input.tokenExpiresAt !== undefined ? { token_expires_at: input.tokenExpiresAt } : {}),
        revision: revision + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('revision', '=', revision)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Stores a connection as given (the connection service chose its id, status and sealed secrets). */
  async insert(record: ConnectionRecord): Promise<void> {
    await this.db
      .insertInto('connections')
      .values({
        id: record.id,
        owner_id: record.ownerId,
        name: record.name,
        connector_id: record.connectorId,
        auth_type: record.authType,
        parameters: toJson(record.parameters),
        secret_names: toJson(record.secretNames),
        secrets_sealed: record.secretsSealed,
        status: record.status,
        status_reason: record.statusReason,
        last_checked_at: record.lastCheckedAt,
        last_success_at: record.lastSuccessAt,
        token_expires_at: record.tokenExpiresAt,
        revision: record.revision,
        refresh_holder: null,
        refresh_until: null,
        created_at: record.createdAt,
        updated_at: record.updatedAt,
      })
      .execute();
  }

  async listIds(): Promise<string[]> {
    const rows = await this.db.selectFrom('connections').select('id').orderBy('id').execute();
    return rows.map((row) => row.id);
  }

  /**
   * Compare-and-swap write of credentials (and optionally parameters and status): applied
   * only when the stored revision equals `expectedRevision`; returns the new revision.
   */
  async writeCredentials(
    id: string,
    write: {
      expectedRevision: number;
      parameters?: Record<string, unknown>;
      secretNames: string[];
      secretsSealed: string | null;
      tokenExpiresAt: number | null;
      status?: ConnectionStatusChange;
    },
    now = Date.now(),
  ): Promise<{ ok: true; revision: number } | { ok: false }> {
    const revision = write.expectedRevision + 1;
    const result = await this.db
      .updateTable('connections')
      .set({
        secrets_sealed: write.secretsSealed,
        secret_names: toJson(write.secretNames),
        token_expires_at: write.tokenExpiresAt,
        ...(write.parameters !== undefined ? { parameters: toJson(write.parameters) } : {}),
        ...(write.status
          ? {
              status: write.status.status,
              status_reason: write.status.statusReason,
              last_checked_at: write.status.checkedAt,
              ...(write.status.succeededAt !== undefined ? { last_success_at: write.status.succeededAt } : {}),
            }
          : {}),
        revision,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('revision', '=', write.expectedRevision)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0 ? { ok: true, revision } : { ok: false };
  }

  /** Takes the refresh lease for `holder` when it is free or its holder's time is over. */
  async acquireRefreshLease(id: string, holder: string, until: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('connections')
      .set({ refresh_holder: holder, refresh_until: until })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('refresh_holder', 'is', null), eb('refresh_holder', '=', holder), eb('refresh_until', '<=', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async releaseRefreshLease(id: string, holder: string): Promise<void> {
    await this.db.updateTable('connections').set({ refresh_holder: null, refresh_until: null }).where('id', '=', id).where('refresh_holder', '=', holder).execute();
  }

  /** Records the outcome of a check or a call; returns the status it had before. */
  async setStatus(id: string, change: ConnectionStatusChange): Promise<ConnectionStatusValue | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('connections').select('status').where('id', '=', id).executeTakeFirst();
      if (!before) return undefined;
      await trx
        .updateTable('connections')
        .set({
          status: change.status,
          status_reason: change.statusReason,
          last_checked_at: change.checkedAt,
          ...(change.succeededAt !== undefined ? { last_success_at: change.succeededAt } : {}),
        })
        .where('id', '=', id)
        .execute();
      return before.status;
    });
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async share(connectionId: string, userId: string, now = Date.now()): Promise<void> {
    await this.db
      .insertInto('connection_shares')
      .values({ connection_id: connectionId, user_id: userId, created_at: now })
      .onConflict((oc) => oc.columns(['connection_id', 'user_id']).doNothing())
      .execute();
  }

  async unshare(connectionId: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('connection_shares').where('connection_id', '=', connectionId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** connection id → the user ids it is shared with. */
  async sharesOf(connectionIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (connectionIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('connection_shares')
      .select(['connection_id', 'user_id'])
      .where('connection_id', 'in', [...new Set(connectionIds)])
      .orderBy('created_at')
      .execute();
    for (const row of rows) out.set(row.connection_id, [...(out.get(row.connection_id) ?? []), row.user_id]);
    return out;
  }
}
