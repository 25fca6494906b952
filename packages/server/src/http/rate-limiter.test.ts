// Sign-in budgets are shared by every process of an installation: two processes on one
// PostgreSQL database (each with its own connections and limiter) spend the same budget.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@brook/testkit';
import { createPlatformStore, migrateToLatest, openDatabase, type BrookDatabase } from '@brook/store';
import { ApiError } from './errors.js';
import { RateLimiter, SharedRateLimiter } from './rate-limiter.js';

async function refusal(attempt: Promise<void>): Promise<ApiError | undefined> {
  try {
    await attempt;
    return undefined;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

describe('rate limits', () => {
  let drop: () => Promise<void>;
  const databases: BrookDatabase[] = [];

  beforeAll(async () => {
    const test = await createTestDatabase('ratelimit');
    drop = () => test.drop();
    for (let i = 0; i < 2; i += 1) databases.push(openDatabase({ url: test.url, poolSize: 2 }));
    await migrateToLatest(databases[0]!.db as unknown as Kysely<unknown>, 'postgres');
  });
  afterAll(async () => {
    for (const database of databases) await database.close();
    await drop();
  });

  it('shares the sign-in budget of an address between processes', async () => {
    let clock = 5 * 60_000 + 15_000;
    const [one, two] = databases.map((database) => new SharedRateLimiter(createPlatformStore(database).rateLimits, 4, () => clock));
    const answers: (ApiError | undefined)[] = [];
    for (let i = 0; i < 6; i += 1) answers.push(await refusal((i % 2 === 0 ? one! : two!).enforce('login:10.1.2.3', 'sign-in attempts')));
    expect(answers.map((answer) => answer?.statusCode ?? 200)).toEqual([200, 200, 200, 200, 429, 429]);
    expect(answers[5]!.code).toBe('RateLimited');
    expect(answers[5]!.headers).toEqual({ 'retry-after': '45' });
    expect(await refusal(one!.enforce('login:10.9.9.9', 'sign-in attempts'))).toBeUndefined();
    clock += 45_000;
    expect(await refusal(two!.enforce('login:10.1.2.3', 'sign-in attempts'))).toBeUndefined();
  });

  it('refills the webhook bucket of a flow at its rate', () => {
    let clock = 0;
    const limiter = new RateLimiter(60, () => clock);
    for (let i = 0; i < 60; i += 1) expect(limiter.take('flow').ok).toBe(true);
    expect(limiter.take('flow')).toEqual({ ok: false, retryAfterMs: 1000 });
    clock += 1000;
    expect(limiter.take('flow').ok).toBe(true);
  });
});
