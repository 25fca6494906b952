// Portal sessions. The cookie value is a random token; only its SHA-256 is stored, so a
// copy of the database does not let anyone sign in.
import type { Kysely } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import type { UserRecord } from './users.js';

export interface SessionRecord {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

export class SessionRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  async create(session: SessionRecord): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: session.id,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
        last_seen_at: session.lastSeenAt,
      })
      .execute();
  }

  /** The live session with this hashed id and its user; undefined when unknown or expired. */
  async findLive(id: string, now = Date.now()): Promise<{ session: SessionRecord; user: UserRecord } | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as sid',
        'sessions.csrf_token',
        'sessions.created_at as s_created',
        'sessions.expires_at',
        'sessions.last_seen_at',
        'users.id',
        'users.email',
        'users.name',
        'users.role',
        'users.password_hash',
        'users.created_at',
      ])
      .where('sessions.id', '=', id)
      .where('sessions.expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      session: {
        id: row.sid,
        userId: row.id,
        csrfToken: row.csrf_token,
        createdAt: Number(row.s_created),
        expiresAt: Number(row.expires_at),
        lastSeenAt: Number(row.last_seen_at),
      },
      user: { id: row.id, email: row.email, name: row.name, role: row.role, passwordHash: row.password_hash, createdAt: Number(row.created_at) },
    };
  }

  /** Slides the expiry forward (called at most once a minute per session). */
  async touch(id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteExpired(now = Date.now()): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
