// Corpus section "connectors": imports every OpenAPI document in <corpus>/connectors (with
// the Power Platform connection parameters INDEX.json keeps beside it), checks that its
// operations and auth scheme are the ones INDEX.json records, then calls it for real
// against a local server that behaves like the service: it checks the credentials the
// scheme puts on each call, implements every operation as an echo, and for OAuth2
// connectors plays the provider (sign-in redirect, PKCE S256 check, token endpoint).
// A connection is created and verified, each operation whose inputs can be filled is
// called, and a wrong credential must fail as `authentication` and flag the connection.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConnectionManager,
  ConnectorRegistry,
  generateSecretKey,
  importOpenApiConnector,
  InMemoryConnectionStateStore,
  Keyring,
  type AuthType,
  type ConnectorDefinition,
  type ConnectorOperation,
} from '@brook/connectors';
import type { CorpusContext, CorpusSection, CorpusSectionResult } from './corpus.js';

interface IndexEntry {
  name: string;
  file: string;
  authType: string;
  operations: string[];
  apiPropertiesConnectionParameters?: unknown;
}

const REDIRECT_URI = 'http://127.0.0.1:7420/api/v1/oauth/callback';
const CREDENTIALS = { username: 'corpus-user', password: 'corpus-pass-1', apiKey: 'corpus-key-1', clientId: 'corpus-client', clientSecret: 'corpus-secret-1' };

/** INDEX.json's words for auth schemes, as Brook's auth types. */
function expectedAuth(text: string): { type: AuthType; in?: string } {
  if (text.startsWith('apiKey')) return { type: 'apiKey', in: /query/.test(text) ? 'query' : 'header' };
  if (text.startsWith('oauth2')) return { type: /client/.test(text) ? 'oauth2ClientCredentials' : 'oauth2AuthorizationCode' };
  if (text === 'basic') return { type: 'basic' };
  return { type: 'none' };
}

// ------------------------------------------------------------ the service look-alike

interface LocalService {
  url: string;
  calls: { operationId: string; method: string; path: string; query: Record<string, string>; body: string }[];
  close(): Promise<void>;
}

function pathPattern(basePath: string, path: string): RegExp {
  const full = `${basePath.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`.replace(/\/+$/, '') || '/';
  const escaped = full.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('[^/]+')}/?$`);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function startLocalService(connector: ConnectorDefinition, basePath: string): Promise<LocalService> {
  const issued = new Set<string>();
  const challenges = new Map<string, string>();
  const calls: LocalService['calls'] = [];
  const routes = connector.operations.map((operation) => ({ operation, pattern: pathPattern(basePath, operation.path) }));
  const auth = connector.auth;
  const accepted = (req: IncomingMessage, url: URL): boolean => {
    switch (auth.type) {
      case 'basic':
        return req.headers.authorization === `Basic ${Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64')}`;
      case 'apiKey':
        return auth.in === 'query' ? url.searchParams.get(auth.name) === CREDENTIALS.apiKey : req.headers[auth.name.toLowerCase()] === CREDENTIALS.apiKey;
      case 'bearer':
      case 'oauth2AuthorizationCode':
      case 'oauth2ClientCredentials':
        return issued.has((req.headers.authorization ?? '').replace(/^Bearer /, ''));
      default:
        return true;
    }
  };
  const issue = (res: ServerResponse): void => {
    const token = randomBytes(16).toString('hex');
    issued.add(token);
    json(res, 200, { access_token: token, refresh_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 3600 });
  };
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const body = await readBody(req);
      if (url.pathname === '/__oauth/authorize') {
        const code = randomBytes(12).toString('hex');
        challenges.set(code, url.searchParams.get('code_challenge') ?? '');
        const back = new URL(url.searchParams.get('redirect_uri') ?? REDIRECT_URI);
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        res.writeHead(302, { location: back.href }).end();
        return;
      }
      if (url.pathname === '/__oauth/token') {
        const form = new URLSearchParams(body);
        const client = req.headers.authorization === `Basic ${Buffer.from(`${CREDENTIALS.clientId}:${CREDENTIALS.clientSecret}`).toString('base64')}`;
        const code = form.get('code') ?? '';
        const verified = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === challenges.get(code);
        if (client && form.get('grant_type') === 'authorization_code' && verified) {
          challenges.delete(code);
          issue(res);
        } else if (client && (form.get('grant_type') === 'refresh_token' || form.get('grant_type') === 'client_credentials')) issue(res);
        else json(res, 400, { error: client ? 'invalid_grant' : 'invalid_client' });
        return;
      }
      if (!accepted(req, url)) {
        json(res, 401, { message: 'Unauthorized' });
        return;
      }
      const route = routes.find(({ operation, pattern }) => operation.method === req.method && pattern.test(url.pathname));
      if (!route) {
        json(res, 404, { message: `No operation at ${req.method} ${url.pathname}` });
        return;
      }
      const query = Object.fromEntries(url.searchParams);
      calls.push({ operationId: route.operation.id, method: req.method ?? '', path: url.pathname, query, body });
      json(res, 200, { operationId: route.operation.id, path: url.pathname, query });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// ------------------------------------------------------------ calling the connector

