// A small service that checks one kind of credential (Basic, API key in a header or the
// query, bearer token) and whose expected credential can be changed mid-test, as when
// someone changes the password on the service.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServiceCheck =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'header'; name: string; value: string }
  | { kind: 'query'; name: string; value: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'open' };

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface TestCredentialService {
  url: string;
  check: ServiceCheck;
  seen: SeenRequest[];
  close(): Promise<void>;
}

function accepted(check: ServiceCheck, req: IncomingMessage): boolean {
  const url = new URL(req.url ?? '/', 'http://x');
  switch (check.kind) {
    case 'basic':
      return req.headers.authorization === `Basic ${Buffer.from(`${check.username}:${check.password}`).toString('base64')}`;
    case 'header':
      return req.headers[check.name.toLowerCase()] === check.value;
    case 'query':
      return url.searchParams.get(check.name) === check.value;
    case 'bearer':
      return req.headers.authorization === `Bearer ${check.token}`;
    case 'open':
      return true;
  }
}

/**
 * GET /me answers 200 with the right credential and 401 otherwise; /forbidden answers 403;
 * /missing answers 404; anything else echoes the request as JSON.
 */
export async function startCredentialService(check: ServiceCheck): Promise<TestCredentialService> {
  const service = { check } as TestCredentialService;
  service.seen = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      service.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (!accepted(service.check, req)) {
        res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="test"' });
        res.end(JSON.stringify({ message: 'Unauthorized' }));
        return;
      }
      if (path.endsWith('/forbidden')) {
        res.writeHead(403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'This account may not read that.' }));
        return;
      }
      if (path.endsWith('/missing')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'No such thing.' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      let parsed: unknown = body || null;
      try {
        parsed = body ? (JSON.parse(body) as unknown) : null;
      } catch {
        // not JSON: echoed as text
      }
      res.end(JSON.stringify({ ok: true, method: req.method, path, query: Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams), body: parsed }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  service.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return service;
}
