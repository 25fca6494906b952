// The authorization matrix: two makers and an admin walk every route of the API. Alice
// owns the resources; Bob must neither read nor change them (404, so ids do not leak);
// the admin manages everything except what is personal (tokens, notifications). A route
// registered without an entry here fails the first test, so new routes must be added.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createPeople, eventually, finishedRun, startTestServer, type TestServer } from '../testing/harness.js';
import { echoFlow, failingFlow } from '../testing/definitions.js';
import { startOrdersService, type OrdersService } from '../testing/services.js';

type Actor = 'alice' | 'bob' | 'admin' | 'anonymous';
/** allow: the actor may do it; deny: 404 (or 401 for anonymous on signed-in routes); list: allowed, and Bob's answer must not show Alice's ids. */
type Expect = 'allow' | 'deny' | 'list';

interface Case {
  method: string;
  /** The route as registered. */
  route: string;
  /** Builds the concrete request against fresh resources of Alice's. */
  request: (world: World) => Promise<{ path: string; body?: unknown }>;
  expect: Record<Exclude<Actor, 'anonymous'>, Expect>;
  /** Signed-in routes answer 401 to anonymous callers; these do not need a sign-in. */
  open?: boolean;
  /** Streams (SSE): only the status line is read. */
  stream?: boolean;
  /** The credential is a signature in the URL: called with a wrong one, everybody gets 401, whoever they are. */
  signed?: boolean;
}

interface World {
  server: TestServer;
  ids: { admin: string; alice: string; bob: string };
  service: OrdersService;
  alice: ApiClient;
  /** A fresh flow of Alice's (so destructive routes never share one). */
  flow(): Promise<{ id: string; callbackUrl: string }>;
  /** A fresh flow of Alice's whose Request trigger takes a relativePath ('items/{id}'). */
  pathFlow(): Promise<{ id: string; callbackUrl: string }>;
  /** A finished failed run of Alice's flow. */
  run(): Promise<string>;
  connection(): Promise<string>;
  aliceNotification(): Promise<string>;
  aliceToken(): Promise<string>;
  aliceJob(): Promise<string>;
  /** Ids of Alice's things that Bob's lists must not show. */
  secrets: Set<string>;
}

const all = (e: Expect): Case['expect'] => ({ alice: e, bob: e, admin: e });
const owned: Case['expect'] = { alice: 'allow', bob: 'deny', admin: 'allow' };
const personal: Case['expect'] = { alice: 'allow', bob: 'deny', admin: 'deny' };
const listing: Case['expect'] = { alice: 'list', bob: 'list', admin: 'list' };
const adminOnly: Case['expect'] = { alice: 'deny', bob: 'deny', admin: 'allow' };

const hook = (method: string, route: string, suffix: string): Case => ({
  method,
  route,
  open: true,
  expect: all('allow'),
  request: async (w) => {
    const flow = suffix ? await w.pathFlow() : await w.flow();
    const url = new URL(flow.callbackUrl);
    return { path: `${url.pathname}${suffix}${url.search}` };
  },
});

