// J2 → J4 → J5 → J6 with a Basic connection: connect, the password changes on the
// service, the next call fails as authentication and flags the connection, a wrong new
// password is not kept, the right one verifies, and the resubmitted call works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCredentialService, type TestCredentialService } from '../testing/credential-service.js';
import { testSetup, type TestSetup } from '../testing/test-manager.js';

let service: TestCredentialService;
let setup: TestSetup;

beforeAll(async () => {
  service = await startCredentialService({ kind: 'basic', username: 'alice', password: 'first-Passw0rd' });
  setup = testSetup();
});
afterAll(async () => {
  await setup.close();
  await service.close();
});

describe('a Basic connection whose password changes', () => {
  it('goes through connect, break, fix and resubmit', async () => {
    const { manager } = setup;
    const created = await manager.create({
      ownerId: 'u1',
      name: 'Orders API',
      connectorId: 'http',
      authType: 'basic',
      parameters: { baseUrl: `${service.url}/api`, verifyPath: '/me', username: 'alice' },
      secrets: { password: 'first-Passw0rd' },
    });
    expect(created.verification).toEqual({ ok: true, status: 'connected', message: 'Connected.', kept: false });
    expect(created.connection).toMatchObject({ name: 'Orders API', authType: 'basic', fixAction: 'verify_password', status: 'connected', statusReason: null, secretsSet: ['password'] });
    expect(created.connection.lastSuccessAt).not.toBeNull();
    const id = created.connection.id;

    const first = await manager.invoke(id, { method: 'POST', path: '/orders', body: { item: 'pen' } }, { idempotencyKey: 'run-1/Create/0' });
    expect(first.outcome).toBe('succeeded');
    if (first.outcome !== 'succeeded') return;
    expect(first.outputs).toMatchObject({ statusCode: 200, body: { ok: true, method: 'POST', path: '/api/orders', body: { item: 'pen' } } });
    expect(first.recorded.inputs).toMatchObject({ method: 'POST', uri: `${service.url}/api/orders`, headers: { authorization: '***' }, body: { item: 'pen' } });
    const lastSeen = service.seen.at(-1)!;
    expect(lastSeen.headers.authorization).toBe(`Basic ${Buffer.from('alice:first-Passw0rd').toString('base64')}`);
    expect(lastSeen.headers['idempotency-key']).toBe('run-1/Create/0');

    // Someone changes the password on the service.
    if (service.check.kind === 'basic') service.check.password = 'second-Passw0rd';
    const broken = await manager.invoke(id, { method: 'GET', path: '/orders' });
    expect(broken.outcome).toBe('failed');
    if (broken.outcome !== 'failed') return;
    expect(broken.error).toMatchObject({ code: 'Unauthorized', category: 'authentication', status: 401, connectionId: id, retryable: false });
    expect(broken.error.message).toBe("Connection 'Orders API': the service answered 401 Unauthorized.");
    expect(broken.error.remedy.steps).toEqual([
      'Open Settings (the gear icon), then Connections.',
      "Find 'Orders API' — it says it is not authenticated.",
      'Click Verify password and enter the new password.',
      'Go back to the failed run and click Resubmit.',
    ]);
    expect(broken.connectionStatusChange).toEqual({ status: 'unauthenticated', reason: 'The service answered 401 Unauthorized. Verify password.' });
    expect(await manager.get(id)).toMatchObject({ status: 'unauthenticated', statusReason: 'The service answered 401 Unauthorized. Verify password.' });

    // A typo is not kept: the connection keeps its old password and stays flagged.
    const typo = await manager.verify(id, { secrets: { password: 'second-Passw0rd-typo' } });
    expect(typo).toMatchObject({ ok: false, kept: false, status: 'unauthenticated' });
    expect(typo.message).toContain('401');
    expect((await setup.credentials(id)).secrets).toEqual({ password: 'first-Passw0rd' });

    const fixed = await manager.verify(id, { secrets: { password: 'second-Passw0rd' } });
    expect(fixed).toEqual({ ok: true, status: 'connected', message: 'Connected. The new credentials are saved.', kept: true });
    expect(await manager.get(id)).toMatchObject({ status: 'connected', statusReason: null });

    const resubmitted = await manager.invoke(id, { method: 'GET', path: '/orders' });
    expect(resubmitted.outcome).toBe('succeeded');

    // No password anywhere the outside world sees.
    const visible = JSON.stringify([created, first.recorded, broken.error, broken.recorded, broken.connectionStatusChange, typo, fixed, await manager.get(id)]);
    for (const secret of ['first-Passw0rd', 'second-Passw0rd', Buffer.from('alice:first-Passw0rd').toString('base64')]) expect(visible).not.toContain(secret);
  });

  it('verifies the stored password on demand and records the time of the check', async () => {
    const { manager, clock } = setup;
    if (service.check.kind === 'basic') service.check.password = 'pw-3';
    const { connection } = await manager.create({
      ownerId: 'u1',
      name: 'Reports',
      connectorId: 'http',
      authType: 'basic',
      parameters: { baseUrl: service.url, verifyPath: '/me', username: 'alice' },
      secrets: { password: 'pw-3' },
    });
    clock.advance(60_000);
    if (service.check.kind === 'basic') service.check.password = 'pw-4';
    const result = await manager.verify(connection.id);
    expect(result).toMatchObject({ ok: false, status: 'unauthenticated' });
    const view = await manager.get(connection.id);
    expect(view?.lastCheckedAt).toBe(new Date(clock.now).toISOString());
    expect(view?.lastSuccessAt).toBe(connection.lastSuccessAt);
  });

  it('refuses bad input, naming each field', async () => {
    const { manager } = setup;
    await expect(manager.create({ ownerId: 'u1', name: '', connectorId: 'nope' })).rejects.toMatchObject({ details: [{ path: 'connectorId', message: 'There is no connector "nope".' }] });
    await expect(
      manager.create({ ownerId: 'u1', name: 'X', connectorId: 'http', authType: 'basic', parameters: { baseUrl: 'not a url', password: 'oops', colour: 'red' } }),
    ).rejects.toMatchObject({
      details: [
        { path: 'parameters.password', message: 'Password is secret: send it in "secrets", never in "parameters".' },
        { path: 'parameters.colour', message: expect.stringContaining('Not a parameter of this connector; it takes baseUrl, verifyPath, username, password') },
        { path: 'parameters.username', message: 'User name is required.' },
        { path: 'secrets.password', message: 'Password is required.' },
        { path: 'parameters.baseUrl', message: '"not a url" is not an absolute URL such as https://api.example.com.' },
      ],
    });
    await expect(manager.create({ ownerId: 'u1', name: 'X', connectorId: 'smtp', authType: 'basic' })).rejects.toMatchObject({ details: [{ path: 'authType' }] });
  });
});
