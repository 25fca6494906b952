// The outgoing request of an HTTP action from its evaluated inputs: method, uri with
// queries, headers, body, cookie, authentication (Basic, Raw, ClientCertificate,
// ActiveDirectoryOAuth), the workflow headers and an idempotency key that is the same
// for every attempt of one action in one iteration.
import { createHash } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import type { ActionContext } from '../actions/types.js';
import { fail } from '../actions/inputs.js';
import { interpolated } from '../expressions/text.js';
import { encodeBody } from './body.js';
import { maskAuthentication, maskHeaders } from '../run/secure.js';
import type { ClientCredentials } from './oauth.js';

/** Headers the transport sets itself; a definition cannot override them. */
const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect']);

export interface PreparedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  clientCertificate?: { pfx: Uint8Array; passphrase?: string };
  oauth?: ClientCredentials;
  /** What the record shows: the inputs with secrets masked. */
  recorded: Record<string, unknown>;
}

export function idempotencyKey(runId: string, key: string): string {
  return createHash('sha256').update(`${runId}\u0000${key}`).digest('base64url').slice(0, 32);
}

function stringMap(ctx: ActionContext, value: unknown, member: string, inputs: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail(ctx, `'${member}' must be an object of names and values.`, inputs);
  const out: Record<string, string> = {};
  for (const [name, inner] of Object.entries(value as Record<string, unknown>)) out[name] = interpolated(inner);
  return out;
}

export function prepareHttpRequest(ctx: ActionContext, inputs: Record<string, unknown>): PreparedRequest {
  const recorded: Record<string, unknown> = { ...inputs };
  if (inputs.authentication !== undefined) recorded.authentication = maskAuthentication(inputs.authentication);
  const method = typeof inputs.method === 'string' && inputs.method.trim() !== '' ? inputs.method.trim().toUpperCase() : '';
  if (!/^[A-Z]+$/.test(method)) fail(ctx, `'method' must be an HTTP method such as GET or POST; got ${JSON.stringify(inputs.method)}.`, recorded);
  if (typeof inputs.uri !== 'string' || inputs.uri === '') fail(ctx, "'uri' must be an absolute http or https URL.", recorded);
  let url: URL;
  try {
    url = new URL(inputs.uri);
  } catch {
    fail(ctx, `'uri' is not a valid URL: ${JSON.stringify(inputs.uri)}.`, recorded);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(ctx, `'uri' must use http or https; got ${url.protocol}.`, recorded);
  for (const [name, value] of Object.entries(stringMap(ctx, inputs.queries, 'queries', recorded))) url.searchParams.append(name, value);

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(stringMap(ctx, inputs.headers, 'headers', recorded))) {
    if (!TRANSPORT_HEADERS.has(name.toLowerCase())) headers[name.toLowerCase()] = value;
  }
  if (typeof inputs.cookie === 'string' && inputs.cookie !== '') headers.cookie = inputs.cookie;
  const encoded = encodeBody(inputs.body);
  if (encoded.contentType && !headers['content-type']) headers['content-type'] = encoded.contentType;

  const options = typeof ctx.action.definition.operationOptions === 'string' ? ctx.action.definition.operationOptions.toLowerCase() : '';
  if (!options.includes('suppressworkflowheaders')) {
    const run = ctx.run.run;
    headers['x-ms-workflow-name'] ??= run.flowId;
    headers['x-ms-workflow-run-id'] ??= run.id;
    headers['x-ms-workflow-operation-name'] ??= encodeURIComponent(ctx.action.name);
    if (run.clientTrackingId) headers['x-ms-client-tracking-id'] ??= run.clientTrackingId;
  }
  headers['idempotency-key'] ??= idempotencyKey(ctx.run.id, ctx.key);

  const prepared: PreparedRequest = { method, url: url.toString(), headers, recorded };
  if (encoded.body !== undefined) prepared.body = encoded.body;
  applyAuthentication(ctx, inputs.authentication, prepared);
  recorded.headers = maskHeaders(inputs.headers as Record<string, string> | undefined);
  return prepared;
}

function applyAuthentication(ctx: ActionContext, auth: unknown, prepared: PreparedRequest): void {
  if (auth === undefined || auth === null) return;
  if (typeof auth !== 'object' || Array.isArray(auth)) fail(ctx, "'authentication' must be an object with a 'type'.", prepared.recorded);
  const spec = auth as Record<string, unknown>;
  const type = String(spec.type ?? '').toLowerCase();
  const text = (name: string): string => {
    const value = spec[name];
    if (typeof value !== 'string' || value === '') fail(ctx, `authentication.${name} is required for ${String(spec.type)} authentication.`, prepared.recorded);
    return value;
  };
  switch (type) {
    case 'basic':
      prepared.headers.authorization = `Basic ${Buffer.from(`${text('username')}:${typeof spec.password === 'string' ? spec.password : ''}`).toString('base64')}`;
      return;
    case 'raw':
      prepared.headers.authorization = text('value');
      return;
    case 'clientcertificate': {
      const certificate: { pfx: Uint8Array; passphrase?: string } = { pfx: new Uint8Array(Buffer.from(text('pfx'), 'base64')) };
      if (typeof spec.password === 'string') certificate.passphrase = spec.password;
      const problem = unreadableCertificate(certificate);
      if (problem) {
        fail(ctx, `authentication.pfx cannot be opened (${problem}). Give the client certificate as a base64 PFX (PKCS #12) with its password.`, prepared.recorded, 'InvalidClientCertificate');
      }
      prepared.clientCertificate = certificate;
      return;
    }
    case 'activedirectoryoauth':
      prepared.oauth = {
        authority: typeof spec.authority === 'string' && spec.authority !== '' ? spec.authority : 'https://login.microsoftonline.com/',
        tenant: text('tenant'),
        audience: text('audience'),
        clientId: text('clientId'),
        secret: text('secret'),
      };
      return;
    case 'managedserviceidentity':
      fail(ctx, 'ManagedServiceIdentity authentication needs an Azure managed identity, which Brook does not have; use ActiveDirectoryOAuth with a client secret instead.', prepared.recorded, 'AuthenticationNotSupported');
      break;
    default:
      fail(ctx, `authentication.type must be Basic, Raw, ClientCertificate or ActiveDirectoryOAuth; got ${JSON.stringify(spec.type)}.`, prepared.recorded, 'AuthenticationNotSupported');
  }
}

/** Certificates already opened: the reason one cannot be, or null. Keyed by a hash, never the secret itself. */
const openedCertificates = new Map<string, string | null>();

/** Why a PFX cannot be used (wrong password, not a PFX), found before any connection is made. */
function unreadableCertificate(certificate: { pfx: Uint8Array; passphrase?: string }): string | null {
  const key = createHash('sha256').update(certificate.pfx).update('\u0000').update(certificate.passphrase ?? '').digest('base64');
  let problem = openedCertificates.get(key);
  if (problem === undefined) {
    try {
      createSecureContext({ pfx: Buffer.from(certificate.pfx), ...(certificate.passphrase !== undefined ? { passphrase: certificate.passphrase } : {}) });
      problem = null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problem = /mac verify/i.test(message) ? 'the password does not open it' : message;
    }
    if (openedCertificates.size >= 100) openedCertificates.clear();
    openedCertificates.set(key, problem);
  }
  return problem;
}
