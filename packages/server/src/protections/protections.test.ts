// What keeps a shared Brook safe: outgoing calls only where the network policy allows,
// definitions within their limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createPeople, finishedRun, startTestServer, TEST_PASSWORD, type TestServer } from '../testing/harness.js';
import { startOrdersService, type OrdersService } from '../testing/services.js';

const httpFlow = (uri: string) => ({
  triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
  actions: { Call: { type: 'Http', inputs: { method: 'GET', uri }, runAfter: {} } },
});

async function callOnce(alice: ApiClient, uri: string) {
  const flow = (await alice.post('/api/v1/flows', { name: 'Caller', definition: httpFlow(uri) })).body;
  return finishedRun(alice, (await alice.post(`/api/v1/flows/${flow.id}/run`, {})).body.runId);
}

describe('protections', () => {
  let strict: TestServer;
  let open: TestServer;
  let service: OrdersService;
  let strictAlice: ApiClient;
  let openAlice: ApiClient;

  beforeAll(async () => {
    service = await startOrdersService();
    // Behind an HTTPS proxy: strict transport security and Secure cookies.
    strict = await startTestServer('sqlite', { limits: { definitionBytes: 4096 }, publicUrl: 'https://brook.example.org' });
    open = await startTestServer('sqlite', { allowPrivateNetworks: true });
    strictAlice = (await createPeople(strict.url)).alice;
    openAlice = (await createPeople(open.url)).alice;
  });
  afterAll(async () => {
    await Promise.all([strict.close(), open.close()]);
    await service.close();
  });

  it('refuses calls to loopback and private addresses unless allowed', async () => {
    const blocked = await callOnce(strictAlice, `${service.url}/me`);
    expect(blocked.status).toBe('Failed');
    expect(blocked.error).toMatchObject({ code: 'BlockedByNetworkPolicy', category: 'network' });
    const calls = service.calls;
    const allowed = await callOnce(openAlice, `${service.url}/me`);
    expect(allowed.actions[0].outputs.statusCode).toBe(401);
    expect(service.calls).toBe(calls + 1);
  });

  it('refuses link-local and metadata addresses even when private networks are allowed', async () => {
    const metadata = await callOnce(openAlice, 'http://169.254.169.254/latest/meta-data/');
    expect(metadata.status).toBe('Failed');
    expect(metadata.error.code).toBe('BlockedByNetworkPolicy');
  });

  it('limits the size of a definition and the depth of its nesting', async () => {
    const big = httpFlow('https://example.org/');
    (big.actions as Record<string, unknown>).Padding = { type: 'Compose', inputs: 'x'.repeat(5000), runAfter: {} };
    const tooBig = await strictAlice.post('/api/v1/flows', { name: 'Big', definition: big });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.details[0].path).toBe('/definition');

    let inner: Record<string, unknown> = { Leaf: { type: 'Compose', inputs: 1, runAfter: {} } };
    for (let depth = 0; depth < 10; depth += 1) inner = { [`Scope_${depth}`]: { type: 'Scope', actions: inner, runAfter: {} } };
    const deep = await openAlice.post('/api/v1/flows', { name: 'Deep', definition: { triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } }, actions: inner } });
    expect(deep.status).toBe(400);
    expect(deep.body.error.details.map((d: { code: string }) => d.code)).toContain('NestingTooDeep');
  });

  it('sends HSTS and Secure session cookies when served over HTTPS', async () => {
    const answer = await fetch(`${strict.url}/healthz`);
    expect(answer.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect((await fetch(`${open.url}/healthz`)).headers.get('strict-transport-security')).toBeNull();
    const login = await new ApiClient(strict.url).post('/api/v1/auth/login', { email: 'alice@example.org', password: TEST_PASSWORD });
    expect(login.headers.get('set-cookie')).toMatch(/brook_session=[^;]+;.*HttpOnly.*Secure|Secure.*HttpOnly/);
    expect(login.headers.get('set-cookie')).toContain('SameSite=Lax');
  });
});
