// The audit log: who signed in, changed a connection, resubmitted runs, shared something.
// Details are plain facts and never hold a secret.
import type { Kysely } from 'kysely';
import type { BrookTables } from '../schema/tables.js';
import { newId } from './ids.js';
import { fromJson, toJson } from './json.js';

export interface AuditRecord {
  id: string;
  at: number;
  actorId: string | null;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

export interface AuditPage {
  items: AuditRecord[];
  nextCursor: string | null;
}

export class AuditRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  async record(entry: { actorId: string | null; action: string; target: string; detail?: Record<string, unknown> }, now = Date.now()): Promise<AuditRecord> {
    const record: AuditRecord = { id: newId('aud', now), at: now, actorId: entry.actorId, action: entry.action, target: entry.target, detail: entry.detail ?? {} };
    await this.db
      .insertInto('audit')
      .values({ id: record.id, at: now, actor_id: record.actorId, action: record.action, target: record.target, detail: toJson(record.detail) })
      .execute();
    return record;
  }

  /** Newest first; `cursor` is the id of the last entry of the previous page. */
  async list(options: { actorId?: string; action?: string; cursor?: string; limit?: number } = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 500);
    let query = this.db.selectFrom('audit').selectAll();
    if (options.actorId !== undefined) query = query.where('actor_id', '=', options.actorId);
    if (options.action !== undefined) query = query.where('action', '=', options.action);
    if (options.cursor !== undefined) query = query.where('id', '<', options.cursor);
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const items = rows.slice(0, limit).map((row) => ({
      id: row.id,
      at: Number(row.at),
      actorId: row.actor_id,
      action: row.action,
      target: row.target,
      detail: fromJson<Record<string, unknown>>(row.detail, {}),
    }));
    return { items, nextCursor: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
  }
}
