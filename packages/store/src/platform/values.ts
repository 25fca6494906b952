// Small named facts the platform keeps between restarts (the day of the last digest, …).
import type { Kysely } from 'kysely';
import type { BrookTables } from '../schema/tables.js';

export class PlatformValueRepository {
  constructor(private readonly db: Kysely<BrookTables>) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('platform_values').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async set(key: string, value: string, now = Date.now()): Promise<void> {
    await this.db
      .insertInto('platform_values')
      .values({ key, value, updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
      .execute();
  }

  /** Sets the value only when it currently equals `expected` (or is absent when expected is undefined). */
  async compareAndSet(key: string, expected: string | undefined, value: string, now = Date.now()): Promise<boolean> {
    if (expected === undefined) {
      const result = await this.db
        .insertInto('platform_values')
        .values({ key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    const result = await this.db.updateTable('platform_values').set({ value, updated_at: now }).where('key', '=', key).where('value', '=', expected).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
