// OAuth2 authorization code with PKCE against a real provider (oidc-provider) and a
// resource server that introspects tokens: sign-in, refresh before expiry and on 401,
// rotated refresh tokens kept, revocation → authentication failure → sign in again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, type TestOidcProvider } from '../testing/oidc-provider.js';
import { startResourceServer, type TestResourceServer } from '../testing/resource-server.js';
import { testSetup, type TestSetup } from '../testing/test-manager.js';

const REDIRECT_URI = 'http://127.0.0.1:7420/api/v1/oauth/callback';
const webClient = { client_id: 'brook-web', client_secret: 'brook-web-secret-1', redirect_uris: [REDIRECT_URI] };
const gateway = { client_id: 'api-gateway', client_secret: 'gateway-secret-1' };

let provider: TestOidcProvider;
let api: TestResourceServer;
let setup: TestSetup;

beforeAll(async () => {
  provider = await startOidcProvider({ clients: [webClient, gateway], accessTokenTtlSeconds: 3600 });
  api = await startResourceServer({ introspectionUrl: provider.introspectionUrl, clientId: gateway.client_id, clientSecret: gateway.client_secret });
  setup = testSetup();
});
afterAll(async () => {
  await setup.close();
  await api.close();
  await provider.close();
});

async function signedInConnection(name: string): Promise<string> {
  const { manager } = setup;
  const { connection, verification } = await manager.create({
    ownerId: 'u1',
    name,
    connectorId: 'http',
    authType: 'oauth2AuthorizationCode',
    parameters: {
      baseUrl: api.url,
      verifyPath: '/me',
      clientId: webClient.client_id,
      scopes: 'openid offline_access api',
      authorizationUrl: provider.authorizationUrl,
      tokenUrl: provider.tokenUrl,
      authorizeParameters: 'prompt=consent',
    },
    secrets: { clientSecret: webClient.client_secret },
  });
  expect(verification).toBeNull();
  expect(connection).toMatchObject({ status: 'unauthenticated', statusReason: 'Not signed in yet. Sign in.', fixAction: 'sign_in_again' });
  await signIn(connection.id);
  return connection.id;
}

async function signIn(id: string): Promise<void> {
  const { manager } = setup;
  const { authorizeUrl, state } = await manager.startConsent(id, { userId: 'u1', redirectUri: REDIRECT_URI });
  const url = new URL(authorizeUrl);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(url.searchParams.get('state')).toBe(state);
  const back = await provider.signIn(authorizeUrl, REDIRECT_URI);
  expect(back.state).toBe(state);
  const result = await manager.completeConsent({ state: back.state, code: back.code, userId: 'u1' });
  expect(result).toEqual({ ok: true, connectionId: id, userId: 'u1', returnTo: `/settings/connections?focus=${id}` });
}

