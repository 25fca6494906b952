import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { createTestDatabase } from './postgres.js';

describe('test PostgreSQL', () => {
  it('gives each test file its own empty database on the shared cluster', async () => {
    const first = await createTestDatabase('t');
    const second = await createTestDatabase('t');
    expect(first.url).not.toBe(second.url);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    await client.query('create table note (body text)');
    await client.query("insert into note values ('kept')");
    const { rows } = await client.query<{ body: string }>('select body from note');
    await client.end();
    expect(rows).toEqual([{ body: 'kept' }]);
    const other = new pg.Client({ connectionString: second.url });
    await other.connect();
    const tables = await other.query("select count(*)::int as n from information_schema.tables where table_name = 'note'");
    await other.end();
    expect(tables.rows[0]).toEqual({ n: 0 });
    await first.drop();
    await second.drop();
  });
});
