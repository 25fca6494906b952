// Budgets shared by every process of an installation (sign-in attempts per client
// address): a counter per key and fixed window, taken in one atomic upsert so two
// processes never both spend the last attempt.
import type { Kysely } from 'kysely';
import type { BrookTables } from '../schema/tables.js';

export type RateLimitTake = { ok: true } | { ok: false; retryAfterMs: number };

export class RateLimitRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  /** Counts one attempt for `key` in the window of `windowMs` that holds `now`; ok while at most `limit`. */
  async take(key: string, limit: number, windowMs: number, now = Date.now()): Promise<RateLimitTake> {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const row = await this.db
      .insertInto('rate_limits')
      .values({ key, window_start: windowStart, count: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          // Both dialects read the row as it was before the update in these expressions.
          count: eb.case().when('rate_limits.window_start', '=', eb.ref('excluded.window_start')).then(eb('rate_limits.count', '+', 1)).else(1).end(),
          window_start: eb.ref('excluded.window_start'),
        })),
      )
      .returning(['count', 'window_start'])
      .executeTakeFirstOrThrow();
    if (Number(row.count) <= limit) return { ok: true };
    return { ok: false, retryAfterMs: Math.max(1, Number(row.window_start) + windowMs - now) };
  }

  /** Forgets windows that ended before `before`. */
  async sweep(before: number): Promise<number> {
    const result = await this.db.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