describe('OAuth2 authorization code with PKCE', () => {
  it('signs in through the provider and calls the API with the token', async () => {
    const id = await signedInConnection('Tasks');
    const view = await setup.manager.get(id);
    expect(view).toMatchObject({ status: 'connected', statusReason: null });
    expect(view?.tokenExpiresAt).not.toBeNull();
    const result = await setup.manager.invoke(id, { method: 'GET', path: '/tasks' });
    expect(result.outcome).toBe('succeeded');
    if (result.outcome === 'succeeded') expect(result.outputs.body).toMatchObject({ subject: 'alice', path: '/tasks' });
    const bundle = await setup.credentials(id);
    expect(bundle.tokens?.refreshToken).toBeTruthy();
    expect(JSON.stringify(result)).not.toContain(bundle.tokens!.accessToken);
  });

  it('refuses a callback it did not start, or one used twice', async () => {
    const id = await signedInConnection('Once');
    expect(await setup.manager.completeConsent({ state: 'made-up', code: 'x', userId: 'u1' })).toMatchObject({ ok: false, connectionId: null, message: expect.stringContaining('unknown or was already used') });
    const { state } = await setup.manager.startConsent(id, { userId: 'u1', redirectUri: REDIRECT_URI });
    expect(await setup.manager.completeConsent({ state, error: 'access_denied', errorDescription: 'The user said no', userId: 'u1' })).toMatchObject({
      ok: false,
      connectionId: id,
      message: 'The provider did not sign the connection in (access_denied: The user said no).',
    });
    expect(await setup.manager.completeConsent({ state, code: 'again', userId: 'u1' })).toMatchObject({ ok: false, connectionId: null });
    expect((await setup.manager.get(id))?.status).toBe('connected');
  });

  it('saves a consent only for the user who started it', async () => {
    const id = await signedInConnection('Bound');
    const tokensBefore = (await setup.credentials(id)).tokens?.accessToken;
    for (const [userId, message] of [
      ['mallory', 'This sign-in was started by another Brook user, so it was not saved.'],
      [null, 'You are not signed in to Brook, so the sign-in was not saved.'],
    ] as const) {
      const { authorizeUrl } = await setup.manager.startConsent(id, { userId: 'u1', redirectUri: REDIRECT_URI });
      const back = await provider.signIn(authorizeUrl, REDIRECT_URI, 'bob');
      const result = await setup.manager.completeConsent({ ...back, userId });
      // Nothing about the connection goes back to the stranger, and the state is used up.
      expect(result).toEqual({ ok: false, connectionId: null, returnTo: null, message: expect.stringContaining(message) });
      expect((await setup.manager.completeConsent({ ...back, userId: 'u1' })).ok).toBe(false);
    }
    expect((await setup.credentials(id)).tokens?.accessToken).toBe(tokensBefore);
    const result = await setup.manager.invoke(id, { method: 'GET', path: '/tasks' });
    if (result.outcome === 'succeeded') expect(result.outputs.body).toMatchObject({ subject: 'alice' });
    else expect.fail(`the call failed: ${JSON.stringify(result)}`);
  });

  it('refreshes before the token expires, and keeps each rotated refresh token', async () => {
    const id = await signedInConnection('Rotating');
    const seen = new Set<string>();
    for (let round = 0; round < 3; round++) {
      const before = provider.tokenRequests.byGrant.refresh_token ?? 0;
      setup.clock.advance(3600 * 1000); // the stored token is now past its expiry
      const result = await setup.manager.invoke(id, { method: 'GET', path: '/tasks' });
      expect(result.outcome).toBe('succeeded');
      expect(provider.tokenRequests.byGrant.refresh_token).toBe(before + 1);
      const refreshToken = (await setup.credentials(id)).tokens?.refreshToken ?? '';
      // The provider rotates refresh tokens and refuses a reused one: each round works only because the new one was kept.
      expect(seen.has(refreshToken)).toBe(false);
      seen.add(refreshToken);
    }
  });

  it('20 calls that meet an expired token at once cause exactly one refresh', async () => {
    const id = await signedInConnection('Busy');
    setup.clock.advance(3600 * 1000);
    const before = provider.tokenRequests.byGrant.refresh_token ?? 0;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => setup.manager.invoke(id, { method: 'GET', path: `/tasks/${i}` })));
    expect(results.map((result) => result.outcome)).toEqual(Array(20).fill('succeeded'));
    expect((provider.tokenRequests.byGrant.refresh_token ?? 0) - before).toBe(1);
  });

  it('two processes sharing the store refresh once between them', async () => {
    const id = await signedInConnection('Shared');
    const other = setup.secondProcess();
    setup.clock.advance(3600 * 1000);
    const before = provider.tokenRequests.byGrant.refresh_token ?? 0;
    const refusedBefore = setup.store.counters.leaseRefused;
    const calls = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? setup.manager : other).invoke(id, { method: 'GET', path: `/p/${i}` }));
    const results = await Promise.all(calls);
    expect(results.every((result) => result.outcome === 'succeeded')).toBe(true);
    expect((provider.tokenRequests.byGrant.refresh_token ?? 0) - before).toBe(1);
    // The other process found the lease taken and waited for the new token instead of refreshing.
    expect(setup.store.counters.leaseRefused - refusedBefore).toBeGreaterThanOrEqual(1);
    expect(setup.manager.tokenRequests + other.tokenRequests).toBeGreaterThanOrEqual(1);
  });

  it('takes over the refresh when the process holding the lease died', async () => {
    const id = await signedInConnection('Orphaned');
    setup.clock.advance(3600 * 1000);
    // A process took the lease and crashed: the lease runs for 30 s of the shared clock.
    expect(await setup.store.acquireRefreshLease(id, 'crashed-process', setup.clock.now + 30_000, setup.clock.now)).toBe(true);
    const call = setup.manager.invoke(id, { method: 'GET', path: '/tasks' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    setup.clock.advance(31_000);
    expect((await call).outcome).toBe('succeeded');
  });

  it('refreshes and retries once when the API rejects a token before its time', async () => {
    const id = await signedInConnection('Rejected early');
    const accessToken = (await setup.credentials(id)).tokens!.accessToken;
    api.rejectedTokens.add(accessToken); // the API stops accepting it although it has not expired
    const before = provider.tokenRequests.byGrant.refresh_token ?? 0;
    const rejectedBefore = api.calls.rejected;
    const result = await setup.manager.invoke(id, { method: 'GET', path: '/tasks' });
    expect(result.outcome).toBe('succeeded');
    expect(api.calls.rejected - rejectedBefore).toBe(1);
    expect((provider.tokenRequests.byGrant.refresh_token ?? 0) - before).toBe(1);
    expect((await setup.credentials(id)).tokens!.accessToken).not.toBe(accessToken);
  });

  it('revoked grant: the call fails as authentication, the connection is flagged, signing in again fixes it', async () => {
    const id = await signedInConnection('Revoked');
    const before = await setup.credentials(id);
    await provider.revoke(before.tokens!.refreshToken!, webClient);
    const failed = await setup.manager.invoke(id, { method: 'GET', path: '/tasks' });
    expect(failed.outcome).toBe('failed');
    if (failed.outcome !== 'failed') return;
    expect(failed.error).toMatchObject({ code: 'ConnectionAuthorizationFailed', category: 'authentication', connectionId: id, status: 400 });
    expect(failed.error.message).toMatch(/^Connection 'Revoked': The sign-in has expired or was revoked \(invalid_grant.*\)\. Sign in again\.$/);
    expect(failed.error.remedy.steps[2]).toBe('Click Sign in again and sign in to the service.');
    expect(failed.connectionStatusChange).toMatchObject({ status: 'unauthenticated', reason: expect.stringContaining('Sign in again.') });
    expect(await setup.manager.get(id)).toMatchObject({ status: 'unauthenticated', statusReason: expect.stringContaining('invalid_grant') });
    // Nothing was deleted: the credentials are all still there for the owner to fix.
    const kept = await setup.credentials(id);
    expect(kept.secrets).toEqual(before.secrets);
    expect(kept.tokens?.refreshToken).toBe(before.tokens?.refreshToken);
    // The next runs fail the same way without asking the provider again with a refused token.
    const refreshes = provider.tokenRequests.byGrant.refresh_token ?? 0;
    const again = await setup.manager.invoke(id, { method: 'GET', path: '/tasks' });
    expect(again.outcome === 'failed' && again.error).toMatchObject({ code: 'ConnectionAuthorizationFailed', category: 'authentication' });
    expect(provider.tokenRequests.byGrant.refresh_token ?? 0).toBe(refreshes);

    await signIn(id);
    expect((await setup.manager.invoke(id, { method: 'GET', path: '/tasks' })).outcome).toBe('succeeded');
    expect((await setup.manager.get(id))?.status).toBe('connected');
  });

  it('a token endpoint outage keeps the connection and its tokens, and is retryable', async () => {
    const id = await signedInConnection('Outage');
    const other = setup.secondProcess({ refresh: { pollIntervalMs: 10 } });
    const stored = await setup.store.getConnection(id);
    // Point the connection at a token endpoint that is down.
    await setup.store.writeCredentials(id, { expectedRevision: stored!.revision, parameters: { ...stored!.parameters, tokenUrl: 'http://127.0.0.1:9/token' }, secretNames: stored!.secretNames, secretsSealed: stored!.secretsSealed, tokenExpiresAt: stored!.tokenExpiresAt });
    setup.clock.advance(3600 * 1000);
    const failed = await other.invoke(id, { method: 'GET', path: '/tasks' });
    expect(failed.outcome).toBe('failed');
    if (failed.outcome !== 'failed') return;
    expect(failed.error).toMatchObject({ code: 'ConnectionRefreshFailed', category: 'network', retryable: true, connectionId: id });
    expect(await setup.manager.get(id)).toMatchObject({ status: 'error', statusReason: expect.stringContaining('Brook tries again on the next call') });
    expect((await setup.credentials(id)).tokens?.refreshToken).toBeTruthy();
    // The endpoint is back: the next call refreshes and the connection is connected again.
    const again = await setup.store.getConnection(id);
    await setup.store.writeCredentials(id, { expectedRevision: again!.revision, parameters: { ...again!.parameters, tokenUrl: provider.tokenUrl }, secretNames: again!.secretNames, secretsSealed: again!.secretsSealed, tokenExpiresAt: again!.tokenExpiresAt });
    expect((await other.invoke(id, { method: 'GET', path: '/tasks' })).outcome).toBe('succeeded');
    expect((await setup.manager.get(id))?.status).toBe('connected');
  });
});