const CASES: Case[] = [
  { method: 'GET', route: '/healthz', open: true, expect: all('allow'), request: async () => ({ path: '/healthz' }) },
  { method: 'GET', route: '/metrics', open: true, expect: all('allow'), request: async () => ({ path: '/metrics' }) },
  { method: 'GET', route: '/api/v1/openapi.json', open: true, expect: all('allow'), request: async () => ({ path: '/api/v1/openapi.json' }) },
  // accounts
  { method: 'GET', route: '/api/v1/auth/state', open: true, expect: all('allow'), request: async () => ({ path: '/api/v1/auth/state' }) },
  { method: 'POST', route: '/api/v1/auth/setup', open: true, expect: all('allow'), request: async () => ({ path: '/api/v1/auth/setup', body: { email: 'late@example.org', name: 'Late', password: 'a long password!' } }) },
  { method: 'POST', route: '/api/v1/auth/login', open: true, expect: all('allow'), request: async () => ({ path: '/api/v1/auth/login', body: { email: 'nobody@example.org', password: 'nothing at all' } }) },
  { method: 'POST', route: '/api/v1/auth/logout', expect: all('allow'), request: async () => ({ path: '/api/v1/auth/logout' }) },
  { method: 'GET', route: '/api/v1/users', expect: adminOnly, request: async () => ({ path: '/api/v1/users' }) },
  { method: 'POST', route: '/api/v1/users', expect: adminOnly, request: async () => ({ path: '/api/v1/users', body: { email: `u${Math.random()}@example.org`, name: 'U', password: 'a long password!' } }) },
  { method: 'GET', route: '/api/v1/users/directory', expect: all('allow'), request: async () => ({ path: '/api/v1/users/directory' }) },
  { method: 'GET', route: '/api/v1/tokens', expect: listing, request: async () => ({ path: '/api/v1/tokens' }) },
  { method: 'POST', route: '/api/v1/tokens', expect: all('allow'), request: async () => ({ path: '/api/v1/tokens', body: { name: 'matrix' } }) },
  { method: 'DELETE', route: '/api/v1/tokens/:id', expect: personal, request: async (w) => ({ path: `/api/v1/tokens/${await w.aliceToken()}` }) },
  // flows
  { method: 'GET', route: '/api/v1/flows', expect: listing, request: async () => ({ path: '/api/v1/flows' }) },
  { method: 'POST', route: '/api/v1/flows', expect: all('allow'), request: async () => ({ path: '/api/v1/flows', body: { name: 'Mine', definition: echoFlow() } }) },
  { method: 'POST', route: '/api/v1/flows/import', expect: all('allow'), request: async () => ({ path: '/api/v1/flows/import', body: { fileName: 'f.json', content: JSON.stringify(echoFlow()) } }) },
  { method: 'POST', route: '/api/v1/flows/validate', expect: all('allow'), request: async () => ({ path: '/api/v1/flows/validate', body: { definition: echoFlow() } }) },
  { method: 'GET', route: '/api/v1/flows/:id', expect: owned, request: async (w) => ({ path: `/api/v1/flows/${(await w.flow()).id}` }) },
  { method: 'PUT', route: '/api/v1/flows/:id', expect: owned, request: async (w) => ({ path: `/api/v1/flows/${(await w.flow()).id}`, body: { name: 'Renamed' } }) },
  { method: 'DELETE', route: '/api/v1/flows/:id', expect: owned, request: async (w) => ({ path: `/api/v1/flows/${(await w.flow()).id}` }) },
  { method: 'POST', route: '/api/v1/flows/:id/enable', expect: owned, request: async (w) => ({ path: `/api/v1/flows/${(await w.flow()).id}/enable` }) },
  { method: 'POST', route: '/api/v1/flows/:id/disable', expect: owned, request: async (w) => ({ path: `/api/v1/flows/${(await w.flow()).id}/disable` }) },
  { method: 'GET', route: '/api/v1/flows/:id/versions', expect: owned, request: async (w) => ({ path: `/api/v1/flows/${(await w.flow()).id}/versions` }) },
  { method: 'GET', route: '/api/v1/flows/:id/export', expect: owned, request: async (w) => ({ path: `/api/v1/flows/${(await w.flow()).id}/export` }) },
  { method: 'POST', route: '/api/v1/flows/:id/run', expect: owned, request: async (w) => ({ path: `/api/v1/flows/${(await w.flow()).id}/run`, body: {} }) },
  { method: 'POST', route: '/api/v1/flows/:id/regenerate-key', expect: owned, request: async (w) => ({ path: `/api/v1/flows/${(await w.flow()).id}/regenerate-key` }) },
  { method: 'GET', route: '/api/v1/flows/:id/stats', expect: owned, request: async (w) => ({ path: `/api/v1/flows/${(await w.flow()).id}/stats` }) },
  { method: 'POST', route: '/api/v1/flows/:id/owners', expect: owned, request: async (w) => ({ path: `/api/v1/flows/${(await w.flow()).id}/owners`, body: { userId: w.ids.bob } }) },
  {
    method: 'DELETE',
    route: '/api/v1/flows/:id/owners/:userId',
    expect: owned,
    request: async (w) => {
      const { id } = await w.flow();
      await w.alice.post(`/api/v1/flows/${id}/owners`, { userId: w.ids.admin });
      return { path: `/api/v1/flows/${id}/owners/${w.ids.admin}` };
    },
  },
  // runs
  { method: 'GET', route: '/api/v1/runs', expect: listing, request: async () => ({ path: '/api/v1/runs' }) },
  { method: 'GET', route: '/api/v1/runs/:id', expect: owned, request: async (w) => ({ path: `/api/v1/runs/${await w.run()}` }) },
  { method: 'GET', route: '/api/v1/runs/:id/events', expect: owned, stream: true, request: async (w) => ({ path: `/api/v1/runs/${await w.run()}/events` }) },
  { method: 'GET', route: '/api/v1/events', expect: all('allow'), stream: true, request: async () => ({ path: '/api/v1/events' }) },
  { method: 'POST', route: '/api/v1/runs/:id/cancel', expect: owned, request: async (w) => ({ path: `/api/v1/runs/${await w.run()}/cancel` }) },
  { method: 'POST', route: '/api/v1/runs/:id/resubmit', expect: owned, request: async (w) => ({ path: `/api/v1/runs/${await w.run()}/resubmit`, body: {} }) },
  { method: 'POST', route: '/api/v1/runs/resubmit', expect: owned, request: async (w) => ({ path: '/api/v1/runs/resubmit', body: { runIds: [await w.run()] } }) },
  { method: 'POST', route: '/api/v1/runs/cancel', expect: owned, request: async (w) => ({ path: '/api/v1/runs/cancel', body: { runIds: [await w.run()] } }) },
  { method: 'GET', route: '/api/v1/jobs/:id', expect: owned, request: async (w) => ({ path: `/api/v1/jobs/${await w.aliceJob()}` }) },
  // webhooks: the signature is the credential, whoever calls
  ...['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].flatMap((method) => [hook(method, '/api/v1/hooks/:flowId/:triggerName', ''), hook(method, '/api/v1/hooks/:flowId/:triggerName/*', '/items/42')]),
  // callbacks of webhook actions: the signature is the credential (an unknown one answers 401 to all)
  { method: 'POST', route: '/api/v1/callbacks/:runId/:actionKey', open: true, signed: true, expect: all('deny'), request: async (w) => ({ path: `/api/v1/callbacks/${await w.run()}/Stop?sig=wrong` }) },
  // connections and connectors
  { method: 'GET', route: '/api/v1/connectors', expect: all('allow'), request: async () => ({ path: '/api/v1/connectors' }) },
  {
    method: 'POST',
    route: '/api/v1/connectors/import',
    expect: all('allow'),
    request: async () => ({
      path: '/api/v1/connectors/import',
      body: { document: JSON.stringify({ swagger: '2.0', info: { title: `Matrix ${Math.random()}`, version: '1' }, host: 'api.example.com', paths: { '/a': { get: { operationId: 'A', responses: { '200': { description: 'ok' } } } } } }) },
    }),
  },
  { method: 'GET', route: '/api/v1/connections', expect: listing, request: async () => ({ path: '/api/v1/connections' }) },
  {
    method: 'POST',
    route: '/api/v1/connections',
    expect: all('allow'),
    request: async (w) => ({ path: '/api/v1/connections', body: { name: 'Theirs', connectorId: 'http', parameters: { baseUrl: w.service.url }, secrets: {} } }),
  },
  { method: 'GET', route: '/api/v1/connections/:id', expect: owned, request: async (w) => ({ path: `/api/v1/connections/${await w.connection()}` }) },
  { method: 'PATCH', route: '/api/v1/connections/:id', expect: owned, request: async (w) => ({ path: `/api/v1/connections/${await w.connection()}`, body: { name: 'Renamed' } }) },
  { method: 'DELETE', route: '/api/v1/connections/:id', expect: owned, request: async (w) => ({ path: `/api/v1/connections/${await w.connection()}` }) },
  { method: 'POST', route: '/api/v1/connections/:id/verify', expect: owned, request: async (w) => ({ path: `/api/v1/connections/${await w.connection()}/verify`, body: { secrets: { password: 'first password' } } }) },
  { method: 'POST', route: '/api/v1/connections/:id/oauth/start', expect: owned, request: async (w) => ({ path: `/api/v1/connections/${await w.connection()}/oauth/start`, body: {} }) },
  { method: 'GET', route: '/api/v1/oauth/callback', open: true, expect: all('allow'), request: async () => ({ path: '/api/v1/oauth/callback?state=unknown-state&code=x' }) },
  { method: 'GET', route: '/api/v1/connections/:id/failed-runs', expect: owned, request: async (w) => ({ path: `/api/v1/connections/${await w.connection()}/failed-runs` }) },
  { method: 'POST', route: '/api/v1/connections/:id/share', expect: owned, request: async (w) => ({ path: `/api/v1/connections/${await w.connection()}/share`, body: { userId: w.ids.bob } }) },
  {
    method: 'DELETE',
    route: '/api/v1/connections/:id/share/:userId',
    expect: owned,
    request: async (w) => {
      const id = await w.connection();
      await w.alice.post(`/api/v1/connections/${id}/share`, { userId: w.ids.admin });
      return { path: `/api/v1/connections/${id}/share/${w.ids.admin}` };
    },
  },
  // notifications and audit
  { method: 'GET', route: '/api/v1/notifications', expect: listing, request: async () => ({ path: '/api/v1/notifications' }) },
  { method: 'POST', route: '/api/v1/notifications/:id/read', expect: personal, request: async (w) => ({ path: `/api/v1/notifications/${await w.aliceNotification()}/read` }) },
  { method: 'POST', route: '/api/v1/notifications/read-all', expect: all('allow'), request: async () => ({ path: '/api/v1/notifications/read-all' }) },
  { method: 'GET', route: '/api/v1/audit', expect: listing, request: async () => ({ path: '/api/v1/audit?limit=500' }) },
];

describe('authorization matrix', () => {
  let server: TestServer;
  let service: OrdersService;
  let world: World;
  const clients = {} as Record<Actor, ApiClient>;

  beforeAll(async () => {
    service = await startOrdersService('alice', 'first password');
    server = await startTestServer('sqlite', { allowPrivateNetworks: true, rateLimits: { loginPerMinute: 1000, webhookPerMinutePerFlow: 10_000 } });
    const people = await createPeople(server.url);
    Object.assign(clients, { alice: people.alice, bob: people.bob, admin: people.admin, anonymous: new ApiClient(server.url) });
    const secrets = new Set<string>();
    const alice = people.alice;
    const failing = (await alice.post('/api/v1/flows', { name: 'Alice failing', definition: failingFlow() })).body.id as string;
    world = {
      server,
      ids: people.ids,
      service,
      alice,
      secrets,
      async flow() {
        const flow = (await alice.post('/api/v1/flows', { name: 'Alice echo', definition: echoFlow() })).body;
        secrets.add(flow.id);
        return { id: flow.id, callbackUrl: flow.triggers[0].callbackUrl };
      },
      async pathFlow() {
        const definition = echoFlow();
        (definition.triggers!.manual!.inputs as Record<string, unknown>).relativePath = 'items/{id}';
        const flow = (await alice.post('/api/v1/flows', { name: 'Alice items', definition })).body;
        secrets.add(flow.id);
        return { id: flow.id, callbackUrl: flow.triggers[0].callbackUrl };
      },
      async run() {
        const { runId } = (await alice.post(`/api/v1/flows/${failing}/run`, {})).body;
        await finishedRun(alice, runId);
        secrets.add(runId);
        return runId as string;
      },
      async connection() {
        const created = await alice.post('/api/v1/connections', {
          name: 'Alice orders',
          connectorId: 'http',
          authType: 'basic',
          parameters: { baseUrl: service.url, verifyPath: '/me', username: 'alice' },
          secrets: { password: 'first password' },
        });
        secrets.add(created.body.id);
        return created.body.id as string;
      },
      async aliceNotification() {
        const item = await eventually(async () => (await alice.get('/api/v1/notifications')).body.items[0] as { id: string } | undefined);
        return item.id;
      },
      async aliceToken() {
        const token = (await alice.post('/api/v1/tokens', { name: 'alice' })).body;
        secrets.add(token.id);
        return token.id as string;
      },
      async aliceJob() {
        const job = (await alice.post('/api/v1/runs/resubmit', { runIds: [await this.run()] })).body;
        secrets.add(job.id);
        return job.id as string;
      },
    };
    secrets.add(failing);
    // One of Alice's flows fails, so she has a notification; she has a connection and a flow to list.
    await world.run();
    await world.connection();
    await world.flow();
  });
  afterAll(async () => {
    await server.close();
    await service.close();
  });

  it('covers every registered route', () => {
    const registered = server.server.registeredRoutes.filter((route) => !route.endsWith(' *') && !route.endsWith(' /'));
    const covered = new Set(CASES.map((c) => `${c.method} ${c.route}`));
    const missing = registered.filter((route) => !covered.has(route));
    expect(missing, 'routes without an entry in the authorization matrix').toEqual([]);
    const stale = [...covered].filter((route) => !registered.includes(route));
    expect(stale, 'matrix entries for routes that do not exist').toEqual([]);
  });

  const send = async (actor: Actor, c: Case, request: { path: string; body?: unknown }) => {
    const client = clients[actor];
    if (c.stream) {
      const controller = new AbortController();
      const headers: Record<string, string> = {};
      if (client.cookie) headers.cookie = client.cookie;
      const response = await fetch(new URL(request.path, server.url), { headers, signal: controller.signal });
      controller.abort();
      return { status: response.status, text: '' };
    }
    // A signed-out client stays signed out (logout is part of the matrix).
    const saved = client.cookie;
    const answer = await client.request(c.method, request.path, c.method === 'GET' || c.method === 'DELETE' ? undefined : (request.body ?? {}));
    if (c.route === '/api/v1/auth/logout' || c.route === '/api/v1/auth/login' || c.route === '/api/v1/auth/setup') client.cookie = saved;
    return answer;
  };

  for (const c of CASES) {
    for (const actor of ['alice', 'bob', 'admin', 'anonymous'] as const) {
      it(`${c.method} ${c.route} as ${actor}`, async () => {
        if (c.route === '/api/v1/auth/logout' && actor !== 'anonymous') {
          // Sign out a second session of the same person, so the shared clients stay signed in.
          const other = new ApiClient(server.url);
          await other.login(`${actor}@example.org`, 'a long test password');
          expect((await other.post('/api/v1/auth/logout')).status).toBe(204);
          return;
        }
        const request = await c.request(world);
        const answer = await send(actor, c, request);
        if (c.signed) {
          expect(answer.status, answer.text).toBe(401);
          return;
        }
        if (actor === 'anonymous') {
          if (c.open) expect([401, 403, 404, 500]).not.toContain(answer.status === 401 && c.route === '/api/v1/auth/login' ? 0 : answer.status);
          else expect(answer.status, answer.text).toBe(401);
          return;
        }
        const expected = c.expect[actor];
        if (expected === 'deny') {
          expect(answer.status, answer.text).toBe(404);
          return;
        }
        const allowedStatus = answer.status < 500 && (c.route === '/api/v1/auth/login' ? answer.status !== 404 && answer.status !== 403 : ![401, 403, 404].includes(answer.status));
        expect(allowedStatus, `${answer.status} ${answer.text}`).toBe(true);
        if (expected === 'list' && actor === 'bob') for (const id of world.secrets) expect(answer.text).not.toContain(id);
        if (expected === 'list' && actor === 'admin' && ['/api/v1/flows', '/api/v1/connections'].includes(c.route)) {
          expect(answer.text).toContain([...world.secrets].find((id) => answer.text.includes(id)) ?? 'an id of Alice');
        }
      });
    }
  }

  it('left nothing of Alice changed by Bob', async () => {
    const flows = (await clients.alice.get('/api/v1/flows')).body.items as { name: string; coOwners: { id: string }[] }[];
    expect(flows.some((flow) => flow.coOwners.some((owner) => owner.id === world.ids.bob) && flow.name === 'Renamed')).toBe(false);
  });
});
