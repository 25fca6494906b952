// One contract, one suite, every auth scheme: a connection connects and verifies without
// showing its secret; calls carry the credential and record it masked; a credential the
// service stops accepting fails the call as `authentication`, names the scheme's fix and
// flags the connection; the fix makes calls work again; new credentials that do not
// verify are not kept; a 403 is a `permission` failure that also flags the connection.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixActionFor, fixActionLabel } from '../classification/remedy.js';
import type { ConnectionManager } from '../connections/connection-manager.js';
import type { VerifyInput } from '../connections/verify.js';
import type { AuthType } from '../definitions/types.js';
import { startCredentialService, type ServiceCheck, type TestCredentialService } from '../testing/credential-service.js';
import { startOidcProvider, type TestOidcProvider } from '../testing/oidc-provider.js';
import { startResourceServer, type TestResourceServer } from '../testing/resource-server.js';
import { testSetup, type TestSetup } from '../testing/test-manager.js';

interface SchemeWorld {
  /** Creates a working connection (signing it in when the scheme needs it) and returns its id. */
  connect(manager: ConnectionManager, name: string): Promise<string>;
  /** Values that must never appear in anything shown or recorded. */
  secrets(setup: TestSetup, id: string): Promise<string[]>;
  /** The service stops accepting the connection's credential. */
  breakCredential(setup: TestSetup, id: string): Promise<void>;
  /** What the owner does on the Connections page. */
  fix(manager: ConnectionManager, id: string): Promise<void>;
  /** New credentials the service rejects, when the scheme takes typed-in credentials. */
  rejectedInput?: VerifyInput;
  reset(): void;
  close(): Promise<void>;
}

interface SchemeFixture {
  authType: AuthType;
  title: string;
  start(): Promise<SchemeWorld>;
}

function serviceScheme(authType: AuthType, title: string, check: () => ServiceCheck, parameters: Record<string, unknown>, secrets: Record<string, string>, replacement: Record<string, string>, broken: (check: ServiceCheck) => void): SchemeFixture {
  return {
    authType,
    title,
    async start() {
      const service: TestCredentialService = await startCredentialService(check());
      const secretName = Object.keys(secrets)[0]!;
      return {
        connect: async (manager, name) => {
          const { connection, verification } = await manager.create({ ownerId: 'u1', name, connectorId: 'http', authType, parameters: { baseUrl: service.url, verifyPath: '/me', ...parameters }, secrets });
          expect(verification?.ok).toBe(true);
          return connection.id;
        },
        secrets: async () => [...Object.values(secrets), ...Object.values(replacement)],
        breakCredential: async () => broken(service.check),
        fix: async (manager, id) => {
          expect(await manager.verify(id, { secrets: replacement })).toMatchObject({ ok: true, kept: true });
        },
        rejectedInput: { secrets: { [secretName]: 'definitely-not-it' } },
        reset: () => {
          service.check = check();
        },
        close: () => service.close(),
      };
    },
  };
}

const REDIRECT_URI = 'http://127.0.0.1:7420/api/v1/oauth/callback';
const webClient = { client_id: 'brook-web', client_secret: 'web-secret-123', redirect_uris: [REDIRECT_URI] };
const jobsClient = { client_id: 'nightly-jobs', client_secret: 'jobs-secret-123' };
const jobsClient2 = { client_id: 'nightly-jobs-2', client_secret: 'jobs-secret-456' };
const gateway = { client_id: 'api-gateway', client_secret: 'gateway-secret-123' };

async function oauthWorld(): Promise<{ provider: TestOidcProvider; api: TestResourceServer; close(): Promise<void> }> {
  const provider = await startOidcProvider({ clients: [webClient, jobsClient, jobsClient2, gateway] });
  const api = await startResourceServer({ introspectionUrl: provider.introspectionUrl, clientId: gateway.client_id, clientSecret: gateway.client_secret });
  return { provider, api, close: async () => (await api.close(), await provider.close()) };
}

async function tokensOf(setup: TestSetup, id: string): Promise<string[]> {
  const tokens = (await setup.credentials(id)).tokens;
  return [tokens?.accessToken, tokens?.refreshToken].filter((value): value is string => !!value);
}

