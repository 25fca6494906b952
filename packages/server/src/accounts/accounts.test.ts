import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestServer, TEST_PASSWORD, type TestServer } from '../testing/harness.js';

describe('accounts', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { rateLimits: { loginPerMinute: 5, webhookPerMinutePerFlow: 1000 } });
  });
  afterAll(async () => server.close());

  it('asks for setup on first visit, creates the admin once, then signs in', async () => {
    const visitor = new ApiClient(server.url);
    expect((await visitor.get('/api/v1/auth/state')).body).toEqual({ needsSetup: true, user: null, csrfToken: null });

    const badSetup = await visitor.post('/api/v1/auth/setup', { email: 'not-an-email', name: '', password: 'short' });
    expect(badSetup.status).toBe(400);
    expect(badSetup.body.error.code).toBe('ValidationFailed');
    expect(badSetup.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/email', '/name', '/password']);

    const setup = await visitor.post('/api/v1/auth/setup', { email: 'Root@Example.org', name: 'Root', password: TEST_PASSWORD });
    expect(setup.status).toBe(200);
    expect(setup.body.user).toMatchObject({ email: 'root@example.org', role: 'admin' });
    const cookie = setup.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/brook_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const again = await new ApiClient(server.url).post('/api/v1/auth/setup', { email: 'x@example.org', name: 'X', password: TEST_PASSWORD });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SetupDone');

    const state = await visitor.get('/api/v1/auth/state');
    expect(state.body).toMatchObject({ needsSetup: false, user: { email: 'root@example.org' } });
    expect(state.body.csrfToken).toBe(setup.body.csrfToken);
  });

  it('refuses changes from a session without the CSRF token', async () => {
    const admin = new ApiClient(server.url);
    await admin.login('root@example.org', TEST_PASSWORD);
    const token = admin.csrfToken;
    admin.csrfToken = undefined;
    const refused = await admin.post('/api/v1/users', { email: 'm@example.org', name: 'M', password: TEST_PASSWORD });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CsrfTokenMissing');
    admin.csrfToken = token;
    const created = await admin.post('/api/v1/users', { email: 'm@example.org', name: 'M', password: TEST_PASSWORD });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'm@example.org', role: 'maker' });
    expect(created.body).not.toHaveProperty('passwordHash');
    const duplicate = await admin.post('/api/v1/users', { email: 'M@example.org', name: 'M2', password: TEST_PASSWORD });
    expect(duplicate.status).toBe(409);
  });

  it('lets a user script the API with a personal token, stored hashed and shown once', async () => {
    const maker = new ApiClient(server.url);
    await maker.login('m@example.org', TEST_PASSWORD);
    const created = await maker.post('/api/v1/tokens', { name: 'ci' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^brk_/);

    const script = new ApiClient(server.url);
    script.token = created.body.token;
    const tokens = await script.get('/api/v1/tokens');
    expect(tokens.body.items).toEqual([expect.objectContaining({ id: created.body.id, name: 'ci' })]);
    expect(tokens.text).not.toContain(created.body.token);
    // A token needs no CSRF header for changes.
    expect((await script.post('/api/v1/tokens', { name: 'second' })).status).toBe(201);

    const stored = await server.server.context.database.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(created.body.token);

    expect((await script.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    const after = await script.get('/api/v1/tokens');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('Unauthenticated');
  });

  it('keeps the user list to admins and answers makers 404', async () => {
    const maker = new ApiClient(server.url);
    await maker.login('m@example.org', TEST_PASSWORD);
    expect((await maker.get('/api/v1/users')).status).toBe(404);
    expect((await maker.get('/api/v1/users/directory')).body.items.map((u: { email: string }) => u.email)).toContain('root@example.org');
    expect((await new ApiClient(server.url).get('/api/v1/users')).status).toBe(401);
  });

  it('ends the session on sign-out', async () => {
    const maker = new ApiClient(server.url);
    await maker.login('m@example.org', TEST_PASSWORD);
    const cookie = maker.cookie;
    expect((await maker.post('/api/v1/auth/logout')).status).toBe(204);
    const stale = new ApiClient(server.url);
    stale.cookie = cookie;
    expect((await stale.get('/api/v1/tokens')).status).toBe(401);
  });

  it('audits sign-ins and limits sign-in attempts', async () => {
    const visitor = new ApiClient(server.url);
    const statuses: number[] = [];
    // Five attempts a minute: the sixth of a minute is refused (a new minute may begin once in between).
    for (let i = 0; i < 12 && statuses.at(-1) !== 429; i += 1) {
      const answer = await visitor.post('/api/v1/auth/login', { email: 'root@example.org', password: 'wrong password' });
      statuses.push(answer.status);
      if (answer.status === 429) {
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(answer.body.error.code).toBe('RateLimited');
      }
    }
    expect(statuses).toContain(401);
    expect(statuses.at(-1)).toBe(429);
    const right = await visitor.post('/api/v1/auth/login', { email: 'root@example.org', password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    const audit = await server.server.context.platform.audit.list({ action: 'auth.login-failed' });
    expect(audit.items.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit.items)).not.toContain('wrong password');
    expect((await server.server.context.platform.audit.list({ action: 'auth.login' })).items.length).toBeGreaterThan(0);
  });
});
