// ActiveDirectoryOAuth authentication of the HTTP action: the OAuth 2.0 client
// credentials grant against `{authority}/{tenant}/oauth2/token` (the service's v1
// endpoint, with `resource` = audience). Tokens are cached until a minute before expiry
// and fetched once for concurrent callers.
import type { HttpClient } from '../ports.js';
import { decodeBody } from './body.js';

interface CachedToken {
  value: string;
  expiresAt: number;
}

const tokens = new Map<string, Promise<CachedToken>>();

export interface ClientCredentials {
  authority: string;
  tenant: string;
  audience: string;
  clientId: string;
  secret: string;
}

export class TokenError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

export function tokenEndpoint(credentials: ClientCredentials): string {
  const authority = credentials.authority.endsWith('/') ? credentials.authority : `${credentials.authority}/`;
  return `${authority}${encodeURIComponent(credentials.tenant)}/oauth2/token`;
}

export async function clientCredentialsToken(http: HttpClient, credentials: ClientCredentials, now: () => number, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const key = JSON.stringify([credentials.authority, credentials.tenant, credentials.audience, credentials.clientId, credentials.secret]);
  const cached = tokens.get(key);
  if (cached) {
    const token = await cached.catch(() => null);
    if (token && token.expiresAt > now()) return token.value;
    if (tokens.get(key) === cached) tokens.delete(key);
  }
  let pending = tokens.get(key);
  if (!pending) {
    pending = fetchToken(http, credentials, now, timeoutMs, signal);
    tokens.set(key, pending);
    pending.catch(() => tokens.delete(key));
  }
  return (await pending).value;
}

async function fetchToken(http: HttpClient, credentials: ClientCredentials, now: () => number, timeoutMs: number, signal?: AbortSignal): Promise<CachedToken> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.secret,
    resource: credentials.audience,
  });
  const response = await http.send({
    method: 'POST',
    url: tokenEndpoint(credentials),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
    timeoutMs,
    ...(signal ? { signal } : {}),
  });
  const body = decodeBody(response.headers['content-type'] ?? 'application/json', response.body) as Record<string, unknown> | string | null;
  if (response.status !== 200 || typeof body !== 'object' || body === null || typeof body.access_token !== 'string') {
    const reason = typeof body === 'object' && body !== null ? (body.error_description ?? body.error) : undefined;
    throw new TokenError(`The token endpoint answered ${response.status}${reason ? `: ${String(reason)}` : ''}.`, response.status);
  }
  const expiresIn = Number(body.expires_in ?? 3600);
  return { value: body.access_token, expiresAt: now() + Math.max(0, (Number.isFinite(expiresIn) ? expiresIn : 3600) - 60) * 1000 };
}
