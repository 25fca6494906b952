import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, eventually, finishedRun, startTestServer, type ApiClient, type TestServer } from '../testing/harness.js';
import { ordersFlow } from '../testing/definitions.js';
import { startOrdersService, type OrdersService } from '../testing/services.js';

describe('connections: break, notice, verify, recover', () => {
  let server: TestServer;
  let service: OrdersService;
  let alice: ApiClient;
  let bob: ApiClient;
  let ids: { admin: string; alice: string; bob: string };
  let connectionId: string;
  let flowId: string;

  beforeAll(async () => {
    service = await startOrdersService('alice', 'first password');
    server = await startTestServer('sqlite', { allowPrivateNetworks: true });
    ({ alice, bob, ids } = await createPeople(server.url));
  });
  afterAll(async () => {
    await server.close();
    await service.close();
  });

  it('creates a connection, verifies it at once, and never shows its secret', async () => {
    const created = await alice.post('/api/v1/connections', {
      name: 'Orders API',
      connectorId: 'http',
      authType: 'basic',
      parameters: { baseUrl: service.url, verifyPath: '/me', username: 'alice' },
      secrets: { password: 'first password' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Orders API', authType: 'basic', fixAction: 'verify_password', status: 'connected', secretsSet: ['password'], canEdit: true, owner: { id: ids.alice } });
    expect(created.text).not.toContain('first password');
    connectionId = created.body.id;
    const stored = await server.server.context.database.db.selectFrom('connections').select('secrets_sealed').where('id', '=', connectionId).executeTakeFirstOrThrow();
    expect(stored.secrets_sealed).not.toContain('first password');

    const bad = await alice.post('/api/v1/connections', { name: 'No URL', connectorId: 'http', authType: 'basic', parameters: {}, secrets: {} });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('/parameters/baseUrl');
  });

  it('runs a flow through the connection', async () => {
    const flow = await alice.post('/api/v1/flows', { name: 'Order status', definition: ordersFlow(), connections: { orders: connectionId } });
    expect(flow.status).toBe(201);
    expect(flow.body.connectionReferences).toEqual([{ name: 'orders', connectorId: null, connectionId }]);
    flowId = flow.body.id;
    const { runId } = (await alice.post(`/api/v1/flows/${flowId}/run`, {})).body;
    const run = await finishedRun(alice, runId);
    expect(run.status).toBe('Succeeded');
    expect(run.actions.find((a: { name: string }) => a.name === 'Status').outputs).toBe('shipped');
    expect(run.actions.find((a: { name: string }) => a.name === 'Get_order')).toMatchObject({ connectionId, connectionName: 'Orders API' });
    expect(JSON.stringify(run)).not.toContain('first password');
  });

  it('flags the connection when the service rejects the password, links the failed runs and tells the owner once', async () => {
    service.password = 'second password';
    const brokenAt = new Date().toISOString();
    const runIds: string[] = [];
    for (let i = 0; i < 2; i += 1) runIds.push((await alice.post(`/api/v1/flows/${flowId}/run`, {})).body.runId);
    for (const runId of runIds) {
      const run = await finishedRun(alice, runId);
      expect(run.status).toBe('Failed');
      expect(run.error).toMatchObject({ category: 'authentication', status: 401, connectionId, connectionName: 'Orders API' });
      expect(run.error.remedy.steps.join(' ')).toContain('Verify password');
    }
    const connection = await eventually(async () => {
      const current = (await alice.get(`/api/v1/connections/${connectionId}`)).body;
      return current.status === 'unauthenticated' && current.broken.runs === 2 ? current : undefined;
    });
    expect(connection.broken).toMatchObject({ runs: 2, flows: 1 });
    const failed = await alice.get(`/api/v1/connections/${connectionId}/failed-runs?since=${encodeURIComponent(brokenAt)}`);
    expect(failed.body.items.map((run: { id: string }) => run.id).sort()).toEqual([...runIds].sort());
    const later = await alice.get(`/api/v1/connections/${connectionId}/failed-runs?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(later.body.items).toEqual([]);
    expect((await alice.get(`/api/v1/connections/${connectionId}/failed-runs?since=yesterday`)).status).toBe(400);
    const byConnection = await alice.get(`/api/v1/runs?connectionId=${connectionId}&category=authentication`);
    expect(byConnection.body.items).toHaveLength(2);

    const notifications = await eventually(async () => {
      const list = (await alice.get('/api/v1/notifications')).body;
      return list.items.some((n: { kind: string }) => n.kind === 'connection-unauthenticated') ? list : undefined;
    });
    const about = notifications.items.filter((n: { kind: string }) => n.kind === 'connection-unauthenticated');
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({ link: `/settings/connections?focus=${connectionId}`, title: "Connection 'Orders API' is not authenticated" });
    expect(notifications.items.filter((n: { kind: string }) => n.kind === 'flow-failing')).toHaveLength(1);
  });

  it('keeps new credentials only when they verify', async () => {
    const wrong = await alice.post(`/api/v1/connections/${connectionId}/verify`, { secrets: { password: 'a guess' } });
    expect(wrong.body.ok).toBe(false);
    expect(wrong.body.connection.status).toBe('unauthenticated');
    const right = await alice.post(`/api/v1/connections/${connectionId}/verify`, { secrets: { password: 'second password' } });
    expect(right.body).toMatchObject({ ok: true, connection: { status: 'connected' } });
    expect(JSON.stringify(right.body)).not.toContain('second password');
    const audit = await alice.get('/api/v1/audit?action=connection.verify');
    expect(audit.body.items).toHaveLength(2);
    expect(audit.text).not.toContain('second password');
  });

  it('resubmits every run the connection broke in one background job', async () => {
    const job = await alice.post('/api/v1/runs/resubmit', { connectionId });
    expect(job.status).toBe(202);
    expect(job.body.total).toBe(2);
    const done = await eventually(async () => {
      const current = (await alice.get(`/api/v1/jobs/${job.body.id}`)).body;
      return current.status === 'succeeded' ? current : undefined;
    });
    expect(done).toMatchObject({ done: 2, failed: 0 });
    for (const result of done.results) expect((await finishedRun(alice, result.newRunId)).status).toBe('Succeeded');
    expect((await alice.get(`/api/v1/connections/${connectionId}`)).body.broken).toEqual({ runs: 0, flows: 0, since: null });
  });

  it('shares a connection for use without revealing or letting others change its secret', async () => {
    expect((await bob.get(`/api/v1/connections/${connectionId}`)).status).toBe(404);
    const shared = await alice.post(`/api/v1/connections/${connectionId}/share`, { userId: ids.bob });
    expect(shared.body.sharedWith).toEqual([{ id: ids.bob, name: 'Bob Maker' }]);
    const seen = await bob.get(`/api/v1/connections/${connectionId}`);
    expect(seen.body).toMatchObject({ canEdit: false, secretsSet: ['password'] });
    expect((await bob.post(`/api/v1/connections/${connectionId}/verify`, { secrets: { password: 'x' } })).status).toBe(404);
    expect((await bob.post(`/api/v1/connections/${connectionId}/verify`, {})).body.ok).toBe(true);
    expect((await bob.delete(`/api/v1/connections/${connectionId}`)).status).toBe(404);
    const bobFlow = await bob.post('/api/v1/flows', { name: 'Bob orders', definition: ordersFlow('9'), connections: { orders: connectionId } });
    expect(bobFlow.status).toBe(201);
    const run = await finishedRun(bob, (await bob.post(`/api/v1/flows/${bobFlow.body.id}/run`, {})).body.runId);
    expect(run.status).toBe('Succeeded');
  });

  it('lists connectors and imports one from an OpenAPI document', async () => {
    const list = await alice.get('/api/v1/connectors');
    const http = list.body.items.find((c: { id: string }) => c.id === 'http');
    expect(http.authOptions.map((o: { authType: string }) => o.authType)).toEqual(expect.arrayContaining(['none', 'basic', 'apiKey']));
    const document = JSON.stringify({
      openapi: '3.0.0',
      info: { title: 'Inventory', version: '1' },
      servers: [{ url: 'https://inventory.example.com/v1' }],
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
      security: [{ key: [] }],
      paths: { '/items': { get: { operationId: 'ListItems', summary: 'List items', responses: { '200': { description: 'ok' } } } } },
    });
    const imported = await alice.post('/api/v1/connectors/import', { document });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ name: 'Inventory', builtIn: false, authType: 'apiKey', operations: [{ id: 'ListItems', method: 'GET' }] });
    expect((await bob.get('/api/v1/connectors')).body.items.map((c: { id: string }) => c.id)).toContain(imported.body.id);
    const broken = await alice.post('/api/v1/connectors/import', { document: '{"swagger": 7}' });
    expect(broken.status).toBe(400);
  });
});
