// Personal API tokens for scripts and the CLI. Stored as SHA-256 hashes; the token itself
// is shown once, when it is created.
import type { Kysely, Selectable } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import type { ApiTokensTable } from '../schema/platform.js';
import type { UserRecord } from './users.js';
import { newId } from './ids.js';

export interface ApiTokenRecord {
  id: string;
  userId: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

function toRecord(row: Selectable<ApiTokensTable>): ApiTokenRecord {
  return { id: row.id, userId: row.user_id, name: row.name, createdAt: Number(row.created_at), lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at) };
}

export class ApiTokenRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  async create(input: { userId: string; name: string; tokenHash: string }, now = Date.now()): Promise<ApiTokenRecord> {
    const row = { id: newId('tok', now), user_id: input.userId, name: input.name, token_hash: input.tokenHash, created_at: now, last_used_at: null };
    await this.db.insertInto('api_tokens').values(row).execute();
    return toRecord(row);
  }

  async findByHash(tokenHash: string): Promise<{ token: ApiTokenRecord; user: UserRecord } | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .select([
        'api_tokens.id as tid',
        'api_tokens.name as token_name',
        'api_tokens.created_at as t_created',
        'api_tokens.last_used_at',
        'users.id',
        'users.email',
        'users.name',
        'users.role',
        'users.password_hash',
        'users.created_at',
      ])
      .where('api_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      token: { id: row.tid, userId: row.id, name: row.token_name, createdAt: Number(row.t_created), lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at) },
      user: { id: row.id, email: row.email, name: row.name, role: row.role, passwordHash: row.password_hash, createdAt: Number(row.created_at) },
    };
  }

  async listForUser(userId: string): Promise<ApiTokenRecord[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id').execute();
    return rows.map(toRecord);
  }

  /** Deletes the token when it belongs to the user; false when there was no such token. */
  async delete(id: string, userId: string): Promise<boolean> {
    const result = await this.db.deleteFrom('api_tokens').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async markUsed(id: string, now = Date.now()): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
  }
}
