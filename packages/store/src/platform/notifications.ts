// Portal notifications and the open causes that keep them from repeating: a cause
// ("flow F is failing") is opened once, notified once, and closed when it is fixed.
import type { Kysely, Selectable } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import type { NotificationKind, NotificationsTable } from '../schema/platform.js';
import { newId } from './ids.js';

export interface NotificationRecord {
  id: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  message: string;
  link: string;
  createdAt: number;
  readAt: number | null;
}

function toRecord(row: Selectable<NotificationsTable>): NotificationRecord {
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    title: row.title,
    message: row.message,
    link: row.link,
    createdAt: Number(row.created_at),
    readAt: row.read_at === null ? null : Number(row.read_at),
  };
}

export class NotificationRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  async create(input: Omit<NotificationRecord, 'id' | 'createdAt' | 'readAt'>, now = Date.now()): Promise<NotificationRecord> {
    const row = { id: newId('ntf', now), user_id: input.userId, kind: input.kind, title: input.title, message: input.message, link: input.link, created_at: now, read_at: null };
    await this.db.insertInto('notifications').values(row).execute();
    return toRecord(row);
  }

  async listForUser(userId: string, limit = 100): Promise<NotificationRecord[]> {
    const rows = await this.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toRecord);
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async get(id: string): Promise<NotificationRecord | undefined> {
    const row = await this.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async markRead(id: string, userId: string, now = Date.now()): Promise<boolean> {
    const result = await this.db.updateTable('notifications').set({ read_at: now }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markAllRead(userId: string, now = Date.now()): Promise<void> {
    await this.db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
  }

  /** Opens a cause for a user; true only for the call that opened it (so only one notice goes out). */
  async openCause(cause: string, userId: string, now = Date.now()): Promise<boolean> {
    const result = await this.db
      .insertInto('notification_causes')
      .values({ cause, user_id: userId, opened_at: now })
      .onConflict((oc) => oc.columns(['cause', 'user_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** The cause is fixed: the next time it happens, it is notified again. */
  async closeCause(cause: string): Promise<void> {
    await this.db.deleteFrom('notification_causes').where('cause', '=', cause).execute();
  }

  async openCauses(userId?: string): Promise<{ cause: string; userId: string; openedAt: number }[]> {
    let query = this.db.selectFrom('notification_causes').selectAll();
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const rows = await query.orderBy('opened_at').execute();
    return rows.map((row) => ({ cause: row.cause, userId: row.user_id, openedAt: Number(row.opened_at) }));
  }
}
