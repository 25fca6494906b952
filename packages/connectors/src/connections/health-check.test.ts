// The health check verifies every connection and notices tokens about to expire; the key
// rotation re-seals every connection while calls keep working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSecretKey } from '../secrets/key-source.js';
import { resealSecrets } from '../secrets/rotation.js';
import { startCredentialService, type TestCredentialService } from '../testing/credential-service.js';
import { testSetup, type TestSetup } from '../testing/test-manager.js';
import { sealBundle } from './credential-bundle.js';
import { ConnectionManager } from './connection-manager.js';
import { DEFAULT_HEALTH_CHECK_INTERVAL_MS } from './health-check.js';

let service: TestCredentialService;
let setup: TestSetup;

beforeAll(async () => {
  service = await startCredentialService({ kind: 'bearer', token: 'token-good-1' });
  setup = testSetup();
});
afterAll(async () => {
  await setup.close();
  await service.close();
});

async function bearerConnection(name: string, token: string): Promise<string> {
  const { connection } = await setup.manager.create({ ownerId: 'u1', name, connectorId: 'http', authType: 'bearer', parameters: { baseUrl: service.url, verifyPath: '/me' }, secrets: { token } });
  return connection.id;
}

describe('the health check', () => {
  it('verifies every connection, reports what changed, and notices a token that will expire without refresh', async () => {
    const good = await bearerConnection('Good', 'token-good-1');
    const revoked = await bearerConnection('Will break', 'token-good-1');
    const unreachable = (await setup.manager.create({ ownerId: 'u1', name: 'Gone', connectorId: 'http', authType: 'none', parameters: { baseUrl: 'http://127.0.0.1:9', verifyPath: '/' } })).connection.id;
    // An OAuth2 sign-in without a refresh token, whose access token expires in an hour.
    const { connection: signedIn } = await setup.manager.create({
      ownerId: 'u1',
      name: 'Short-lived',
      connectorId: 'http',
      authType: 'oauth2AuthorizationCode',
      parameters: { baseUrl: service.url, verifyPath: '/me', clientId: 'c', authorizationUrl: 'http://127.0.0.1:9/auth', tokenUrl: 'http://127.0.0.1:9/token' },
    });
    const stored = await setup.store.getConnection(signedIn.id);
    const expiresAt = setup.clock.now + 3600_000;
    await setup.store.writeCredentials(signedIn.id, {
      expectedRevision: stored!.revision,
      secretNames: [],
      secretsSealed: sealBundle(setup.keyring, signedIn.id, { v: 1, secrets: {}, tokens: { accessToken: 'token-good-1', tokenType: 'Bearer', expiresAt, obtainedAt: setup.clock.now } }),
      tokenExpiresAt: expiresAt,
    });

    if (service.check.kind === 'bearer') service.check.token = 'token-good-2';
    await setup.manager.verify(good, { secrets: { token: 'token-good-2' } });

    const report = await setup.manager.healthCheck();
    const byId = new Map(report.results.map((result) => [result.connectionId, result]));
    expect(byId.get(good)).toMatchObject({ before: 'connected', after: 'connected', changed: false, expiringSoon: false });
    expect(byId.get(revoked)).toMatchObject({ before: 'connected', after: 'unauthenticated', changed: true, message: expect.stringContaining('401') });
    expect(byId.get(unreachable)).toMatchObject({ after: 'error', message: expect.stringContaining('refused the connection') });
    expect(byId.get(signedIn.id)).toMatchObject({ after: 'unauthenticated', expiringSoon: true, tokenExpiresAt: expiresAt });
    expect((await setup.manager.get(revoked))?.status).toBe('unauthenticated');
    expect(report.results).toHaveLength(4);
    expect(DEFAULT_HEALTH_CHECK_INTERVAL_MS).toBe(6 * 3600_000);
  });
});

describe('rotating the master key', () => {
  it('re-seals every connection while calls keep working, and then the old key can go', async () => {
    if (service.check.kind === 'bearer') service.check.token = 'rotating-token';
    const ids = [await bearerConnection('R1', 'rotating-token'), await bearerConnection('R2', 'rotating-token')];
    const oldKeyId = setup.keyring.primaryKeyId;
    // During the rotation the new key seals, both open.
    const during = setup.keyring.withPrimary(generateSecretKey());
    const rotating = new ConnectionManager({ store: setup.store, keyring: during, connectors: setup.connectors, network: { allowedCidrs: ['127.0.0.1/32'] } });
    expect((await rotating.invoke(ids[0]!, { method: 'GET', path: '/a' })).outcome).toBe('succeeded');
    const report = await resealSecrets({ keyring: during, records: setup.store.secretRecords() });
    expect(report.remaining).toBe(0);
    expect(report.resealed).toBeGreaterThanOrEqual(2);
    // Only the new key now: everything still opens.
    const after = new ConnectionManager({ store: setup.store, keyring: during.without([oldKeyId]), connectors: setup.connectors, network: { allowedCidrs: ['127.0.0.1/32'] } });
    for (const id of ids) expect((await after.invoke(id, { method: 'GET', path: '/b' })).outcome).toBe('succeeded');
    await rotating.close();
    await after.close();
  });
});
