// One conformance suite for the platform repositories, run on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@brook/testkit';
import { openDatabase, type BrookDatabase } from '../database.js';
import { migrateToLatest } from '../migrations/index.js';
import { createPlatformStore, type PlatformStore } from './index.js';

interface Target {
  name: string;
  open(): Promise<{ database: BrookDatabase; cleanup: () => Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'brook-platform-'));
      const database = openDatabase({ url: join(dir, 'brook.db') });
      return { database, cleanup: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
    },
  },
  {
    name: 'PostgreSQL',
    async open() {
      const test = await createTestDatabase('platform');
      const database = openDatabase({ url: test.url });
      return { database, cleanup: async () => { await database.close(); await test.drop(); } };
    },
  },
];

describe.each(targets)('platform store on $name', (target) => {
  let store: PlatformStore;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await target.open();
    await migrateToLatest(opened.database.db as unknown as Kysely<unknown>, opened.database.dialect);
    store = createPlatformStore(opened.database);
    cleanup = opened.cleanup;
  });
  afterAll(async () => cleanup());

  it('creates the first user once, even when two setups race', async () => {
    const input = { email: 'Ada@Example.org', name: 'Ada', role: 'admin' as const, passwordHash: 'h' };
    const results = await Promise.all([store.users.createFirst(input), store.users.createFirst({ ...input, email: 'other@example.org' })]);
    expect(results.filter((user) => user !== null)).toHaveLength(1);
    expect(await store.users.count()).toBe(1);
    expect((await store.users.findByEmail(' ADA@example.org '))?.name ?? (await store.users.findByEmail('other@example.org'))?.name).toBe('Ada');
  });

  it('finds a live session with its user and forgets expired ones', async () => {
    const user = await store.users.create({ email: 's@example.org', name: 'S', role: 'maker', passwordHash: 'h' });
    const now = Date.now();
    await store.sessions.create({ id: 'live', userId: user.id, csrfToken: 'c', createdAt: now, expiresAt: now + 60_000, lastSeenAt: now });
    await store.sessions.create({ id: 'old', userId: user.id, csrfToken: 'c', createdAt: now, expiresAt: now - 1, lastSeenAt: now });
    expect((await store.sessions.findLive('live'))?.user.email).toBe('s@example.org');
    expect(await store.sessions.findLive('old')).toBeUndefined();
    expect(await store.sessions.deleteExpired()).toBe(1);
  });

  it('keeps API tokens per user and deletes only the owner’s', async () => {
    const a = await store.users.create({ email: 'ta@example.org', name: 'TA', role: 'maker', passwordHash: 'h' });
    const b = await store.users.create({ email: 'tb@example.org', name: 'TB', role: 'maker', passwordHash: 'h' });
    const token = await store.apiTokens.create({ userId: a.id, name: 'ci', tokenHash: 'hash-a' });
    expect((await store.apiTokens.findByHash('hash-a'))?.user.id).toBe(a.id);
    expect(await store.apiTokens.delete(token.id, b.id)).toBe(false);
    expect(await store.apiTokens.delete(token.id, a.id)).toBe(true);
    expect(await store.apiTokens.findByHash('hash-a')).toBeUndefined();
  });

  it('lists connections owned by or shared with a user', async () => {
    const owner = await store.users.create({ email: 'co@example.org', name: 'CO', role: 'maker', passwordHash: 'h' });
    const friend = await store.users.create({ email: 'cf@example.org', name: 'CF', role: 'maker', passwordHash: 'h' });
    const connection = await store.connections.create({
      ownerId: owner.id, name: 'Orders', connectorId: 'http', authType: 'basic', parameters: { username: 'u' },
      secretNames: ['password'], secretsSealed: 'sealed', status: 'connected', statusReason: null,
    });
    expect(await store.connections.listVisibleTo(friend.id)).toEqual([]);
    await store.connections.share(connection.id, friend.id);
    expect((await store.connections.listVisibleTo(friend.id)).map((c) => c.id)).toEqual([connection.id]);
    expect(await store.connections.setStatus(connection.id, { status: 'unauthenticated', statusReason: '401', checkedAt: Date.now() })).toBe('connected');
    expect(await store.connections.replaceCredentialsIfRevision(connection.id, 0, { secretsSealed: 'new', secretNames: ['password'] })).toBe(true);
    expect(await store.connections.replaceCredentialsIfRevision(connection.id, 0, { secretsSealed: 'stale', secretNames: ['password'] })).toBe(false);
    expect((await store.connections.get(connection.id))?.secretsSealed).toBe('new');
  });

  it('writes credentials only at the expected revision and hands the refresh lease to one holder', async () => {
    const owner = await store.users.create({ email: 'lease@example.org', name: 'L', role: 'maker', passwordHash: 'h' });
    const connection = await store.connections.create({
      ownerId: owner.id, name: 'Tokens', connectorId: 'http', authType: 'oauth2ClientCredentials', parameters: {},
      secretNames: [], secretsSealed: null, status: 'connected', statusReason: null,
    });
    const write = { secretNames: ['accessToken'], secretsSealed: 'sealed-1', tokenExpiresAt: 5000, status: { status: 'connected' as const, statusReason: null, checkedAt: 10, succeededAt: 10 } };
    expect(await store.connections.writeCredentials(connection.id, { ...write, expectedRevision: 0 })).toEqual({ ok: true, revision: 1 });
    expect(await store.connections.writeCredentials(connection.id, { ...write, expectedRevision: 0 })).toEqual({ ok: false });
    expect((await store.connections.get(connection.id))?.tokenExpiresAt).toBe(5000);
    const takers = await Promise.all(['a', 'b', 'c'].map((holder) => store.connections.acquireRefreshLease(connection.id, holder, 2000, 1000)));
    expect(takers.filter(Boolean)).toHaveLength(1);
    expect(await store.connections.acquireRefreshLease(connection.id, 'late', 4000, 2500)).toBe(true);
    await store.connections.releaseRefreshLease(connection.id, 'late');
    expect(await store.connections.acquireRefreshLease(connection.id, 'next', 4000, 2600)).toBe(true);
  });

  it('counts the runs a connection broke until they are resubmitted', async () => {
    const base = { connectionId: 'con_x', actionName: 'Call', category: 'authentication', status: 401 };
    await store.connectionFailures.record({ ...base, runId: 'r1', flowId: 'f1', failedAt: 1000 });
    await store.connectionFailures.record({ ...base, runId: 'r2', flowId: 'f1', failedAt: 2000 });
    await store.connectionFailures.record({ ...base, runId: 'r3', flowId: 'f2', failedAt: 3000 });
    await store.connectionFailures.record({ ...base, runId: 'r3', flowId: 'f2', failedAt: 3000 });
    expect((await store.connectionFailures.brokenCounts(['con_x'])).get('con_x')).toEqual({ runs: 3, flows: 2, since: 1000 });
    await store.connectionFailures.markResubmitted('r1');
    expect((await store.connectionFailures.openFor('con_x', 2500)).map((f) => f.runId)).toEqual(['r3']);
    expect((await store.connectionFailures.brokenCounts(['con_x'])).get('con_x')).toEqual({ runs: 2, flows: 2, since: 2000 });
  });

  it('opens a notification cause once until it is closed', async () => {
    const user = await store.users.create({ email: 'n@example.org', name: 'N', role: 'maker', passwordHash: 'h' });
    expect(await store.notifications.openCause('flow-failing:f1', user.id)).toBe(true);
    expect(await store.notifications.openCause('flow-failing:f1', user.id)).toBe(false);
    await store.notifications.closeCause('flow-failing:f1');
    expect(await store.notifications.openCause('flow-failing:f1', user.id)).toBe(true);
  });

  it('hands a job to one worker and tracks its progress', async () => {
    const job = await store.jobs.create({ kind: 'bulk-resubmit', ownerId: 'u', params: {}, runIds: ['a', 'b', 'c'] });
    const [first, second] = await Promise.all([store.jobs.claimNext('w1', 10_000), store.jobs.claimNext('w2', 10_000)]);
    expect([first?.id, second?.id].filter((id) => id === job.id)).toHaveLength(1);
    const items = await store.jobs.pendingItems(job.id, 2);
    await store.jobs.completeItems(job.id, [
      { seq: items[0]!.seq, newRunId: 'a2', error: null },
      { seq: items[1]!.seq, newRunId: null, error: 'gone' },
    ]);
    const progress = await store.jobs.get(job.id);
    expect([progress?.done, progress?.failed]).toEqual([2, 1]);
    expect((await store.jobs.pendingItems(job.id, 10)).map((item) => item.runId)).toEqual(['c']);
  });

  it('keeps imported connectors, replacing one imported again under the same id', async () => {
    await store.importedConnectors.save({ id: 'orders-api', name: 'Orders', definition: { id: 'orders-api', operations: [] }, importedBy: null }, 1000);
    await store.importedConnectors.save({ id: 'orders-api', name: 'Orders v2', definition: { id: 'orders-api', operations: [1] }, importedBy: null }, 2000);
    expect(await store.importedConnectors.list()).toEqual([expect.objectContaining({ id: 'orders-api', name: 'Orders v2', definition: { id: 'orders-api', operations: [1] }, createdAt: 1000 })]);
    expect(await store.importedConnectors.lastChange()).toBe(2000);
  });

  it('counts attempts per key and window, atomically across concurrent takes', async () => {
    const window = 60_000;
    const now = 10 * window + 1_000;
    const takes = await Promise.all(Array.from({ length: 8 }, () => store.rateLimits.take('login:10.0.0.1', 5, window, now)));
    expect(takes.filter((take) => take.ok)).toHaveLength(5);
    expect(takes.find((take) => !take.ok)).toEqual({ ok: false, retryAfterMs: window - 1_000 });
    expect(await store.rateLimits.take('login:10.0.0.2', 5, window, now)).toEqual({ ok: true });
    expect(await store.rateLimits.take('login:10.0.0.1', 5, window, now + window)).toEqual({ ok: true });
    expect(await store.rateLimits.sweep(now + window - 1_000)).toBe(1);
  });

  it('pages the audit log newest first', async () => {
    for (let i = 0; i < 5; i += 1) await store.audit.record({ actorId: 'u-audit', action: 'test', target: `t${i}` }, 10_000 + i);
    const first = await store.audit.list({ actorId: 'u-audit', limit: 3 });
    expect(first.items.map((entry) => entry.target)).toEqual(['t4', 't3', 't2']);
    const second = await store.audit.list({ actorId: 'u-audit', limit: 3, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((entry) => entry.target)).toEqual(['t1', 't0']);
    expect(second.nextCursor).toBeNull();
  });
});
