import { describe, expect, it, afterEach } from 'vitest';
import { flow, run, serve, json, type TestServer } from '../testing/harness.js';
import { InstantClock } from '../clock.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const http = (uri: string, extra: Record<string, unknown> = {}) => ({ type: 'Http', inputs: { method: 'GET', uri, ...extra } });

describe('Http action', () => {
  it('sends method, uri with queries, headers and a JSON body, and records the answer', async () => {
    server = await serve((req, res) => json(res, 200, { echo: JSON.parse(req.body || 'null'), path: req.url }));
    const result = await run(
      flow({ Call: { type: 'Http', inputs: { method: 'post', uri: `${server.url}/orders`, queries: { page: 2, q: 'a b' }, headers: { 'X-Tag': 'blue' }, body: { id: '@add(40, 2)' } } } }),
    );
    const request = server.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/orders?page=2&q=a+b');
    expect(request.headers['x-tag']).toBe('blue');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-ms-workflow-run-id']).toBe(result.run.id);
    expect(result.byKey.Call).toMatchObject({ status: 'Succeeded', code: 'OK' });
    expect(result.outputs('Call')).toMatchObject({ statusCode: 200, body: { echo: { id: 42 }, path: '/orders?page=2&q=a+b' } });
    expect((result.outputs('Call') as { headers: Record<string, string> }).headers['content-type']).toBe('application/json');
  });

  it('fails on a status of 400 or more, keeps the outputs and classifies the error', async () => {
    server = await serve((req, res) => {
      const status = Number(req.url.slice(1));
      json(res, status, { error: { message: `status ${status}` } });
    });
    const none = { retryPolicy: { type: 'none' } };
    const result = await run(
      flow({ A: http(`${server.url}/401`, none), B: http(`${server.url}/403`, none), C: http(`${server.url}/404`, none), D: http(`${server.url}/400`, none) }),
    );
    expect(result.byKey.A?.error).toMatchObject({ code: 'Unauthorized', category: 'authentication', status: 401 });
    expect(result.byKey.A?.error?.message).toContain('status 401');
    expect(result.byKey.B?.error?.category).toBe('permission');
    expect(result.byKey.C?.error?.category).toBe('not_found');
    expect(result.byKey.D?.error).toMatchObject({ code: 'BadRequest', status: 400 });
    expect(result.outputs('C')).toMatchObject({ statusCode: 404, body: { error: { message: 'status 404' } } });
  });

  it('retries 429 and 5xx by the default policy, honouring Retry-After, with one idempotency key', async () => {
    server = await serve((_req, res, index) => {
      if (index === 0) return json(res, 429, {}, { 'retry-after': '3' });
      if (index === 1) return json(res, 503, {});
      return json(res, 200, { done: true });
    });
    const clock = new InstantClock();
    const result = await run(flow({ Call: http(`${server.url}/x`) }), { clock });
    expect(result.status('Call')).toBe('Succeeded');
    expect(result.byKey.Call?.attempts.map((a) => a.code)).toEqual(['TooManyRequests', 'ServiceUnavailable', 'OK']);
    expect(clock.sleeps[0]).toBe(3000);
    // The second retry of the default policy waits between 7.5 and 15 s.
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(7500);
    expect(clock.sleeps[1]).toBeLessThanOrEqual(15_000);
    const keys = new Set(server.requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('follows fixed, exponential and none policies, and never retries other 4xx', async () => {
    server = await serve((req, res) => json(res, req.url.includes('bad') ? 400 : 500, {}));
    const clock = new InstantClock();
    const result = await run(
      flow({
        Fixed: http(`${server.url}/fixed`, { retryPolicy: { type: 'fixed', count: 2, interval: 'PT20S' } }),
        Expo: http(`${server.url}/expo`, { retryPolicy: { type: 'exponential', count: 3, interval: 'PT10S', minimumInterval: 'PT5S', maximumInterval: 'PT1H' } }),
        None: http(`${server.url}/none`, { retryPolicy: { type: 'none' } }),
        Bad: http(`${server.url}/bad`),
        Broken: http(`${server.url}/fixed`, { retryPolicy: { type: 'sometimes' } }),
      }),
      { clock },
    );
    expect(result.byKey.Fixed?.attempts).toHaveLength(3);
    expect(result.byKey.Expo?.attempts).toHaveLength(4);
    expect(result.byKey.None?.attempts).toHaveLength(1);
    expect(result.byKey.Bad?.attempts).toHaveLength(1);
    expect(clock.sleeps.filter((ms) => ms === 20_000)).toHaveLength(2);
    expect(result.byKey.Broken?.error?.message).toContain('retryPolicy.type must be');
  });

  it('retries connection failures and classifies them as network errors', async () => {
    server = await serve(() => undefined);
    const closed = server.url;
    await server.close();
    server = undefined;
    const result = await run(flow({ Call: http(`${closed}/gone`, { retryPolicy: { type: 'fixed', count: 1, interval: 'PT1S' } }) }));
    expect(result.byKey.Call?.error).toMatchObject({ category: 'network', code: 'ServiceUnreachable' });
    expect(result.byKey.Call?.attempts).toHaveLength(2);
  });

  it('polls a 202 with Location until the work is done', async () => {
    let polls = 0;
    server = await serve((req, res) => {
      if (req.url === '/start') return json(res, 202, { accepted: true }, { location: '/status/1', 'retry-after': '5' });
      polls += 1;
      if (polls < 3) return json(res, 202, {}, { location: '/status/1', 'retry-after': '1' });
      return json(res, 200, { result: 'finished' });
    });
    const clock = new InstantClock();
    const result = await run(flow({ Job: http(`${server.url}/start`, { method: 'POST' }), NoPoll: { ...http(`${server.url}/start`), operationOptions: 'DisableAsyncPattern' } }), { clock });
    expect(result.outputs('Job')).toMatchObject({ statusCode: 200, body: { result: 'finished' } });
    expect(server.requests.filter((r) => r.url === '/status/1').every((r) => r.method === 'GET')).toBe(true);
    expect(clock.sleeps).toEqual(expect.arrayContaining([5000, 1000]));
    expect(result.outputs('NoPoll')).toMatchObject({ statusCode: 202 });
    expect(result.byKey.NoPoll?.code).toBe('Accepted');
  });

  it('times out one call after the HTTP timeout, and the whole action after limit.timeout', async () => {
    server = await serve((req, res) => {
      if (req.url === '/poll') return json(res, 202, {}, { location: '/poll', 'retry-after': '0' });
      return undefined;
    });
    const perCall = await run(flow({ Hang: http(`${server.url}/hang`, { retryPolicy: { type: 'none' } }) }), { httpTimeoutMs: 200 });
    expect(perCall.byKey.Hang?.error).toMatchObject({ category: 'timeout', code: 'RequestTimeout' });
    const limited = await run(flow({ Poll: { ...http(`${server.url}/poll`), limit: { timeout: 'PT0.3S' } } }));
    expect(limited.status('Poll')).toBe('TimedOut');
    expect(limited.byKey.Poll?.error).toMatchObject({ code: 'ActionTimedOut', category: 'timeout' });
    expect(limited.byKey.Poll?.inputs).toMatchObject({ method: 'GET', uri: `${server.url}/poll` });
    expect(limited.run.status).toBe('TimedOut');
  });

  it('authenticates with Basic and Raw and masks the secrets in the record', async () => {
    server = await serve((req, res) => json(res, 200, { auth: req.headers.authorization }));
    const result = await run(
      flow({
        Basic: http(`${server.url}/b`, { authentication: { type: 'Basic', username: 'ada', password: 's3cret' } }),
        Raw: http(`${server.url}/r`, { authentication: { type: 'Raw', value: 'Token abc' }, headers: { Authorization: 'ignored' } }),
        Msi: http(`${server.url}/m`, { authentication: { type: 'ManagedServiceIdentity' } }),
      }),
    );
    expect(result.outputs('Basic')).toMatchObject({ body: { auth: `Basic ${Buffer.from('ada:s3cret').toString('base64')}` } });
    expect(result.outputs('Raw')).toMatchObject({ body: { auth: 'Token abc' } });
    expect(result.byKey.Basic?.inputs).toMatchObject({ authentication: { type: 'Basic', username: 'ada', password: '***' } });
    expect(result.byKey.Raw?.inputs).toMatchObject({ authentication: { type: 'Raw', value: '***' }, headers: { Authorization: '***' } });
    expect(JSON.stringify(result.actions)).not.toContain('s3cret');
    expect(result.byKey.Msi?.error?.code).toBe('AuthenticationNotSupported');
  });

  it('gets a client-credentials token for ActiveDirectoryOAuth and reuses it', async () => {
    const tokenRequests: string[] = [];
    server = await serve((req, res) => {
      if (req.url === '/tenant-1/oauth2/token') {
        tokenRequests.push(req.body);
        return json(res, 200, { access_token: 'tok-123', expires_in: 3600, token_type: 'Bearer' });
      }
      if (req.url === '/bad-tenant/oauth2/token') return json(res, 401, { error: 'invalid_client', error_description: 'Bad secret' });
      return json(res, 200, { auth: req.headers.authorization });
    });
    const auth = (tenant: string) => ({ type: 'ActiveDirectoryOAuth', authority: `${server!.url}/`, tenant, audience: 'https://api.example', clientId: 'app', secret: 'shh' });
    const result = await run(
      flow({
        One: http(`${server.url}/api`, { authentication: auth('tenant-1') }),
        Two: { ...http(`${server.url}/api`, { authentication: auth('tenant-1') }), runAfter: { One: ['Succeeded'] } },
        Wrong: http(`${server.url}/api`, { authentication: auth('bad-tenant'), retryPolicy: { type: 'none' } }),
      }),
    );
    expect(result.outputs('One')).toMatchObject({ body: { auth: 'Bearer tok-123' } });
    expect(result.outputs('Two')).toMatchObject({ body: { auth: 'Bearer tok-123' } });
    expect(tokenRequests).toHaveLength(1);
    expect(new URLSearchParams(tokenRequests[0]).get('grant_type')).toBe('client_credentials');
    expect(new URLSearchParams(tokenRequests[0]).get('resource')).toBe('https://api.example');
    expect(result.byKey.Wrong?.error).toMatchObject({ category: 'authentication', status: 401 });
    expect(result.byKey.Wrong?.error?.message).toContain('Bad secret');
    expect(result.byKey.One?.inputs).toMatchObject({ authentication: { secret: '***' } });
  });

  it('decodes text and binary bodies and sends $content envelopes as bytes', async () => {
    server = await serve((req, res) => {
      if (req.url === '/text') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('hello');
        return;
      }
      if (req.url === '/bin') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.from([1, 2, 3]));
        return;
      }
      return json(res, 200, { got: req.body, type: req.headers['content-type'] });
    });
    const result = await run(
      flow({
        Text: http(`${server.url}/text`),
        Bin: http(`${server.url}/bin`),
        Send: http(`${server.url}/echo`, { method: 'POST', body: { '$content-type': 'text/csv', $content: Buffer.from('a,b').toString('base64') } }),
      }),
    );
    expect(result.outputs('Text')).toMatchObject({ body: 'hello' });
    expect(result.outputs('Bin')).toMatchObject({ body: { '$content-type': 'image/png', $content: 'AQID' } });
    expect(result.outputs('Send')).toMatchObject({ body: { got: 'a,b', type: 'text/csv' } });
  });

  it('refuses bad inputs with the member named', async () => {
    const result = await run(flow({ NoUri: { type: 'Http', inputs: { method: 'GET' } }, Ftp: http('ftp://example.com/x'), NoMethod: { type: 'Http', inputs: { uri: 'http://127.0.0.1/' } } }));
    expect(result.byKey.NoUri?.error?.message).toContain("'uri'");
    expect(result.byKey.Ftp?.error?.message).toContain('http or https');
    expect(result.byKey.NoMethod?.error?.message).toContain("'method'");
  });
});
