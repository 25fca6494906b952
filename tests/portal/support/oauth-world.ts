// A real OAuth2 provider (oidc-provider: authorization code with PKCE, refresh tokens,
// introspection) and an API that accepts its access tokens, on 127.0.0.1. revokeAccess()
// plays the user changing their password at the provider: tokens issued so far stop
// working and refreshing answers invalid_grant, until the user signs in again.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface OAuthWorld {
  issuer: string;
  authorizationUrl: string;
  tokenUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  revokeAccess(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startOAuthWorld(redirectUri: string): Promise<OAuthWorld> {
  const clientId = 'brook-portal-test';
  const clientSecret = 'provider-client-secret';
  const state = { blockRefresh: false, seen: new Set<string>(), rejected: new Set<string>() };

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const providerServer = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/token') {
      void readBody(req).then((body) => {
        const form = new URLSearchParams(body);
        if (form.get('grant_type') === 'refresh_token' && state.blockRefresh) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'grant request is invalid' }));
          return;
        }
        if (form.get('grant_type') === 'authorization_code') state.blockRefresh = false;
        handle(Object.assign(req, { body: Object.fromEntries(form) }), res);
      });
      return;
    }
    handle(req, res);
  });
  const issuer = await listen(providerServer);
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        scope: 'openid offline_access api',
      },
    ],
    scopes: ['openid', 'offline_access', 'api'],
    features: { devInteractions: { enabled: true }, introspection: { enabled: true, allowedPolicy: async () => true } },
    // Brook asks for offline_access; grant it (and so a refresh token) without extra prompts.
    issueRefreshToken: async () => true,
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  });
  const callback = provider.callback();
  handle = (req, res) => void callback(req, res);

  const introspect = async (token: string): Promise<boolean> => {
    const response = await fetch(`${issuer}/token/introspection`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    const answer = (await response.json()) as { active?: boolean };
    return answer.active === true;
  };

  const api = createServer((req, res) => {
    void (async () => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const ok = token !== undefined && !state.rejected.has(token) && (await introspect(token));
      if (!ok || token === undefined) {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="invalid_token"' });
        res.end(JSON.stringify({ error: 'Unauthorized' }));
        return;
      }
      state.seen.add(token);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(path === '/orders' ? [{ id: 1, total: 99 }, { id: 2, total: 15 }] : { user: 'alice' }));
    })();
  });
  const apiUrl = await listen(api);

  return {
    issuer,
    authorizationUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    apiUrl,
    clientId,
    clientSecret,
    revokeAccess() {
      for (const token of state.seen) state.rejected.add(token);
      state.blockRefresh = true;
    },
    async close() {
      await Promise.all([providerServer, api].map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
