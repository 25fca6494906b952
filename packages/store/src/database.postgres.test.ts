import { createTestDatabase } from '@brook/testkit';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';

describe('PostgreSQL connections', () => {
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('survives the server ending its idle connections, and keeps answering', async () => {
    const test = await createTestDatabase('conn');
    drops.push(() => test.drop());
    const lost: Error[] = [];
    const database = openDatabase({ url: test.url, poolSize: 3, onConnectionLost: (error) => lost.push(error) });
    try {
      // Open several pooled connections, then leave them idle.
      await Promise.all([1, 2, 3].map((n) => sql<{ n: number }>`select ${n}::int as n, pg_sleep(0.05)`.execute(database.db)));
      const admin = new pg.Client({ connectionString: test.url });
      await admin.connect();
      const { rows } = await admin.query<{ ended: number }>(
        'select count(pg_terminate_backend(pid))::int as ended from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      await admin.end();
      expect(rows[0]?.ended).toBeGreaterThan(0);
      await expect.poll(() => lost.length).toBeGreaterThan(0);
      expect(lost[0]?.message).toContain('terminating connection');
      const after = await sql<{ ok: number }>`select 1::int as ok`.execute(database.db);
      expect(after.rows).toEqual([{ ok: 1 }]);
    } finally {
      await database.close();
    }
  });
});