const fixtures: SchemeFixture[] = [
  serviceScheme('basic', 'Basic', () => ({ kind: 'basic', username: 'alice', password: 'pw-one-1' }), { username: 'alice' }, { password: 'pw-one-1' }, { password: 'pw-two-2' }, (check) => {
    if (check.kind === 'basic') check.password = 'pw-two-2';
  }),
  serviceScheme('apiKey', 'API key in a header', () => ({ kind: 'header', name: 'X-Api-Key', value: 'key-header-1' }), { apiKeyIn: 'header', apiKeyName: 'X-Api-Key' }, { apiKey: 'key-header-1' }, { apiKey: 'key-header-2' }, (check) => {
    if (check.kind === 'header') check.value = 'key-header-2';
  }),
  serviceScheme('apiKey', 'API key in the query', () => ({ kind: 'query', name: 'api_key', value: 'key-query-1' }), { apiKeyIn: 'query', apiKeyName: 'api_key' }, { apiKey: 'key-query-1' }, { apiKey: 'key-query-2' }, (check) => {
    if (check.kind === 'query') check.value = 'key-query-2';
  }),
  serviceScheme('bearer', 'Bearer token', () => ({ kind: 'bearer', token: 'tok-aaa-1' }), {}, { token: 'tok-aaa-1' }, { token: 'tok-bbb-2' }, (check) => {
    if (check.kind === 'bearer') check.token = 'tok-bbb-2';
  }),
  {
    authType: 'oauth2ClientCredentials',
    title: 'OAuth2 client credentials',
    async start() {
      const world = await oauthWorld();
      return {
        connect: async (manager, name) => {
          const { connection, verification } = await manager.create({
            ownerId: 'u1',
            name,
            connectorId: 'http',
            authType: 'oauth2ClientCredentials',
            parameters: { baseUrl: world.api.url, verifyPath: '/me', clientId: jobsClient.client_id, scopes: 'api', tokenUrl: world.provider.tokenUrl },
            secrets: { clientSecret: jobsClient.client_secret },
          });
          expect(verification?.ok).toBe(true);
          return connection.id;
        },
        secrets: async (setup, id) => [jobsClient.client_secret, jobsClient2.client_secret, ...(await tokensOf(setup, id))],
        // The service withdraws the app's access: its tokens, even fresh ones, are refused.
        breakCredential: async () => void world.api.blockedClients.add(jobsClient.client_id),
        fix: async (manager, id) => {
          expect(await manager.verify(id, { parameters: { clientId: jobsClient2.client_id }, secrets: { clientSecret: jobsClient2.client_secret } })).toMatchObject({ ok: true, kept: true });
        },
        rejectedInput: { secrets: { clientSecret: 'not-the-secret' } },
        reset: () => world.api.blockedClients.clear(),
        close: () => world.close(),
      };
    },
  },
  {
    authType: 'oauth2AuthorizationCode',
    title: 'OAuth2 authorization code with PKCE',
    async start() {
      const world = await oauthWorld();
      const signIn = async (manager: ConnectionManager, id: string): Promise<void> => {
        const { authorizeUrl } = await manager.startConsent(id, { userId: 'u1', redirectUri: REDIRECT_URI });
        const back = await world.provider.signIn(authorizeUrl, REDIRECT_URI);
        expect((await manager.completeConsent({ ...back, userId: 'u1' })).ok).toBe(true);
      };
      return {
        connect: async (manager, name) => {
          const { connection } = await manager.create({
            ownerId: 'u1',
            name,
            connectorId: 'http',
            authType: 'oauth2AuthorizationCode',
            parameters: {
              baseUrl: world.api.url,
              verifyPath: '/me',
              clientId: webClient.client_id,
              scopes: 'openid offline_access api',
              authorizationUrl: world.provider.authorizationUrl,
              tokenUrl: world.provider.tokenUrl,
              authorizeParameters: 'prompt=consent',
            },
            secrets: { clientSecret: webClient.client_secret },
          });
          await signIn(manager, connection.id);
          return connection.id;
        },
        secrets: async (setup, id) => [webClient.client_secret, ...(await tokensOf(setup, id))],
        // The owner revokes Brook's access at the provider.
        breakCredential: async (setup, id) => world.provider.revoke((await setup.credentials(id)).tokens!.refreshToken!, webClient),
        fix: signIn,
        reset: () => undefined,
        close: () => world.close(),
      };
    },
  },
];

