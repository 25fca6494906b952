import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, startTestServer, type ApiClient, type TestServer } from '../testing/harness.js';
import { startOAuthProvider, type OAuthProvider } from '../testing/oauth-provider.js';

describe('OAuth2 sign-in of a connection', () => {
  let server: TestServer;
  let provider: OAuthProvider;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    provider = await startOAuthProvider();
    server = await startTestServer('sqlite', { allowPrivateNetworks: true });
    ({ alice, bob } = await createPeople(server.url));
  });
  afterAll(async () => {
    await server.close();
    await provider.close();
  });

  const create = async (scopes = 'read') =>
    (
      await alice.post('/api/v1/connections', {
        name: 'Provider API',
        connectorId: 'http',
        authType: 'oauth2AuthorizationCode',
        parameters: { baseUrl: provider.url, verifyPath: '/me', clientId: 'brook', authorizationUrl: `${provider.url}/authorize`, tokenUrl: `${provider.url}/token`, scopes },
        secrets: {},
      })
    ).body;

  /** Follows the browser's way: Brook → provider → Brook's callback (with the browser's Brook session) → the portal. */
  const signIn = async (authorizeUrl: string, browser: ApiClient | null = alice): Promise<URL> => {
    const atProvider = await fetch(authorizeUrl, { redirect: 'manual' });
    const callback = atProvider.headers.get('location')!;
    expect(callback.startsWith(`${server.url}/api/v1/oauth/callback?`)).toBe(true);
    const back = await fetch(callback, { redirect: 'manual', headers: browser?.cookie ? { cookie: browser.cookie } : {} });
    expect(back.status).toBe(302);
    return new URL(back.headers.get('location')!, server.url);
  };

  it('signs a connection in through the provider and comes back to the portal', async () => {
    const connection = await create();
    expect(connection).toMatchObject({ status: 'unauthenticated', fixAction: 'sign_in_again' });
    expect((await bob.post(`/api/v1/connections/${connection.id}/oauth/start`, {})).status).toBe(404);
    const refused = await alice.post(`/api/v1/connections/${connection.id}/oauth/start`, { returnTo: 'https://elsewhere.example/' });
    expect(refused.status).toBe(400);
    const started = await alice.post(`/api/v1/connections/${connection.id}/oauth/start`, { returnTo: '/flows' });
    const authorize = new URL(started.body.authorizeUrl);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.url}/api/v1/oauth/callback`);

    const landed = await signIn(started.body.authorizeUrl);
    expect(landed.pathname).toBe('/flows');
    expect(landed.searchParams.get('oauth')).toBe('connected');
    const signedIn = (await alice.get(`/api/v1/connections/${connection.id}`)).body;
    expect(signedIn).toMatchObject({ status: 'connected', tokenExpiresAt: expect.any(String) });
    expect(JSON.stringify(signedIn)).not.toContain('access-token-1');
    expect((await alice.post(`/api/v1/connections/${connection.id}/verify`, {})).body.ok).toBe(true);

    // A state is used once.
    const replay = await fetch(`${server.url}/api/v1/oauth/callback?state=${authorize.searchParams.get('state')}&code=code-1`, { redirect: 'manual' });
    expect(new URL(replay.headers.get('location')!, server.url).searchParams.get('oauth')).toBe('failed');
  });

  it('saves the consent only when the browser that comes back is signed in as the user who started it', async () => {
    const connection = await create();
    const tokenRequests = provider.tokenRequests;
    for (const [browser, reason] of [
      [bob, 'This sign-in was started by another Brook user, so it was not saved.'],
      [null, 'You are not signed in to Brook, so the sign-in was not saved.'],
    ] as const) {
      const started = await alice.post(`/api/v1/connections/${connection.id}/oauth/start`, { returnTo: '/flows' });
      const landed = await signIn(started.body.authorizeUrl, browser);
      // The stranger lands on their own Connections page, told why, and learns nothing of Alice's connection.
      expect(landed.pathname).toBe('/settings/connections');
      expect(landed.searchParams.get('focus')).toBeNull();
      expect(landed.searchParams.get('oauth')).toBe('failed');
      expect(landed.searchParams.get('reason')).toContain(reason);
      expect(landed.searchParams.get('reason')).toContain('Sign in to Brook as the person who started it');
    }
    expect(provider.tokenRequests).toBe(tokenRequests);
    expect((await alice.get(`/api/v1/connections/${connection.id}`)).body.status).toBe('unauthenticated');
    const audit = await server.server.context.platform.audit.list({ action: 'connection.sign-in-failed' });
    expect(audit.items).toContainEqual(expect.objectContaining({ actorId: expect.any(String), detail: { reason: expect.stringContaining('started by another Brook user') } }));
  });

  it('comes back with the reason when the provider refuses', async () => {
    const connection = await create('deny');
    const started = await alice.post(`/api/v1/connections/${connection.id}/oauth/start`, {});
    const landed = await signIn(started.body.authorizeUrl);
    expect(landed.pathname).toBe('/settings/connections');
    expect(landed.searchParams.get('focus')).toBe(connection.id);
    expect(landed.searchParams.get('oauth')).toBe('failed');
    expect(landed.searchParams.get('reason')).toContain('access_denied');
    expect((await alice.get(`/api/v1/connections/${connection.id}`)).body.status).toBe('unauthenticated');
  });
});
