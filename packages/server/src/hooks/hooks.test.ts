import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, eventually, finishedRun, startTestServer, type ApiClient, type TestServer } from '../testing/harness.js';
import { echoFlow, everySeconds, orderFlow, slowFlow } from '../testing/definitions.js';

describe('webhook triggers', () => {
  let server: TestServer;
  let alice: ApiClient;
  const runCount = async (flowId: string): Promise<number> => (await alice.get(`/api/v1/runs?flowId=${flowId}&limit=500`)).body.items.length;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { responseTimeoutMs: 400, rateLimits: { loginPerMinute: 100, webhookPerMinutePerFlow: 5 } });
    ({ alice } = await createPeople(server.url));
  });
  afterAll(async () => server.close());

  it('answers 401 and starts no run without a valid signature', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Guarded', definition: echoFlow() })).body;
    const url = new URL(flow.triggers[0].callbackUrl);
    const sig = url.searchParams.get('sig')!;
    const attempts = [
      `${url.origin}${url.pathname}`,
      `${url.origin}${url.pathname}?sv=1&sig=${sig.slice(0, -2)}xx`,
      `${url.origin}${url.pathname.replace(flow.id, 'flow_other')}?sv=1&sig=${sig}`,
      `${url.origin}${url.pathname.replace('/manual', '/other')}?sv=1&sig=${sig}`,
    ];
    for (const attempt of attempts) {
      const answer = await fetch(attempt, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(answer.status, attempt).toBe(401);
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('InvalidSignature');
    }
    expect(await runCount(flow.id)).toBe(0);
    // The trigger name is case-insensitive, as in WDL.
    const upper = await fetch(flow.triggers[0].callbackUrl.replace('/manual?', '/MANUAL?'), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(upper.status).toBe(200);
  });

  it('invalidates old callback URLs when the key is regenerated', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Rekeyed', definition: echoFlow() })).body;
    const oldUrl = flow.triggers[0].callbackUrl as string;
    const renewed = await alice.post(`/api/v1/flows/${flow.id}/regenerate-key`);
    const newUrl = renewed.body.triggers[0].callbackUrl as string;
    expect(newUrl).not.toBe(oldUrl);
    expect((await fetch(oldUrl, { method: 'POST' })).status).toBe(401);
    expect((await fetch(newUrl, { method: 'POST', body: '"hi"', headers: { 'content-type': 'application/json' } })).status).toBe(200);
  });

  it('passes relativePath parameters and answers 202 with the run when there is no Response', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Orders', definition: orderFlow() })).body;
    expect(flow.triggers[0]).toMatchObject({ method: 'POST', relativePath: 'orders/{id}' });
    const base = new URL(flow.triggers[0].callbackUrl);
    const at = (path: string) => `${base.origin}${base.pathname}/${path}${base.search}&color=blue`;
    const answer = await fetch(at('orders/42'), { method: 'POST', body: 'plain words', headers: { 'content-type': 'text/plain' } });
    expect(answer.status).toBe(202);
    const { runId } = (await answer.json()) as { runId: string };
    expect(answer.headers.get('location')).toBe(`/api/v1/runs/${runId}`);
    const run = await finishedRun(alice, runId);
    expect(run.status).toBe('Succeeded');
    expect(run.triggerOutputs).toMatchObject({ body: 'plain words', queries: { color: 'blue' }, relativePathParameters: { id: '42' } });
    expect(run.triggerOutputs.queries).not.toHaveProperty('sig');
    expect(run.actions[0].outputs).toBe('order 42');

    expect((await fetch(at('invoices/42'), { method: 'POST' })).status).toBe(404);
    const wrongMethod = await fetch(at('orders/42'), { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(((await wrongMethod.json()) as { error: { code: string } }).error.code).toBe('MethodNotAllowed');
  });

  it('answers with the Response action, checks the body against the schema when asked, and refuses a flow that is off', async () => {
    const definition = echoFlow();
    Object.assign(definition.triggers!.manual!, { operationOptions: 'EnableSchemaValidation' });
    Object.assign(definition.triggers!.manual!.inputs as object, { schema: { type: 'object', properties: { qty: { type: 'integer' } }, required: ['qty'] } });
    Object.assign(definition.actions!.Response!.inputs as object, { statusCode: 201 });
    const flow = (await alice.post('/api/v1/flows', { name: 'Checked', definition })).body;
    const url = flow.triggers[0].callbackUrl as string;
    const call = (body: string) => fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

    const answered = await call('{"qty":3}');
    expect(answered.status).toBe(201);
    expect(answered.headers.get('x-echo')).toBe('yes');
    expect(await answered.json()).toEqual({ qty: 3 });

    const refused = await call('{"qty":"three"}');
    expect(refused.status).toBe(400);
    const error = ((await refused.json()) as { error: { code: string; details: { path: string; message: string }[] } }).error;
    expect(error.code).toBe('ValidationFailed');
    expect(error.details).toEqual([{ path: '/qty', message: expect.stringContaining('integer') }]);
    expect(await runCount(flow.id)).toBe(1);

    await alice.post(`/api/v1/flows/${flow.id}/disable`);
    expect((await call('{"qty":3}')).status).toBe(409);
    expect(await runCount(flow.id)).toBe(1);
  });

  it('answers 504 when the Response does not come in time, and the run goes on', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Slow', definition: slowFlow('PT1S') })).body;
    const answer = await fetch(flow.triggers[0].callbackUrl, { method: 'POST' });
    expect(answer.status).toBe(504);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('ResponseTimeout');
    const run = await finishedRun(alice, answer.headers.get('x-brook-run-id')!);
    expect(run.status).toBe('Succeeded');
  });

  it('limits calls per flow', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Limited', definition: orderFlow() })).body;
    const base = new URL(flow.triggers[0].callbackUrl);
    const url = `${base.origin}${base.pathname}/orders/1${base.search}`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await fetch(url, { method: 'POST' })).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(await runCount(flow.id)).toBe(5);
  });

  it('fires a Recurrence trigger once per due time', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Ticker', definition: everySeconds(1) })).body;
    expect(flow.triggers[0].nextRunAt).toEqual(expect.any(String));
    const runs = await eventually(async () => {
      const items = (await alice.get(`/api/v1/runs?flowId=${flow.id}`)).body.items as { id: string; status: string }[];
      return items.filter((run) => run.status === 'Succeeded').length >= 2 ? items : undefined;
    }, 10_000, 'two scheduled runs');
    await alice.post(`/api/v1/flows/${flow.id}/disable`);
    const times = await Promise.all(runs.map(async (run) => (await alice.get(`/api/v1/runs/${run.id}`)).body.triggerOutputs.scheduledTime as string));
    expect(new Set(times).size).toBe(times.length);
  });
});