for (const fixture of fixtures) {
  describe(`auth scheme: ${fixture.title}`, () => {
    let world: SchemeWorld;
    let setup: TestSetup;
    const fixLabel = fixActionLabel(fixActionFor(fixture.authType));
    beforeAll(async () => {
      world = await fixture.start();
      setup = testSetup();
    });
    afterAll(async () => {
      await setup.close();
      await world.close();
    });
    beforeEach(() => world.reset());

    async function expectNoSecretIn(value: unknown, id: string): Promise<void> {
      const text = JSON.stringify(value);
      for (const secret of await world.secrets(setup, id)) expect(text).not.toContain(secret);
    }

    it('connects and verifies; the connection shows which secrets are set, never their values', async () => {
      const id = await world.connect(setup.manager, 'Service');
      const view = await setup.manager.get(id);
      expect(view).toMatchObject({ status: 'connected', statusReason: null, authType: fixture.authType, fixAction: fixActionFor(fixture.authType) });
      expect(view?.secretsSet.length).toBeGreaterThan(0);
      expect((await setup.manager.verify(id)).ok).toBe(true);
      await expectNoSecretIn(view, id);
    });

    it('puts the credential on each call and records it masked', async () => {
      const id = await world.connect(setup.manager, 'Service');
      const result = await setup.manager.invoke(id, { method: 'POST', path: '/items', query: { page: 2 }, body: { name: 'x' } });
      expect(result.outcome).toBe('succeeded');
      if (result.outcome !== 'succeeded') return;
      expect(result.outputs.statusCode).toBe(200);
      expect(JSON.stringify(result.recorded)).toContain('***');
      await expectNoSecretIn(result.recorded, id);
    });

    it(`a credential the service stops accepting fails as authentication, says "${fixLabel}", and flags the connection`, async () => {
      const id = await world.connect(setup.manager, 'Breakable');
      await world.breakCredential(setup, id);
      const result = await setup.manager.invoke(id, { method: 'GET', path: '/items' });
      expect(result.outcome).toBe('failed');
      if (result.outcome !== 'failed') return;
      expect(result.error).toMatchObject({ category: 'authentication', connectionId: id, retryable: false });
      expect(result.error.remedy.steps.join(' ')).toContain(`Click ${fixLabel}`);
      expect(result.connectionStatusChange?.status).toBe('unauthenticated');
      expect(await setup.manager.get(id)).toMatchObject({ status: 'unauthenticated', statusReason: expect.stringContaining(fixLabel) });
      await expectNoSecretIn([result.error, result.recorded, result.connectionStatusChange], id);
    });

    it('the fix on the Connections page makes it connected again and calls work', async () => {
      const id = await world.connect(setup.manager, 'Fixable');
      await world.breakCredential(setup, id);
      expect((await setup.manager.invoke(id, { method: 'GET', path: '/items' })).outcome).toBe('failed');
      await world.fix(setup.manager, id);
      expect((await setup.manager.get(id))?.status).toBe('connected');
      expect((await setup.manager.invoke(id, { method: 'GET', path: '/items' })).outcome).toBe('succeeded');
    });

    if (fixture.authType !== 'oauth2AuthorizationCode') {
      it('new credentials that do not verify are not kept', async () => {
        const id = await world.connect(setup.manager, 'Careful');
        const before = await setup.credentials(id);
        const result = await setup.manager.verify(id, world.rejectedInput);
        expect(result).toMatchObject({ ok: false, kept: false, status: 'connected' });
        expect((await setup.credentials(id)).secrets).toEqual(before.secrets);
        expect((await setup.manager.invoke(id, { method: 'GET', path: '/items' })).outcome).toBe('succeeded');
        expect(JSON.stringify(result)).not.toContain('definitely-not-it');
      });
    }

    it('a 403 is a permission failure that also flags the connection', async () => {
      const id = await world.connect(setup.manager, 'Limited');
      const result = await setup.manager.invoke(id, { method: 'GET', path: '/reports/forbidden' });
      expect(result.outcome).toBe('failed');
      if (result.outcome !== 'failed') return;
      expect(result.error).toMatchObject({ category: 'permission', status: 403, connectionId: id });
      expect(result.connectionStatusChange?.status).toBe('unauthenticated');
    });
  });
}
