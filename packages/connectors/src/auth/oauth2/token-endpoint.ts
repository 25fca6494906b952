// Talking to an OAuth2 token endpoint (RFC 6749): exchanging a code, refreshing, or
// getting a client-credentials token. The answer is a decision, not an exception:
// tokens, a rejection that needs the user (invalid_grant …), or an outage to retry.
import type { ClassifiedError } from '@brook/wdl';
import { classifyError } from '../../classification/classify-error.js';
import { classifyHttpFailure } from '../../classification/classify-http.js';
import type { HttpClient } from '../../http/http-client.js';
import { decodeResponseBody } from '../../http/response-body.js';
import type { TokenSet } from '../types.js';

export type ClientAuthentication = 'basic' | 'body';

export interface TokenClient {
  tokenUrl: string;
  clientId: string;
  clientSecret?: string;
  /** client_secret_basic (default) or client_secret_post. */
  authentication: ClientAuthentication;
}

export type TokenGrantRequest =
  | { grant: 'authorization_code'; code: string; redirectUri: string; codeVerifier: string }
  | { grant: 'refresh_token'; refreshToken: string; scopes?: string[] }
  | { grant: 'client_credentials'; scopes: string[] };

export type TokenEndpointResult =
  | { outcome: 'tokens'; tokens: TokenSet }
  /** The endpoint refused the grant or the client: only the user can fix it (sign in again, new secret). */
  | { outcome: 'rejected'; error: string; description: string; status: number }
  /** The endpoint could not be reached or failed: keep everything and try again later. */
  | { outcome: 'unavailable'; cause: ClassifiedError };

/** Errors a person must fix; anything else from a token endpoint is treated as transient. */
const USER_FIXABLE = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'invalid_scope', 'access_denied', 'unsupported_grant_type', 'invalid_request']);

function formBody(client: TokenClient, request: TokenGrantRequest): URLSearchParams {
  const form = new URLSearchParams({ grant_type: request.grant });
  switch (request.grant) {
    case 'authorization_code':
      form.set('code', request.code);
      form.set('redirect_uri', request.redirectUri);
      form.set('code_verifier', request.codeVerifier);
      break;
    case 'refresh_token':
      form.set('refresh_token', request.refreshToken);
      if (request.scopes?.length) form.set('scope', request.scopes.join(' '));
      break;
    case 'client_credentials':
      if (request.scopes.length) form.set('scope', request.scopes.join(' '));
      break;
  }
  if (client.authentication === 'body' || !client.clientSecret) {
    form.set('client_id', client.clientId);
    if (client.clientSecret) form.set('client_secret', client.clientSecret);
  }
  return form;
}

function basicClientHeader(client: TokenClient): string {
  // RFC 6749 §2.3.1: both parts form-encoded before base64.
  const encode = (text: string): string => encodeURIComponent(text).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(client.clientId)}:${encode(client.clientSecret ?? '')}`).toString('base64')}`;
}

function asRecord(body: unknown): Record<string, unknown> {
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  if (typeof body === 'string' && body.includes('=')) return Object.fromEntries(new URLSearchParams(body));
  return {};
}

export async function requestTokens(
  http: HttpClient,
  client: TokenClient,
  request: TokenGrantRequest,
  options: { now: number; previous?: TokenSet; timeoutMs?: number },
): Promise<TokenEndpointResult> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (client.authentication === 'basic' && client.clientSecret) headers.authorization = basicClientHeader(client);
  const secrets = [client.clientSecret, request.grant === 'refresh_token' ? request.refreshToken : undefined].filter((value): value is string => !!value);
  let status: number;
  let body: unknown;
  let responseHeaders: Record<string, string>;
  try {
    const response = await http.request({ method: 'POST', url: client.tokenUrl, headers, body: formBody(client, request).toString(), timeoutMs: options.timeoutMs ?? 30_000 });
    status = response.status;
    responseHeaders = response.headers;
    body = decodeResponseBody(response.headers, response.body);
  } catch (error) {
    return { outcome: 'unavailable', cause: classifyError(error, { secretValues: secrets }) };
  }
  const fields = asRecord(body);
  if (status >= 200 && status < 300 && typeof fields.access_token === 'string') {
    const expiresIn = Number(fields.expires_in);
    const refreshToken = typeof fields.refresh_token === 'string' && fields.refresh_token ? fields.refresh_token : options.previous?.refreshToken;
    const tokens: TokenSet = {
      accessToken: fields.access_token,
      tokenType: typeof fields.token_type === 'string' ? fields.token_type : 'Bearer',
      obtainedAt: options.now,
    };
    // A rotated refresh token replaces the old one; without one in the answer the old one stays valid.
    if (refreshToken) tokens.refreshToken = refreshToken;
    if (Number.isFinite(expiresIn) && expiresIn > 0) tokens.expiresAt = options.now + expiresIn * 1000;
    const scope = typeof fields.scope === 'string' ? fields.scope : options.previous?.scope;
    if (scope) tokens.scope = scope;
    return { outcome: 'tokens', tokens };
  }
  const error = typeof fields.error === 'string' ? fields.error : '';
  if (status >= 400 && status < 500 && USER_FIXABLE.has(error)) {
    const description = typeof fields.error_description === 'string' ? fields.error_description : '';
    return { outcome: 'rejected', error, description, status };
  }
  if (status >= 200 && status < 300) {
    return { outcome: 'unavailable', cause: classifyHttpFailure({ status: 502, body: 'The token endpoint answered without an access_token.' }).error };
  }
  return { outcome: 'unavailable', cause: classifyHttpFailure({ status, headers: responseHeaders, body, secretValues: secrets }).error };
}
