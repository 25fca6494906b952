// One refresh at a time across processes, on PostgreSQL: two connection services, each
// with its own database pool (as two Brook processes have), share an OAuth2 connection
// whose token expired. The provider rotates refresh tokens and refuses a used one, so a
// second refresh, or a rotated token that was not kept, would fail the calls.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associatedDataFor, ConnectionManager, ConnectorRegistry, generateSecretKey, Keyring } from '@brook/connectors';
import { createPlatformStore, migrateToLatest, openDatabase, type BrookDatabase } from '@brook/store';
import { createTestDatabase } from '@brook/testkit';
import { Notifier } from '../notifications/notifier.js';
import { createPeople, finishedRun, startTestServer, type TestServer } from '../testing/harness.js';
import { DatabaseConnectionStateStore } from './state-store.js';

/** A token endpoint with rotating refresh tokens and an API that accepts only the latest access token. */
async function startProvider(): Promise<{ url: string; refreshes: number; refreshToken: string; close(): Promise<void> }> {
  const state = { generation: 0, refreshes: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const json = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/token') {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== `refresh-${state.generation}`) return json(400, { error: 'invalid_grant', error_description: 'refresh token already used' });
        state.refreshes += 1;
        state.generation += 1;
        // Slow enough that every caller meets the expired token while the refresh is under way.
        setTimeout(() => json(200, { access_token: `access-${state.generation}`, refresh_token: `refresh-${state.generation}`, token_type: 'Bearer', expires_in: 3600 }), 150);
        return;
      }
      if (req.headers.authorization === `Bearer access-${state.generation}`) return json(200, { ok: true });
      json(401, { error: 'invalid_token' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get refreshes() {
      return state.refreshes;
    },
    get refreshToken() {
      return `refresh-${state.generation}`;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('token refresh across processes on PostgreSQL', () => {
  let postgres: { url: string; drop(): Promise<void> };
  let provider: Awaited<ReturnType<typeof startProvider>>;
  const databases: BrookDatabase[] = [];
  const managers: ConnectionManager[] = [];
  const keyring = Keyring.fromKeys([generateSecretKey()]);
  let now = Date.now();
  let ownerId = '';

  /** A Brook process: its own pool, its own connection service, the shared keys. */
  function process(name: string): ConnectionManager {
    const database = openDatabase({ url: postgres.url, poolSize: 4 });
    databases.push(database);
    const platform = createPlatformStore(database);
    const logger = pino({ level: 'silent' });
    const notifier = new Notifier({ platform, outboxes: [], logger, now: () => now, publicUrl: () => 'http://brook.test' });
    const manager = new ConnectionManager({
      store: new DatabaseConnectionStateStore({ platform, notifier, logger, now: () => now }),
      keyring,
      connectors: new ConnectorRegistry(),
      network: { allowedCidrs: ['127.0.0.1/32'] },
      clock: () => now,
      instanceId: name,
      refresh: { pollIntervalMs: 10 },
    });
    managers.push(manager);
    return manager;
  }

  beforeAll(async () => {
    postgres = await createTestDatabase('refresh');
    provider = await startProvider();
    const setup = openDatabase({ url: postgres.url });
    await migrateToLatest(setup.db as unknown as Kysely<unknown>, setup.dialect);
    ownerId = (await createPlatformStore(setup).users.create({ email: 'ada@example.test', name: 'Ada', role: 'admin', passwordHash: 'x' })).id;
    await setup.close();
  });
  afterAll(async () => {
    await Promise.all(managers.map((manager) => manager.close()));
    await Promise.all(databases.map((database) => database.close()));
    await provider.close();
    await postgres.drop();
  });

  it('20 calls in two processes meet an expired token: one refresh, and the rotated refresh token is kept', async () => {
    const [first, second] = [process('brook-1'), process('brook-2')];
    const { connection } = await first.create({
      ownerId,
      name: 'Tasks',
      connectorId: 'http',
      authType: 'oauth2AuthorizationCode',
      parameters: { baseUrl: provider.url, clientId: 'brook', authorizationUrl: `${provider.url}/authorize`, tokenUrl: `${provider.url}/token`, clientAuthentication: 'body' },
      secrets: {},
    });
    // Signed in earlier: its access token has just expired.
    const platform = createPlatformStore(databases[0]!);
    const stored = (await platform.connections.get(connection.id))!;
    const tokens = { accessToken: 'access-0', tokenType: 'Bearer', refreshToken: 'refresh-0', expiresAt: now - 1000, obtainedAt: now - 3_601_000 };
    const written = await platform.connections.writeCredentials(
      connection.id,
      { expectedRevision: stored.revision, secretNames: [], secretsSealed: keyring.seal(JSON.stringify({ v: 1, secrets: {}, tokens }), associatedDataFor(connection.id)), tokenExpiresAt: tokens.expiresAt },
      now,
    );
    expect(written.ok).toBe(true);

    for (let round = 1; round <= 2; round++) {
      const calls = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).invoke(connection.id, { method: 'GET', path: `/tasks/${i}` }));
      const results = await Promise.all(calls);
      expect(results.map((result) => result.outcome)).toEqual(Array(20).fill('succeeded'));
      expect(provider.refreshes).toBe(round);
      expect(first.tokenRequests + second.tokenRequests).toBe(round);
      // The next refresh works only because the rotated refresh token was stored.
      const sealed = (await platform.connections.get(connection.id))!.secretsSealed!;
      expect(JSON.parse(keyring.open(sealed, associatedDataFor(connection.id))).tokens.refreshToken).toBe(provider.refreshToken);
      now += 3600 * 1000;
    }
    expect((await first.get(connection.id))?.status).toBe('connected');
  });
});

describe('20 runs on two servers sharing PostgreSQL meet an expired token', () => {
  let first: TestServer;
  let second: TestServer;
  let provider: Awaited<ReturnType<typeof startProvider>>;

  beforeAll(async () => {
    provider = await startProvider();
    const secretKey = generateSecretKey().toString('base64');
    first = await startTestServer('postgres', { secretKey, allowPrivateNetworks: true });
    second = await startTestServer('postgres', { secretKey, allowPrivateNetworks: true, databaseUrl: first.config.databaseUrl });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await provider.close();
  });

  it('refreshes once between them; every run succeeds', async () => {
    const { alice } = await createPeople(first.url);
    const created = await alice.post('/api/v1/connections', {
      name: 'Tasks',
      connectorId: 'http',
      authType: 'oauth2AuthorizationCode',
      parameters: { baseUrl: provider.url, clientId: 'brook', authorizationUrl: `${provider.url}/authorize`, tokenUrl: `${provider.url}/token`, clientAuthentication: 'body' },
      secrets: {},
    });
    // Signed in an hour ago: the access token has just expired.
    const { keyring, context } = first.server.platform;
    const stored = (await context.platform.connections.get(created.body.id))!;
    const tokens = { accessToken: 'access-0', tokenType: 'Bearer', refreshToken: 'refresh-0', expiresAt: Date.now() - 1000, obtainedAt: Date.now() - 3_601_000 };
    const sealed = keyring.seal(JSON.stringify({ v: 1, secrets: {}, tokens }), associatedDataFor(stored.id));
    expect((await context.platform.connections.writeCredentials(stored.id, { expectedRevision: stored.revision, secretNames: [], secretsSealed: sealed, tokenExpiresAt: tokens.expiresAt }, Date.now())).ok).toBe(true);

    const definition = {
      $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      contentVersion: '1.0.0.0',
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
      actions: { Get_tasks: { type: 'ApiConnection', runAfter: {}, inputs: { host: { connection: { name: 'tasks' } }, method: 'get', path: '/tasks' } } },
    };
    const flow = (await alice.post('/api/v1/flows', { name: 'Tasks', definition, connections: { tasks: stored.id } })).body;
    const started = await Promise.all(Array.from({ length: 20 }, () => alice.post(`/api/v1/flows/${flow.id}/run`, {})));
    const runs = await Promise.all(started.map((answer) => finishedRun(alice, answer.body.runId as string, 20_000)));
    expect(runs.map((run) => run.status)).toEqual(Array(20).fill('Succeeded'));
    expect(provider.refreshes).toBe(1);
  });
});
