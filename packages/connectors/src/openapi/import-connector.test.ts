import { describe, expect, it } from 'vitest';
import { buildOperationRequest } from '../operations/build-request.js';
import { OperationInputError } from '../operations/connection-request.js';
import { importOpenApiConnector } from './import-connector.js';
import { ConnectorImportError } from './problems.js';

/** A Swagger 2.0 document in the style of Power Platform custom connectors. */
const ordersSwagger = {
  swagger: '2.0',
  info: { title: 'Orders API', description: 'Orders of the shop.', version: '1.0' },
  host: 'orders.example.test',
  basePath: '/api',
  schemes: ['https'],
  consumes: ['application/json'],
  securityDefinitions: { basic_auth: { type: 'basic' } },
  security: [{ basic_auth: [] }],
  'x-ms-connector-metadata': [{ propertyName: 'Website', propertyValue: 'https://orders.example.test' }],
  parameters: { orderId: { name: 'orderId', in: 'path', required: true, type: 'string', 'x-ms-summary': 'Order ID' } },
  definitions: {
    Customer: { type: 'object', properties: { name: { type: 'string' }, pin: { type: 'string', format: 'password' } } },
    NewOrder: {
      type: 'object',
      required: ['item'],
      properties: { item: { type: 'string', 'x-ms-summary': 'Item' }, quantity: { type: 'integer' }, customer: { $ref: '#/definitions/Customer' } },
    },
  },
  paths: {
    '/orders': {
      get: { operationId: 'ListOrders', summary: 'List orders', parameters: [{ name: '$top', in: 'query', type: 'integer' }], responses: {} },
      post: {
        operationId: 'CreateOrder',
        summary: 'Create an order',
        parameters: [
          { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/NewOrder' } },
          { name: 'Content-Type', in: 'header', required: true, type: 'string', default: 'application/json', 'x-ms-visibility': 'internal' },
        ],
        responses: {},
      },
    },
    '/orders/{orderId}': {
      parameters: [{ $ref: '#/parameters/orderId' }],
      get: { operationId: 'GetOrder', summary: 'Get an order', 'x-ms-visibility': 'important', responses: {} },
      delete: { summary: 'Delete an order', deprecated: true, responses: {} },
    },
  },
};

const tasksYaml = `
openapi: 3.0.3
info:
  title: Tasks
  version: "2"
servers:
  - url: https://{tenant}.tasks.example.test/v2
    variables:
      tenant: { default: acme }
components:
  securitySchemes:
    oauth:
      type: oauth2
      flows:
        authorizationCode:
          authorizationUrl: https://login.example.test/authorize
          tokenUrl: https://login.example.test/token
          scopes:
            tasks.read: Read tasks
            tasks.write: Write tasks
security:
  - oauth: [tasks.read]
paths:
  /me:
    get:
      operationId: Me
      summary: Who am I
  /tasks:
    post:
      operationId: AddTask
      summary: Add a task
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [title]
              properties:
                title: { type: string }
                due: { type: string, format: date }
`;

describe('importing OpenAPI connectors', () => {
  it('imports a Swagger 2.0 document: operations, Basic auth, base URL, verify call, metadata', () => {
    const { connector, warnings } = importOpenApiConnector(ordersSwagger);
    expect(connector).toMatchObject({ id: 'orders-api', name: 'Orders API', authType: 'basic', auth: { type: 'basic' }, builtIn: false, transport: 'http' });
    expect(connector.operations.map((operation) => `${operation.method} ${operation.id}`)).toEqual(['GET ListOrders', 'POST CreateOrder', 'GET GetOrder', 'DELETE delete_orders_orderId']);
    expect(connector.parameters.map((parameter) => [parameter.name, parameter.secret, parameter.required])).toEqual([
      ['baseUrl', false, false],
      ['username', false, true],
      ['password', true, true],
    ]);
    expect(connector.parameters[0]?.default).toBe('https://orders.example.test/api');
    expect(connector.verify).toEqual({ kind: 'operation', operationId: 'ListOrders' });
    expect(connector.metadata).toEqual({ Website: 'https://orders.example.test' });
    expect(connector.sensitiveFields).toEqual(['pin']);
    expect(warnings).toEqual([{ path: '/paths/~1orders~1{orderId}/delete', message: expect.stringContaining('no operationId') }]);
  });

  it('flattens body properties the way definitions name them', () => {
    const { connector } = importOpenApiConnector(ordersSwagger);
    const create = connector.operations.find((operation) => operation.id === 'CreateOrder')!;
    expect(create.parameters.map((parameter) => `${parameter.in}:${parameter.name}${parameter.required ? '*' : ''}`)).toEqual([
      'header:Content-Type*',
      'body:body',
      'body:body/item*',
      'body:body/quantity',
      'body:body/customer/name',
      'body:body/customer/pin',
    ]);
    expect(create.parameters.find((parameter) => parameter.name === 'body/item')?.summary).toBe('Item');
    const get = connector.operations.find((operation) => operation.id === 'GetOrder')!;
    expect(get.parameters[0]).toMatchObject({ name: 'orderId', in: 'path', required: true, summary: 'Order ID' });
    expect(get.visibility).toBe('important');
  });

  it('imports an OpenAPI 3 YAML document with OAuth2 authorization code', () => {
    const { connector } = importOpenApiConnector(tasksYaml);
    expect(connector.auth).toEqual({ type: 'oauth2AuthorizationCode', authorizationUrl: 'https://login.example.test/authorize', tokenUrl: 'https://login.example.test/token', scopes: ['tasks.read'] });
    expect(connector.parameters.find((parameter) => parameter.name === 'baseUrl')?.default).toBe('https://acme.tasks.example.test/v2');
    expect(connector.parameters.map((parameter) => parameter.name)).toEqual(['baseUrl', 'clientId', 'clientSecret', 'scopes', 'authorizationUrl', 'tokenUrl', 'clientAuthentication', 'authorizeParameters']);
    expect(connector.verify).toEqual({ kind: 'operation', operationId: 'Me' });
    const add = connector.operations.find((operation) => operation.id === 'AddTask')!;
    expect(add.parameters.map((parameter) => parameter.name)).toEqual(['body', 'body/title', 'body/due']);
    expect(add.contentType).toBe('application/json');
  });

  it('reads API keys in headers and queries, client credentials, and bearer from OpenAPI 3', () => {
    const doc = (scheme: object, security = true): object => ({
      openapi: '3.1.0',
      info: { title: 'S' },
      servers: [{ url: 'https://s.example.test' }],
      components: { securitySchemes: { s: scheme } },
      ...(security ? { security: [{ s: [] }] } : {}),
      paths: {},
    });
    expect(importOpenApiConnector(doc({ type: 'apiKey', in: 'header', name: 'X-Key' })).connector.auth).toEqual({ type: 'apiKey', in: 'header', name: 'X-Key' });
    expect(importOpenApiConnector(doc({ type: 'apiKey', in: 'query', name: 'key' })).connector.auth).toEqual({ type: 'apiKey', in: 'query', name: 'key' });
    expect(importOpenApiConnector(doc({ type: 'http', scheme: 'bearer' })).connector.auth).toEqual({ type: 'bearer' });
    expect(importOpenApiConnector(doc({ type: 'http', scheme: 'basic' }, false)).connector.auth).toEqual({ type: 'basic' });
    expect(importOpenApiConnector(doc({ type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://s.example.test/token', scopes: { a: 'A' } } } })).connector.auth).toEqual({
      type: 'oauth2ClientCredentials',
      tokenUrl: 'https://s.example.test/token',
      scopes: ['a'],
    });
    const implicit = importOpenApiConnector(doc({ type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://x', scopes: {} } } }));
    expect(implicit.connector.auth).toEqual({ type: 'bearer' });
    expect(implicit.warnings.map((warning) => warning.message)).toContainEqual(expect.stringMatching(/Only the authorizationCode and clientCredentials flows/));
  });

  it('respects Power Platform connection parameters and OAuth settings', () => {
    const swagger = {
      swagger: '2.0',
      info: { title: 'Photos' },
      host: 'photos.example.test',
      securityDefinitions: { undefined: { type: 'oauth2', flow: 'accessCode', authorizationUrl: 'https://old/auth', tokenUrl: 'https://old/token', scopes: { 'a.read a.write': 'both' } } },
      security: [{ undefined: ['a.read a.write'] }],
      paths: {},
    };
    const apiProperties = {
      properties: {
        connectionParameters: {
          token: {
            type: 'oauthSetting',
            oAuthSettings: {
              identityProvider: 'oauth2',
              clientId: '[YOUR_CLIENT_ID]',
              scopes: ['a.read a.write'],
              customParameters: { authorizationUrl: { value: 'https://new/auth' }, tokenUrl: { value: 'https://new/token' }, refreshUrl: { value: 'https://new/refresh' } },
            },
          },
        },
      },
    };
    const { connector } = importOpenApiConnector(swagger, { apiProperties });
    expect(connector.auth).toEqual({ type: 'oauth2AuthorizationCode', authorizationUrl: 'https://new/auth', tokenUrl: 'https://new/token', refreshUrl: 'https://new/refresh', scopes: ['a.read', 'a.write'] });
    expect(connector.parameters.find((parameter) => parameter.name === 'clientId')?.default).toBeUndefined();
    expect(connector.parameters.find((parameter) => parameter.name === 'tokenUrl')).toMatchObject({ default: 'https://new/token', required: false });

    const shipping = {
      swagger: '2.0',
      info: { title: 'Shipping' },
      host: 'ship.example.test',
      securityDefinitions: { basic_auth: { type: 'basic' } },
      paths: {},
    };
    const labels = importOpenApiConnector(shipping, {
      apiProperties: {
        username: { type: 'securestring', uiDefinition: { displayName: 'API Key', description: 'Your API key.', constraints: { required: 'true' } } },
        password: { type: 'securestring', uiDefinition: { displayName: 'API Secret', constraints: { required: 'true' } } },
      },
    });
    expect(labels.connector.parameters.slice(1)).toEqual([
      { name: 'username', label: 'API Key', secret: true, required: true, description: 'Your API key.' },
      { name: 'password', label: 'API Secret', secret: true, required: true },
    ]);
  });

  it('says where a document is wrong', () => {
    const problems = (source: string | object): string => {
      try {
        importOpenApiConnector(source);
      } catch (error) {
        expect(error).toBeInstanceOf(ConnectorImportError);
        return (error as Error).message;
      }
      return 'imported';
    };
    expect(problems('')).toMatch(/empty/);
    expect(problems('{ "swagger": ')).toMatch(/not valid JSON/);
    expect(problems('openapi: 3.0.0\n  info: [\n')).toMatch(/not valid YAML \(line \d+, column \d+\)/);
    expect(problems({ openapi: '2.5' })).toMatch(/not an OpenAPI 2.0 or 3.x document/);
    expect(problems({ swagger: '2.0', info: {}, paths: {} })).toMatch(/\/info\/title: The document has no title/);
  });

  it('warns about what it cannot follow instead of failing', () => {
    const { warnings, connector } = importOpenApiConnector({
      swagger: '2.0',
      info: { title: 'Odd' },
      securityDefinitions: {},
      paths: { '/a': { get: { operationId: 'A', parameters: [{ name: 'b', in: 'body', schema: { $ref: 'other.json#/X' } }] } } },
    });
    expect(connector.auth).toEqual({ type: 'none' });
    expect(warnings.map((warning) => warning.message)).toEqual([expect.stringContaining('points outside the document'), expect.stringContaining('no host')]);
    expect(connector.parameters[0]).toMatchObject({ name: 'baseUrl', required: true });
  });
});

describe('mapping operation inputs to a request', () => {
  const { connector } = importOpenApiConnector(ordersSwagger);
  const operation = (id: string) => connector.operations.find((candidate) => candidate.id === id)!;

  it('fills path, query, internal headers and a body from flattened keys', () => {
    expect(buildOperationRequest(operation('GetOrder'), { orderId: 'A/1' })).toEqual({ method: 'GET', path: '/orders/A%2F1' });
    expect(buildOperationRequest(operation('ListOrders'), { $top: 5 })).toEqual({ method: 'GET', path: '/orders', query: { $top: 5 } });
    expect(buildOperationRequest(operation('CreateOrder'), { 'body/item': 'pen', 'body/customer/name': 'Ada', 'Body/quantity': 2 })).toEqual({
      method: 'POST',
      path: '/orders',
      headers: { 'Content-Type': 'application/json' },
      body: { item: 'pen', quantity: 2, customer: { name: 'Ada' } },
      contentType: 'application/json',
    });
  });

  it('merges a whole body with flattened properties', () => {
    const request = buildOperationRequest(operation('CreateOrder'), { body: { item: 'ink', note: 'x' }, 'body/quantity': 3 });
    expect(request.body).toEqual({ item: 'ink', note: 'x', quantity: 3 });
  });

  it('names a missing or unknown input', () => {
    const failure = (id: string, values: Record<string, unknown>): OperationInputError => {
      try {
        buildOperationRequest(operation(id), values);
      } catch (error) {
        return error as OperationInputError;
      }
      throw new Error('expected a failure');
    };
    expect(failure('GetOrder', {})).toMatchObject({ code: 'MissingRequiredProperty', path: 'parameters/orderId' });
    expect(failure('CreateOrder', { 'body/quantity': 1 })).toMatchObject({ code: 'MissingRequiredProperty', path: 'parameters/body/item' });
    const unknown = failure('ListOrders', { top: 5 });
    expect(unknown).toMatchObject({ code: 'InvalidOperationInput', path: 'parameters/top' });
    expect(unknown.message).toBe('"top" is not an input of operation ListOrders; its inputs are $top.');
  });
});
