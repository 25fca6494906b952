// A custom connector imported from an OpenAPI document, called the way an
// OpenApiConnection action does: operation id plus flattened parameters.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSetup, type TestSetup } from '../testing/test-manager.js';
import { importOpenApiConnector } from './import-connector.js';

const inventoryYaml = `
openapi: 3.0.3
info: { title: Inventory, version: "1" }
servers: [{ url: https://inventory.example.test/v1 }]
components:
  securitySchemes:
    key: { type: apiKey, in: query, name: api_key }
security: [{ key: [] }]
paths:
  /items:
    get:
      operationId: ListItems
      summary: List items
      parameters: [{ name: $filter, in: query, schema: { type: string } }]
    post:
      operationId: AddItem
      summary: Add an item
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [sku]
              properties:
                sku: { type: string }
                stock: { type: object, properties: { count: { type: integer }, bin: { type: string } } }
  /items/{sku}:
    get:
      operationId: GetItem
      summary: Get an item
      parameters: [{ name: sku, in: path, required: true, schema: { type: string } }]
`;

let server: Server;
let baseUrl: string;
let setup: TestSetup;
const bodies: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (url.searchParams.get('api_key') !== 'inv-key-123') {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Unauthorized: bad api_key' } }));
        return;
      }
      if (chunks.length) bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      if (url.pathname === '/v1/items/missing') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'No item missing' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, path: url.pathname, filter: url.searchParams.get('$filter') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  setup = testSetup();
  setup.connectors.add(importOpenApiConnector(inventoryYaml).connector);
});
afterAll(async () => {
  await setup.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('calling an imported connector', () => {
  it('verifies with its first GET operation and maps flattened parameters onto the call', async () => {
    const { connection, verification } = await setup.manager.create({ ownerId: 'u1', name: 'Warehouse', connectorId: 'inventory', parameters: { baseUrl }, secrets: { apiKey: 'inv-key-123' } });
    expect(verification?.ok).toBe(true);
    const id = connection.id;
    const list = await setup.manager.invokeOperation(id, 'ListItems', { $filter: "bin eq 'A'" });
    expect(list.outcome === 'succeeded' && list.outputs.body).toEqual({ method: 'GET', path: '/v1/items', filter: "bin eq 'A'" });
    expect(list.recorded.inputs).toMatchObject({ uri: expect.stringContaining('api_key=***') });
    expect(JSON.stringify(list.recorded)).not.toContain('inv-key-123');

    const add = await setup.manager.invokeOperation(id, 'AddItem', { 'body/sku': 'PEN-1', 'body/stock/count': 12, 'body/stock/bin': 'A' }, { idempotencyKey: 'r1/Add/0' });
    expect(add.outcome).toBe('succeeded');
    expect(bodies.at(-1)).toEqual({ sku: 'PEN-1', stock: { count: 12, bin: 'A' } });

    const one = await setup.manager.invokeOperation(id, 'GetItem', { sku: 'PEN 1/2' });
    expect(one.outcome === 'succeeded' && one.outputs.body).toMatchObject({ path: '/v1/items/PEN%201%2F2' });
  });

  it('takes both action shapes through call(): an operation (OpenApiConnection) or a raw request (ApiConnection)', async () => {
    const { connection } = await setup.manager.create({ ownerId: 'u1', name: 'Warehouse call', connectorId: 'inventory', parameters: { baseUrl }, secrets: { apiKey: 'inv-key-123' } });
    const byOperation = await setup.manager.call(connection.id, { operationId: 'GetItem', parameters: { sku: 'A1' }, idempotencyKey: 'r/Get/0' });
    expect(byOperation.outcome === 'succeeded' && byOperation.outputs.body).toMatchObject({ method: 'GET', path: '/v1/items/A1' });
    const raw = await setup.manager.call(connection.id, { method: 'GET', path: '/items', queries: { $filter: "bin eq 'B'", top: null } });
    expect(raw.outcome === 'succeeded' && raw.outputs.body).toMatchObject({ path: '/v1/items', filter: "bin eq 'B'" });
  });

  it('classifies what goes wrong: unknown operation, missing input, 404, rejected key', async () => {
    const { connection } = await setup.manager.create({ ownerId: 'u1', name: 'Warehouse 2', connectorId: 'inventory', parameters: { baseUrl }, secrets: { apiKey: 'inv-key-123' } });
    const id = connection.id;
    const unknown = await setup.manager.invokeOperation(id, 'DeleteItem', {});
    expect(unknown.outcome === 'failed' && unknown.error).toMatchObject({ code: 'InvalidOperationInput', message: 'Connector Inventory has no operation "DeleteItem"; it has ListItems, AddItem, GetItem.' });
    const missing = await setup.manager.invokeOperation(id, 'AddItem', { 'body/stock/count': 1 });
    expect(missing.outcome === 'failed' && missing.error).toMatchObject({ code: 'MissingRequiredProperty', category: 'definition' });
    const notFound = await setup.manager.invokeOperation(id, 'GetItem', { sku: 'missing' });
    expect(notFound.outcome === 'failed' && notFound.error).toMatchObject({ code: 'NotFound', category: 'not_found', status: 404, connectionId: id });
    expect(notFound.outcome === 'failed' && notFound.connectionStatusChange).toBeNull();
    await setup.manager.verify(id, { secrets: { apiKey: 'inv-key-123' } });
    const stored = await setup.store.getConnection(id);
    expect(stored?.status).toBe('connected');
    const other = await setup.manager.create({ ownerId: 'u1', name: 'Old key', connectorId: 'inventory', parameters: { baseUrl }, secrets: { apiKey: 'inv-key-old' } });
    expect(other.verification).toMatchObject({ ok: false, status: 'unauthenticated' });
    const rejected = await setup.manager.invokeOperation(other.connection.id, 'ListItems', {});
    expect(rejected.outcome === 'failed' && rejected.error).toMatchObject({ code: 'Unauthorized', category: 'authentication' });
    expect(rejected.outcome === 'failed' && rejected.error.remedy.steps[2]).toBe('Click Update credentials and enter the new API key.');
  });

  it('keeps credentials to the base URL: an absolute address elsewhere is refused', async () => {
    const { connection } = await setup.manager.create({ ownerId: 'u1', name: 'Warehouse 3', connectorId: 'inventory', parameters: { baseUrl }, secrets: { apiKey: 'inv-key-123' } });
    const result = await setup.manager.invoke(connection.id, { method: 'GET', path: 'http://127.0.0.1:1/steal' });
    expect(result.outcome === 'failed' && result.error).toMatchObject({ code: 'InvalidOperationInput', message: expect.stringContaining("not under the connection's base URL") });
  });
});
