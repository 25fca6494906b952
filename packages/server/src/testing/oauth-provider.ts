// A local OAuth2 authorization server (authorization code with PKCE) and the API it
// guards, for sign-in tests: /authorize redirects back with a code at once (or with
// ?deny, an error), /token exchanges it after checking the PKCE verifier, /me wants the token.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface OAuthProvider {
  url: string;
  tokenRequests: number;
  close(): Promise<void>;
}

export async function startOAuthProvider(): Promise<OAuthProvider> {
  const challenges = new Map<string, string>();
  const state = { tokenRequests: 0 };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://provider');
    const json = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/authorize') {
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      if (url.searchParams.has('deny') || url.searchParams.get('scope')?.includes('deny')) back.searchParams.set('error', 'access_denied');
      else {
        const code = `code-${challenges.size + 1}`;
        challenges.set(code, url.searchParams.get('code_challenge') ?? '');
        back.searchParams.set('code', code);
      }
      response.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/token') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        state.tokenRequests += 1;
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const challenge = challenges.get(form.get('code') ?? '');
        const verified = challenge && createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === challenge;
        if (form.get('grant_type') !== 'authorization_code' || !verified) return json(400, { error: 'invalid_grant' });
        json(200, { access_token: 'access-token-1', token_type: 'Bearer', expires_in: 3600, refresh_token: 'refresh-token-1' });
      });
      return;
    }
    if (url.pathname === '/me') {
      if (request.headers.authorization === 'Bearer access-token-1') return json(200, { user: 'alice' });
      return json(401, { error: 'Unauthorized' });
    }
    json(404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    get tokenRequests() {
      return state.tokenRequests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
