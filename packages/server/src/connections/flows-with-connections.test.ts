// Flows calling services through connections the ways real definitions do, on a real
// server: ApiConnection through `@parameters('$connections')`, a Power Automate export with
// connectionReferences and OpenApiConnection actions on an imported connector. Every API
// answer and log line of the journey is then searched for the secrets it used.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '@brook/wdl';
import { createLogger } from '../app/logger.js';
import { createPeople, finishedRun, startTestServer, type Answer, type ApiClient, type TestServer } from '../testing/harness.js';
import { startOrdersService, type OrdersService } from '../testing/services.js';

const SECRETS = { password: 'orders-pw-5Tq', queryKey: 'rates-key-8Lm', headerKey: 'inventory-key-2Wd', declared: 'pin-code-6Hs', inline: 'inline-pw-4Rn', carol: 'carol-pw-3Kd' };
const SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/** An API that wants a key (header X-Api-Key or query `code`) and echoes what it got, the key included. */
async function startEchoService(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://echo');
      const key = req.headers['x-api-key'] ?? url.searchParams.get('code');
      res.writeHead(key === SECRETS.queryKey || key === SECRETS.headerKey ? 200 : 401, { 'content-type': 'application/json' });
      const body = Buffer.concat(chunks).toString('utf8');
      res.end(JSON.stringify({ path: url.pathname, query: Object.fromEntries(url.searchParams), body: body ? (JSON.parse(body) as unknown) : null }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('flows that call services through connections', () => {
  let server: TestServer;
  let orders: OrdersService;
  let echo: { url: string; close(): Promise<void> };
  let alice: ApiClient;
  const log: string[] = [];
  const answers: string[] = [];
  const connections: Record<string, string> = {};

  /** Every answer is kept, to be searched for secrets at the end. */
  const kept = async (answer: Promise<Answer>): Promise<Answer> => {
    const result = await answer;
    answers.push(result.text);
    return result;
  };
  const run = async (flowId: string) => {
    const started = await kept(alice.post(`/api/v1/flows/${flowId}/run`, {}));
    const detail = await finishedRun(alice, started.body.runId);
    answers.push(JSON.stringify(detail));
    return detail;
  };

  beforeAll(async () => {
    orders = await startOrdersService('alice', SECRETS.password);
    echo = await startEchoService();
    const destination = new Writable({ write: (chunk: Buffer, _encoding, done) => (log.push(chunk.toString('utf8')), done()) });
    server = await startTestServer('sqlite', { allowPrivateNetworks: true }, { logger: createLogger({ logLevel: 'debug' }, destination) });
    ({ alice } = await createPeople(server.url));
    const create = async (key: string, body: object): Promise<void> => {
      const created = await kept(alice.post('/api/v1/connections', body));
      expect(created.body).toMatchObject({ status: 'connected' });
      connections[key] = created.body.id;
    };
    await create('orders', { name: 'Orders', connectorId: 'http', authType: 'basic', parameters: { baseUrl: orders.url, verifyPath: '/me', username: 'alice' }, secrets: { password: SECRETS.password } });
    await create('rates', { name: 'Rates', connectorId: 'http', authType: 'apiKey', parameters: { baseUrl: echo.url, apiKeyIn: 'query', apiKeyName: 'code' }, secrets: { apiKey: SECRETS.queryKey } });
  });
  afterAll(async () => {
    await server.close();
    await orders.close();
    await echo.close();
  });

  it('runs ApiConnection actions that name their connection through $connections, as exported definitions do', async () => {
    const connection = (key: string) => ({ name: `@parameters('$connections')['${key}']['connectionId']` });
    const definition: WorkflowDefinition = {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { $connections: { type: 'Object', defaultValue: {} } },
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
      actions: {
        Get_order: { type: 'ApiConnection', runAfter: {}, inputs: { host: { connection: connection('orders') }, method: 'get', path: '/orders/7' } },
        Get_rate: { type: 'ApiConnection', runAfter: { Get_order: ['Succeeded'] }, inputs: { host: { connection: connection('rates') }, method: 'post', path: '/rates', body: { currency: "@body('Get_order')?['status']", password: SECRETS.inline } } },
      },
    };
    const flow = await kept(alice.post('/api/v1/flows', { name: 'Order rates', definition, connections: { orders: connections.orders, rates: connections.rates } }));
    expect(flow.body.connectionReferences).toEqual([
      { name: 'orders', connectorId: null, connectionId: connections.orders },
      { name: 'rates', connectorId: null, connectionId: connections.rates },
    ]);
    const detail = await run(flow.body.id);
    expect(detail.status).toBe('Succeeded');
    const [getOrder, getRate] = ['Get_order', 'Get_rate'].map((name) => detail.actions.find((action: { name: string }) => action.name === name));
    expect(getOrder).toMatchObject({ connectionId: connections.orders, outputs: { statusCode: 200, body: { status: 'shipped' } } });
    // The service echoed the key and the password field: the record hides both, the next expression saw the real data.
    expect(getRate).toMatchObject({ connectionId: connections.rates, inputs: { body: { currency: 'shipped', password: '***' } }, outputs: { body: { query: { code: '***' }, body: { password: '***' } } } });
  });

  it('imports a Power Automate flow: an unmapped reference fails with a remedy, and works as soon as it is mapped', async () => {
    const connector = await kept(
      alice.post('/api/v1/connectors/import', {
        document: JSON.stringify({
          swagger: '2.0',
          info: { title: 'Inventory', version: '1' },
          host: echo.url.replace('http://', ''),
          basePath: '/v1',
          schemes: ['http'],
          securityDefinitions: { key: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } },
          security: [{ key: [] }],
          paths: {
            '/items': {
              post: {
                operationId: 'AddItem',
                parameters: [{ name: 'body', in: 'body', schema: { type: 'object', properties: { item: { type: 'object', properties: { title: { type: 'string' }, pin: { type: 'string', format: 'password' } } } } } }],
                responses: { '200': { description: 'ok' } },
              },
            },
          },
        }),
      }),
    );
    expect(connector.status).toBe(201);
    const inventory = await kept(alice.post('/api/v1/connections', { name: 'Inventory', connectorId: connector.body.id, parameters: { baseUrl: `${echo.url}/v1` }, secrets: { apiKey: SECRETS.headerKey } }));
    const host = { connectionName: 'shared_inventory', operationId: 'AddItem', apiId: `/providers/Microsoft.PowerApps/apis/shared_${connector.body.id}` };
    const exported = {
      name: 'a1b2',
      properties: {
        displayName: 'Add to inventory',
        definition: {
          $schema: SCHEMA,
          contentVersion: '1.0.0.0',
          parameters: { $connections: { type: 'Object', defaultValue: {} }, $authentication: { type: 'SecureObject', defaultValue: {} } },
          triggers: { manual: { type: 'Request', kind: 'Button', inputs: {} } },
          actions: { Add_item: { type: 'OpenApiConnection', runAfter: {}, inputs: { host, parameters: { 'body/item/title': 'Pen', 'body/item/pin': SECRETS.declared }, authentication: "@parameters('$authentication')" } } },
        },
        connectionReferences: { shared_inventory: { connectionName: 'shared-inventory-5f2', source: 'Embedded', id: host.apiId } },
      },
    };
    const imported = await kept(alice.post('/api/v1/flows/import', { fileName: 'definition.json', content: JSON.stringify(exported) }));
    expect(imported.status).toBe(201);
    const flowId: string = imported.body.flow.id;
    expect((await kept(alice.get(`/api/v1/flows/${flowId}`))).body.connectionReferences).toEqual([{ name: 'shared_inventory', connectorId: `shared_${connector.body.id}`, connectionId: null }]);

    const unmapped = await run(flowId);
    expect(unmapped.status).toBe('Failed');
    expect(unmapped.actions[0].error).toMatchObject({
      code: 'ConnectionNotConfigured',
      category: 'definition',
      message: "The flow uses the connection reference 'shared_inventory', which is not set to one of your connections.",
      remedy: { steps: [`Open the flow (/flows/${flowId}) and, under Connections, choose a connection for 'shared_inventory'.`, 'Resubmit the failed runs from the start (a resubmit from an action keeps the connections of the version it ran on).'] },
    });

    // Choosing the connection is a change of what the flow does: a new version that says so.
    const chosen = await kept(alice.put(`/api/v1/flows/${flowId}`, { connections: { shared_inventory: inventory.body.id } }));
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ version: 2, connectionReferences: [{ name: 'shared_inventory', connectionId: inventory.body.id }] });
    const versions = (await kept(alice.get(`/api/v1/flows/${flowId}/versions`))).body.items;
    expect(versions.map((v: { version: number; connections: object }) => [v.version, v.connections])).toEqual([
      [2, { shared_inventory: inventory.body.id }],
      [1, {}],
    ]);
    expect(versions[0].definition).toEqual(versions[1].definition);
    // Choosing it again changes nothing: no version.
    expect((await kept(alice.put(`/api/v1/flows/${flowId}`, { connections: { shared_inventory: inventory.body.id } }))).body.version).toBe(2);
    const mapped = await run(flowId);
    expect(mapped.status).toBe('Succeeded');
    expect(mapped.flowVersion).toBe(2);
    // The run that failed, resubmitted whole, runs on the current version and finds the connection.
    const resubmitted = await kept(alice.post(`/api/v1/runs/${unmapped.id}/resubmit`, {}));
    expect(resubmitted.status).toBe(201);
    const again = await finishedRun(alice, resubmitted.body.id);
    answers.push(JSON.stringify(again));
    expect(again).toMatchObject({ status: 'Succeeded', flowVersion: 2, resubmittedFrom: unmapped.id, actions: [{ name: 'Add_item', connectionId: inventory.body.id }] });
    expect(mapped.actions[0]).toMatchObject({
      connectionId: inventory.body.id,
      inputs: { parameters: { 'body/item/title': 'Pen', 'body/item/pin': '***' } },
      outputs: { statusCode: 200, body: { path: '/v1/items', body: { item: { title: 'Pen', pin: '***' } } } },
    });

    // A deleted connection is named as such, with the way back.
    expect((await alice.delete(`/api/v1/connections/${inventory.body.id}`)).status).toBe(204);
    const deleted = await run(flowId);
    expect(deleted.actions[0].error).toMatchObject({ code: 'ConnectionNotFound', category: 'not_found', message: "The connection the flow uses for 'shared_inventory' was deleted." });
  });

  it('runs with the connections of the version: a resubmit from an action keeps the original mapping, a whole resubmit takes the current one', async () => {
    const other = await startOrdersService('carol', SECRETS.carol);
    try {
      const carol = await kept(alice.post('/api/v1/connections', { name: 'Orders (Carol)', connectorId: 'http', authType: 'basic', parameters: { baseUrl: other.url, verifyPath: '/me', username: 'carol' }, secrets: { password: SECRETS.carol } }));
      expect(carol.body).toMatchObject({ status: 'connected' });
      const definition: WorkflowDefinition = {
        $schema: SCHEMA,
        contentVersion: '1.0.0.0',
        parameters: { $connections: { type: 'Object', defaultValue: {} } },
        triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
        actions: { Who: { type: 'ApiConnection', runAfter: {}, inputs: { host: { connection: { name: "@parameters('$connections')['orders']['connectionId']" } }, method: 'get', path: '/me' } } },
      };
      const flow = await kept(alice.post('/api/v1/flows', { name: 'Who am I', definition, connections: { orders: carol.body.id } }));
      expect(flow.body).toMatchObject({ version: 1, connectionReferences: [{ name: 'orders', connectionId: carol.body.id }] });
      // Carol's password changes at the service: version 1's run fails on her connection.
      other.password = 'carol-pw-changed';
      const failed = await run(flow.body.id);
      expect(failed).toMatchObject({ status: 'Failed', flowVersion: 1, actions: [{ name: 'Who', connectionId: carol.body.id, error: { category: 'authentication' } }] });

      // Version 2 maps the reference to Alice's orders connection.
      const remapped = await kept(alice.put(`/api/v1/flows/${flow.body.id}`, { connections: { orders: connections.orders } }));
      expect(remapped.body).toMatchObject({ version: 2, connectionReferences: [{ name: 'orders', connectionId: connections.orders }] });
      const versions = (await kept(alice.get(`/api/v1/flows/${flow.body.id}/versions`))).body.items;
      expect(versions.map((v: { version: number; connections: object }) => [v.version, v.connections])).toEqual([
        [2, { orders: connections.orders }],
        [1, { orders: carol.body.id }],
      ]);

      const fromAction = await kept(alice.post(`/api/v1/runs/${failed.id}/resubmit`, { fromAction: 'Who' }));
      expect(fromAction.status).toBe(201);
      const onVersion1 = await finishedRun(alice, fromAction.body.id);
      expect(onVersion1).toMatchObject({ status: 'Failed', flowVersion: 1, resubmitMode: 'action', actions: [{ name: 'Who', connectionId: carol.body.id, error: { category: 'authentication' } }] });

      const whole = await kept(alice.post(`/api/v1/runs/${failed.id}/resubmit`, {}));
      const onVersion2 = await finishedRun(alice, whole.body.id);
      expect(onVersion2).toMatchObject({ status: 'Succeeded', flowVersion: 2, resubmitMode: 'run', actions: [{ name: 'Who', connectionId: connections.orders, outputs: { body: { user: 'alice' } } }] });
      answers.push(JSON.stringify(onVersion1), JSON.stringify(onVersion2));
    } finally {
      await other.close();
    }
  });

  it('never shows a secret in an API answer or a log line', async () => {
    answers.push((await alice.get('/api/v1/connections')).text, (await alice.get('/api/v1/runs')).text, (await alice.get('/api/v1/audit')).text);
    const everything = answers.join('\n');
    const logged = log.join('');
    expect(log.length).toBeGreaterThan(10); // the log is captured at all
    // Literals written into a definition are the flow's own text; the answers about connections and runs count.
    const outsideDefinitions = answers.filter((text) => !text.includes('"definition":')).join('\n');
    expect(outsideDefinitions).toContain('Add_item');
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(outsideDefinitions, name).not.toContain(value);
      expect(logged, name).not.toContain(value);
    }
    expect(everything).not.toContain(Buffer.from(`alice:${SECRETS.password}`).toString('base64'));
  });
});
