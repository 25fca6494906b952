import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, eventually, finishedRun, startTestServer, type ApiClient, type TestServer } from '../testing/harness.js';

describe('callbacks of webhook actions', () => {
  let server: TestServer;
  let alice: ApiClient;
  let subscriber: Server;
  let subscriberUrl: string;
  const subscriptions: { callbackUrl: string }[] = [];

  beforeAll(async () => {
    subscriber = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.url === '/subscribe') subscriptions.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { callbackUrl: string });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
    subscriberUrl = `http://127.0.0.1:${(subscriber.address() as { port: number }).port}`;
    server = await startTestServer('sqlite', { allowPrivateNetworks: true });
    ({ alice } = await createPeople(server.url));
  });
  afterAll(async () => {
    await server.close();
    await new Promise<void>((resolve) => subscriber.close(() => resolve()));
  });

  it('continues a waiting run when the service calls its signed URL back', async () => {
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
      actions: {
        Approval: {
          type: 'HttpWebhook',
          inputs: { subscribe: { method: 'POST', uri: `${subscriberUrl}/subscribe`, body: { callbackUrl: '@{listCallbackUrl()}' } }, unsubscribe: {} },
          runAfter: {},
        },
        Decision: { type: 'Compose', inputs: "@body('Approval')?['decision']", runAfter: { Approval: ['Succeeded'] } },
      },
    };
    const flow = (await alice.post('/api/v1/flows', { name: 'Approval', definition })).body;
    const { runId } = (await alice.post(`/api/v1/flows/${flow.id}/run`, {})).body;
    const { callbackUrl } = await eventually(async () => subscriptions[0]);
    expect(callbackUrl).toMatch(new RegExp(`^${server.url}/api/v1/callbacks/${runId}/Approval\\?sig=`));

    const forged = await fetch(callbackUrl.replace(/sig=.*/, 'sig=forged'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"decision":"no"}' });
    expect(forged.status).toBe(401);
    const answer = await fetch(callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"decision":"approved"}' });
    expect(answer.status).toBe(202);
    const run = await finishedRun(alice, runId);
    expect(run.status).toBe('Succeeded');
    expect(run.actions.find((action: { name: string }) => action.name === 'Decision').outputs).toBe('approved');
    expect((await fetch(callbackUrl, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