/** Sample inputs for every required input of an operation (a small file for uploads). */
function sampleInputs(operation: ConnectorOperation): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    if (!parameter.required || parameter.default !== undefined) continue;
    if (parameter.in === 'formData') inputs[parameter.name] = { '$content-type': 'text/plain', $content: Buffer.from('sample file').toString('base64') };
    else if (parameter.in === 'body' && (parameter.bodyPath ?? []).length === 0) inputs[parameter.name] = parameter.type === 'string' ? 'sample' : {};
    else inputs[parameter.name] = parameter.type === 'integer' ? 3 : parameter.type === 'number' ? 1.5 : parameter.type === 'boolean' ? true : 'sample';
  }
  return inputs;
}

function split(connector: ConnectorDefinition, values: Record<string, unknown>): { parameters: Record<string, unknown>; secrets: Record<string, unknown> } {
  const parameters: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const parameter of connector.parameters) {
    if (values[parameter.name] === undefined) continue;
    (parameter.secret ? secrets : parameters)[parameter.name] = values[parameter.name];
  }
  return { parameters, secrets };
}

async function connect(manager: ConnectionManager, connector: ConnectorDefinition, service: LocalService, basePath: string, wrong: boolean): Promise<{ id: string; problem?: string }> {
  const values: Record<string, unknown> = {
    baseUrl: `${service.url}${basePath.replace(/\/+$/, '')}`,
    username: CREDENTIALS.username,
    password: wrong ? 'not-the-password' : CREDENTIALS.password,
    apiKey: wrong ? 'not-the-key' : CREDENTIALS.apiKey,
    clientId: CREDENTIALS.clientId,
    clientSecret: CREDENTIALS.clientSecret,
    authorizationUrl: `${service.url}/__oauth/authorize`,
    tokenUrl: `${service.url}/__oauth/token`,
  };
  const { connection, verification } = await manager.create({ ownerId: 'corpus', name: `${connector.name}${wrong ? ' (wrong)' : ''}`, connectorId: connector.id, ...split(connector, values) });
  if (connector.authType === 'oauth2AuthorizationCode') {
    const { authorizeUrl } = await manager.startConsent(connection.id, { userId: 'corpus', redirectUri: REDIRECT_URI });
    const redirect = await fetch(authorizeUrl, { redirect: 'manual' });
    const back = new URL(redirect.headers.get('location') ?? REDIRECT_URI);
    const consent = await manager.completeConsent({ state: back.searchParams.get('state') ?? '', code: back.searchParams.get('code') ?? '', userId: 'corpus' });
    if (!consent.ok) return { id: connection.id, problem: `sign-in failed: ${consent.message}` };
    if (wrong) return { id: connection.id };
    const verified = await manager.verify(connection.id);
    return verified.ok ? { id: connection.id } : { id: connection.id, problem: `verify failed: ${verified.message}` };
  }
  if (!wrong && verification && !verification.ok) return { id: connection.id, problem: `verify failed: ${verification.message}` };
  return { id: connection.id };
}

