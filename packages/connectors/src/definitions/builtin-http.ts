// The built-in HTTP connector: any API under a base URL, with any auth scheme. Its one
// operation, "Request", takes the method, path, query, headers and body from the action.
import type { ConnectorDefinition } from './types.js';

export const HTTP_CONNECTOR_ID = 'http';

export const httpConnector: ConnectorDefinition = {
  id: HTTP_CONNECTOR_ID,
  name: 'HTTP',
  description: 'Calls any HTTP API under a base URL, with the auth scheme the connection chooses (none, Basic, API key, bearer token, OAuth2).',
  builtIn: true,
  transport: 'http',
  authType: 'none',
  authOptions: ['none', 'basic', 'apiKey', 'bearer', 'oauth2AuthorizationCode', 'oauth2ClientCredentials'],
  auth: { type: 'none' },
  parameters: [
    { name: 'baseUrl', label: 'Base URL', secret: false, required: true, description: 'Every call of this connection goes under this address, e.g. https://api.example.com/v1.' },
    {
      name: 'verifyPath',
      label: 'Verify path',
      secret: false,
      required: false,
      default: '/',
      description: 'A path under the base URL that answers 2xx when the credentials are good (GET).',
    },
  ],
  operations: [
    {
      id: 'Request',
      method: 'ANY',
      path: '/{path}',
      summary: 'Send an HTTP request',
      description: 'Sends a request to a path under the base URL with the connection’s credentials.',
      parameters: [
        { name: 'method', in: 'path', wireName: 'method', required: true, type: 'string', summary: 'Method', default: 'GET' },
        { name: 'path', in: 'path', wireName: 'path', required: false, type: 'string', summary: 'Path under the base URL', default: '' },
        { name: 'queries', in: 'query', wireName: 'queries', required: false, type: 'object', summary: 'Query parameters' },
        { name: 'headers', in: 'header', wireName: 'headers', required: false, type: 'object', summary: 'Headers' },
        { name: 'body', in: 'body', wireName: 'body', bodyPath: [], required: false, summary: 'Body' },
      ],
    },
  ],
  verify: { kind: 'probe', path: '/', pathParameter: 'verifyPath', expect: 'success' },
  sensitiveFields: [],
  baseUrl: { kind: 'parameter', parameter: 'baseUrl' },
  authConfigurable: true,
};
