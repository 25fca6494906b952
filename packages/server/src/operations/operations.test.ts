import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiClient, createPeople, finishedRun, startTestServer, type TestServer } from '../testing/harness.js';
import { echoFlow, failingFlow } from '../testing/definitions.js';

describe('serving: health, OpenAPI, errors, headers, the portal', () => {
  let server: TestServer;
  let web: string;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { bodyLimitBytes: 4096 });
    web = join(server.dataDir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Brook portal</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  });
  afterAll(async () => server.close());

  it('reports health with the database kind and version', async () => {
    const answer = await new ApiClient(server.url).get('/healthz');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok', database: 'sqlite', version: expect.any(String) });
  });

  it('describes every declared route in the OpenAPI document', async () => {
    const answer = await new ApiClient(server.url).get('/api/v1/openapi.json');
    expect(answer.body.openapi).toBe('3.1.0');
    for (const entry of server.server.catalog) {
      const path = entry.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{path}');
      const methods = Array.isArray(entry.method) ? entry.method : [entry.method];
      for (const method of methods) expect(answer.body.paths[path]?.[method.toLowerCase()], `${method} ${path}`).toBeDefined();
    }
    const login = answer.body.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    // Nothing served outside the catalog but the portal.
    const documented = new Set(Object.entries(answer.body.paths as Record<string, object>).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`)));
    const registered = server.server.registeredRoutes.filter((route) => !route.endsWith(' *') && !route.endsWith(' /'));
    expect(registered.filter((route) => !documented.has(route.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{path}')))).toEqual([]);
  });

  it('has every route in docs/api.md', () => {
    // Paths in backticks, with parameters written :id or {id}; "`/a/:id/enable`, `/disable`" names two.
    const shape = (path: string) => path.split('?')[0]!.replace(/(:[A-Za-z0-9_]+|\{[A-Za-z0-9_]+\}|\*)/g, '•').replace(/\/$/, '');
    const text = readFileSync(new URL('../../../../docs/api.md', import.meta.url), 'utf8');
    const inDocs = new Set<string>();
    for (const line of text.split('\n')) {
      let base = '';
      // Also "`POST /api/v1/callbacks/{runId}/{actionKey}?sig=…`", and "[/{relativePath}]" for an optional part.
      for (const [, path] of line.matchAll(/`(?:[A-Z{][^`\s]*\s+)?(\/[^`\s]*)`/g)) {
        const full = /^\/(api|healthz|metrics)/.test(path!) ? path! : `${base}${path}`;
        base = full.replace(/\/[^/]*$/, '');
        for (const variant of [full.replace(/\[|\]/g, ''), full.replace(/\[[^\]]*\]/g, '')]) inDocs.add(shape(variant));
      }
    }
    const routes = server.server.registeredRoutes.filter((route) => !route.endsWith(' *') && !route.endsWith(' /')).map((route) => shape(route.split(' ')[1]!));
    expect([...new Set(routes)].filter((route) => !inDocs.has(route))).toEqual([]);
  });

  it('answers every error in the documented shape', async () => {
    const client = new ApiClient(server.url);
    const badJson = await client.request('POST', '/api/v1/auth/login', '{"email": ', { 'content-type': 'application/json' });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('ValidationFailed');
    const tooLarge = await client.post('/api/v1/auth/login', { email: 'x'.repeat(5000), password: 'p' });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('PayloadTooLarge');
    const missing = await client.get('/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NotFound');
    const unauthenticated = await client.get('/api/v1/tokens');
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.body).toEqual({ error: { code: 'Unauthenticated', message: expect.any(String) } });
  });

  it('reports runs by status, the queue depth and action latency to Prometheus', async () => {
    const { alice } = await createPeople(server.url);
    for (const definition of [echoFlow(), failingFlow()]) {
      const flow = (await alice.post('/api/v1/flows', { name: 'Measured', definition })).body;
      await finishedRun(alice, (await alice.post(`/api/v1/flows/${flow.id}/run`, { body: { a: 1 } })).body.runId);
    }
    const answer = await new ApiClient(server.url).get('/metrics');
    expect(answer.headers.get('content-type')).toContain('text/plain');
    expect(answer.text).toContain('# TYPE brook_runs gauge');
    expect(answer.text).toMatch(/^brook_runs\{status="Succeeded"\} 1$/m);
    expect(answer.text).toMatch(/^brook_runs\{status="Failed"\} 1$/m);
    expect(answer.text).toMatch(/^brook_queue_depth 0$/m);
    expect(answer.text).toMatch(/^brook_action_duration_seconds_count\{type="compose",status="Succeeded"\} 2$/m);
    expect(answer.text).toMatch(/^brook_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/flows",status="2xx"\} 2$/m);
  });

  it('sends security headers', async () => {
    const answer = await new ApiClient(server.url).get('/healthz');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('explains how to build the portal when it is not built', async () => {
    const answer = await new ApiClient(server.url).get('/');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('npm run build');
  });

  it('serves a built portal with a fallback to index.html for deep links', async () => {
    const { createServer } = await import('../app/create-server.js');
    const portal = await createServer({ ...server.config, port: 0, dataDir: join(server.dataDir, 'second') , databaseUrl: join(server.dataDir, 'second', 'brook.db') }, { webDist: web });
    const url = await portal.listen();
    try {
      const client = new ApiClient(url);
      expect((await client.get('/')).text).toContain('Brook portal');
      const deep = await client.get('/runs/run_123');
      expect(deep.status).toBe(200);
      expect(deep.text).toContain('Brook portal');
      expect((await client.get('/assets/app.js')).text).toContain('console.log');
      expect((await client.get('/assets/missing.js')).status).toBe(404);
      expect((await client.get('/api/v1/missing')).body.error.code).toBe('NotFound');
    } finally {
      await portal.close();
    }
  });
});
