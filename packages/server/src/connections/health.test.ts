// The scheduled health check on a real server: it verifies every connection when its
// round is due (once per interval, whichever process takes it), so an owner hears that a
// password changed before a flow fails, and that a sign-in will expire with no way to renew.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { associatedDataFor } from '@brook/connectors';
import { createPeople, startTestServer, type ApiClient, type TestServer } from '../testing/harness.js';
import { startOAuthProvider, type OAuthProvider } from '../testing/oauth-provider.js';
import { startOrdersService, type OrdersService } from '../testing/services.js';

const HOUR = 3600_000;

describe('the scheduled connection health check', () => {
  let server: TestServer;
  let orders: OrdersService;
  let provider: OAuthProvider;
  let alice: ApiClient;
  let now = Date.parse('2030-01-01T00:00:00Z');

  beforeAll(async () => {
    orders = await startOrdersService('alice', 'first password');
    provider = await startOAuthProvider();
    server = await startTestServer('sqlite', { allowPrivateNetworks: true, healthCheckMinutes: 360 }, { now: () => now });
    ({ alice } = await createPeople(server.url));
  });
  afterAll(async () => {
    await server.close();
    await orders.close();
    await provider.close();
  });

  const notices = async (kind: string) => ((await alice.get('/api/v1/notifications')).body.items as { kind: string; title: string }[]).filter((item) => item.kind === kind);

  it('flags a connection whose password changed and tells its owner, once per round', async () => {
    const basic = (
      await alice.post('/api/v1/connections', { name: 'Orders', connectorId: 'http', authType: 'basic', parameters: { baseUrl: orders.url, verifyPath: '/me', username: 'alice' }, secrets: { password: 'first password' } })
    ).body;
    expect(basic.status).toBe('connected');
    const checks = server.server.platform.healthChecks;

    await checks.tick(); // the first round of this server
    orders.password = 'second password';
    const calls = orders.calls;
    now += HOUR;
    await checks.tick(); // not due yet: nobody calls the service
    expect(orders.calls).toBe(calls);
    expect((await alice.get(`/api/v1/connections/${basic.id}`)).body.status).toBe('connected');

    now += 6 * HOUR;
    await checks.tick();
    expect(orders.calls).toBe(calls + 1);
    const flagged = (await alice.get(`/api/v1/connections/${basic.id}`)).body;
    expect(flagged).toMatchObject({ status: 'unauthenticated', statusReason: 'The service answered 401 Unauthorized: Unauthorized: the user name or password is wrong. Verify password.', lastCheckedAt: new Date(now).toISOString() });
    expect(await notices('connection-unauthenticated')).toEqual([expect.objectContaining({ title: "Connection 'Orders' is not authenticated" })]);
  });

  it('warns the owner of a sign-in that expires within a day and cannot be renewed', async () => {
    const created = await alice.post('/api/v1/connections', {
      name: 'Provider API',
      connectorId: 'http',
      authType: 'oauth2AuthorizationCode',
      parameters: { baseUrl: provider.url, verifyPath: '/me', clientId: 'brook', authorizationUrl: `${provider.url}/authorize`, tokenUrl: `${provider.url}/token` },
      secrets: {},
    });
    // Signed in without offline access: at the next round, its access token has 3 hours left and there is no refresh token.
    const nextRound = now + 6 * HOUR;
    const { keyring, context } = server.server.platform;
    const { platform } = context;
    const stored = (await platform.connections.get(created.body.id))!;
    const tokens = { accessToken: 'access-token-1', tokenType: 'Bearer', expiresAt: nextRound + 3 * HOUR, obtainedAt: now };
    const sealed = keyring.seal(JSON.stringify({ v: 1, secrets: {}, tokens }), associatedDataFor(stored.id));
    expect((await platform.connections.writeCredentials(stored.id, { expectedRevision: stored.revision, secretNames: [], secretsSealed: sealed, tokenExpiresAt: tokens.expiresAt }, now)).ok).toBe(true);

    now = nextRound;
    await server.server.platform.healthChecks.tick();
    expect((await alice.get(`/api/v1/connections/${stored.id}`)).body.status).toBe('connected');
    expect(await notices('connection-expiring')).toEqual([expect.objectContaining({ title: "Connection 'Provider API' needs a new sign-in soon" })]);
  });
});