async function checkConnector(corpusDir: string, entry: IndexEntry, context: CorpusContext): Promise<{ line: string; problems: string[] }> {
  const problems: string[] = [];
  const source = readFileSync(join(corpusDir, 'connectors', entry.file), 'utf8');
  const document = JSON.parse(source) as { basePath?: string };
  const { connector, warnings } = importOpenApiConnector(source, { apiProperties: entry.apiPropertiesConnectionParameters });
  const operations = connector.operations.map((operation) => `${operation.method} ${operation.id}`);
  if (operations.join('|') !== entry.operations.join('|')) problems.push(`operations ${operations.join(', ')}; INDEX.json records ${entry.operations.join(', ')}`);
  const expected = expectedAuth(entry.authType);
  const authIn = connector.auth.type === 'apiKey' ? connector.auth.in : undefined;
  if (connector.authType !== expected.type || authIn !== expected.in) problems.push(`auth ${connector.authType}${authIn ? ` in ${authIn}` : ''}; INDEX.json records ${entry.authType}`);
  if (context.verbose) for (const warning of warnings) context.print(`  ${entry.name}: warning ${warning.path}: ${warning.message}`);

  const registry = new ConnectorRegistry();
  registry.add(connector);
  const manager = new ConnectionManager({
    store: new InMemoryConnectionStateStore(),
    keyring: Keyring.fromKeys([generateSecretKey()]),
    connectors: registry,
    network: { allowedCidrs: ['127.0.0.1/32'] },
  });
  const basePath = document.basePath ?? '/';
  const service = await startLocalService(connector, basePath);
  let called = 0;
  try {
    const good = await connect(manager, connector, service, basePath, false);
    if (good.problem) problems.push(good.problem);
    for (const operation of connector.operations) {
      const inputs = sampleInputs(operation);
      const result = await manager.invokeOperation(good.id, operation.id, inputs, { idempotencyKey: `corpus/${operation.id}` });
      if (result.outcome === 'failed') problems.push(`${operation.id}: ${result.error.code}: ${result.error.message}`);
      else if ((result.outputs.body as { operationId?: string } | null)?.operationId !== operation.id) problems.push(`${operation.id}: the service answered for ${JSON.stringify(result.outputs.body)}`);
      else if (operation.contentType === 'multipart/form-data' && !service.calls.at(-1)?.body.includes('sample file')) problems.push(`${operation.id}: the uploaded file did not arrive`);
      else called += 1;
    }
    if (connector.authType !== 'none' && connector.authType !== 'oauth2AuthorizationCode') {
      const wrong = await connect(manager, connector, service, basePath, true);
      const probe = connector.operations[0];
      if (probe) {
        const result = await manager.invokeOperation(wrong.id, probe.id, sampleInputs(probe));
        const status = (await manager.get(wrong.id))?.status;
        if (result.outcome !== 'failed' || result.error.category !== 'authentication' || status !== 'unauthenticated') {
          problems.push(`a wrong credential gave ${result.outcome === 'failed' ? result.error.category : 'success'} and status ${status ?? '?'}, not authentication/unauthenticated`);
        }
      }
    }
  } finally {
    await service.close();
    await manager.close();
  }
  const line = `${entry.name}: ${connector.authType}${authIn ? ` (${authIn})` : ''}, ${operations.length} operations (${operations.join(', ')}), ${called} called against a local service${problems.length ? ` — ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ''}`;
  return { line, problems };
}

export const corpusSection: CorpusSection = {
  title: 'Connectors',
  order: 20,
  async run(corpusDir: string, context: CorpusContext): Promise<CorpusSectionResult> {
    let entries: IndexEntry[];
    try {
      entries = JSON.parse(readFileSync(join(corpusDir, 'connectors', 'INDEX.json'), 'utf8')) as IndexEntry[];
    } catch (error) {
      context.print(`connectors/INDEX.json could not be read: ${(error as Error).message}`);
      return { summary: 'no connectors/INDEX.json', failures: 1 };
    }
    let failures = 0;
    let checked = 0;
    for (const entry of entries) {
      if (context.only && !entry.name.includes(context.only) && !entry.file.includes(context.only)) continue;
      checked += 1;
      try {
        const { line, problems } = await checkConnector(corpusDir, entry, context);
        context.print(line);
        for (const problem of problems) context.print(`  ${problem}`);
        if (problems.length > 0) failures += 1;
      } catch (error) {
        failures += 1;
        context.print(`${entry.name}: could not be checked: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { summary: `${checked - failures} of ${checked} connectors imported, verified and called`, failures };
  },
};
