// An API protected by the test provider's tokens: each call's bearer token is checked at
// the provider's introspection endpoint, as a real resource server would. Inactive or
// missing tokens get 401 with WWW-Authenticate: Bearer error="invalid_token".
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestResourceServer {
  url: string;
  /** Calls answered, by outcome. */
  calls: { ok: number; rejected: number };
  /** Tokens issued to these clients are refused (as when a service withdraws an app's access). */
  blockedClients: Set<string>;
  /** Tokens this API no longer accepts although the provider still does (a key rollover on the API). */
  rejectedTokens: Set<string>;
  close(): Promise<void>;
}

export async function startResourceServer(options: { introspectionUrl: string; clientId: string; clientSecret: string }): Promise<TestResourceServer> {
  const calls = { ok: 0, rejected: 0 };
  const blockedClients = new Set<string>();
  const rejectedTokens = new Set<string>();
  const credentials = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64')}`;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
      let active = false;
      let subject: unknown = null;
      if (token && !rejectedTokens.has(token)) {
        const answer = await fetch(options.introspectionUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: credentials },
          body: new URLSearchParams({ token }).toString(),
        });
        const introspection = (await answer.json()) as { active?: boolean; sub?: string; client_id?: string };
        active = introspection.active === true && !blockedClients.has(introspection.client_id ?? '');
        subject = introspection.sub ?? introspection.client_id ?? null;
      }
      if (!active) {
        calls.rejected += 1;
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="invalid_token"' });
        res.end(JSON.stringify({ error: 'invalid_token', message: 'Unauthorized: the access token is not active.' }));
        return;
      }
      if (req.url?.endsWith('/forbidden')) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'This account may not read that.' }));
        return;
      }
      calls.ok += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ subject, path: req.url, method: req.method }));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    blockedClients,
    rejectedTokens,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
