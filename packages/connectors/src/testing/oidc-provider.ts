// A real OAuth2 / OpenID provider (oidc-provider) on 127.0.0.1 for tests: authorization
// code with PKCE, refresh tokens that rotate, client credentials, introspection and
// revocation. signIn() drives the sign-in and consent pages headlessly.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OidcClient {
  client_id: string;
  client_secret: string;
  redirect_uris?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
  introspectionUrl: string;
  /** POST /token calls, by grant_type. */
  tokenRequests: { total: number; byGrant: Record<string, number> };
  /** Signs in as `account` and consents; returns the redirect's code and state. */
  signIn(authorizeUrl: string, redirectUri: string, account?: string): Promise<{ code: string; state: string }>;
  /** Revokes a token at the revocation endpoint (a refresh token revokes its grant). */
  revoke(token: string, client: OidcClient): Promise<void>;
  close(): Promise<void>;
}

export interface OidcOptions {
  clients: OidcClient[];
  accessTokenTtlSeconds?: number;
  /** Refresh tokens are single-use: each refresh returns a new one (default true). */
  rotateRefreshTokens?: boolean;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startOidcProvider(options: OidcOptions): Promise<TestOidcProvider> {
  const tokenRequests = { total: 0, byGrant: {} as Record<string, number> };
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/token') {
      // Count, then hand the body back to the provider untouched.
      void readBody(req).then((body) => {
        const grant = new URLSearchParams(body).get('grant_type') ?? '?';
        tokenRequests.total += 1;
        tokenRequests.byGrant[grant] = (tokenRequests.byGrant[grant] ?? 0) + 1;
        const replay = Object.assign(req, { body: Object.fromEntries(new URLSearchParams(body)) });
        handle(replay, res);
      });
      return;
    }
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: options.clients.map((client) => ({
      client_id: client.client_id,
      client_secret: client.client_secret,
      redirect_uris: client.redirect_uris ?? [],
      grant_types: client.redirect_uris?.length ? ['authorization_code', 'refresh_token', 'client_credentials'] : ['client_credentials'],
      response_types: client.redirect_uris?.length ? ['code'] : [],
      scope: 'openid offline_access api',
    })),
    scopes: ['openid', 'offline_access', 'api'],
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      revocation: { enabled: true, allowedPolicy: async (ctx, client, token) => token.clientId === client.clientId },
      introspection: { enabled: true, allowedPolicy: async () => true },
    },
    rotateRefreshToken: options.rotateRefreshTokens ?? true,
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 3600,
      ClientCredentials: options.accessTokenTtlSeconds ?? 3600,
      RefreshToken: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      Session: 3600,
      Interaction: 600,
      IdToken: 3600,
      AuthorizationCode: 60,
    },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  });
  // oidc-provider reads pre-parsed bodies from req.body, which lets the counter above read it first.
  const callback = provider.callback();
  handle = (req, res) => void callback(req, res);

  async function signIn(authorizeUrl: string, redirectUri: string, account = 'alice'): Promise<{ code: string; state: string }> {
    const cookies = new Map<string, string>();
    let url = authorizeUrl;
    let form: URLSearchParams | undefined;
    for (let step = 0; step < 20; step++) {
      const response = await fetch(url, {
        method: form ? 'POST' : 'GET',
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        ...(form ? { body: form.toString() } : {}),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const index = pair?.indexOf('=') ?? -1;
        if (pair && index > 0) cookies.set(pair.slice(0, index), pair.slice(index + 1));
      }
      form = undefined;
      if (response.status >= 300 && response.status < 400) {
        const location = new URL(response.headers.get('location') ?? '', url).href;
        await response.arrayBuffer();
        if (location.startsWith(redirectUri)) {
          const params = new URL(location).searchParams;
          const code = params.get('code');
          if (!code) throw new Error(`The provider redirected without a code: ${location}`);
          return { code, state: params.get('state') ?? '' };
        }
        url = location;
        continue;
      }
      const html = await response.text();
      if (response.status === 200 && html.includes('name="prompt" value="login"')) form = new URLSearchParams({ prompt: 'login', login: account, password: 'any' });
      else if (response.status === 200 && html.includes('name="prompt" value="consent"')) form = new URLSearchParams({ prompt: 'consent' });
      else throw new Error(`Unexpected answer ${response.status} at ${url}: ${html.slice(0, 300)}`);
    }
    throw new Error('The sign-in did not finish in 20 steps.');
  }

  async function revoke(token: string, client: OidcClient): Promise<void> {
    const response = await fetch(`${issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}` },
      body: new URLSearchParams({ token }).toString(),
    });
    if (response.status !== 200) throw new Error(`Revocation answered ${response.status}: ${await response.text()}`);
  }

  return {
    issuer,
    authorizationUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    introspectionUrl: `${issuer}/token/introspection`,
    tokenRequests,
    signIn,
    revoke,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
