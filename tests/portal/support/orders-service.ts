// A stand-in for a SaaS API that takes Basic auth, whose password can change mid-test as
// when someone changes it on the service: GET /me (the verify call) and GET /orders.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OrdersService {
  url: string;
  username: string;
  password: string;
  /** How many calls were rejected with 401. */
  rejected: number;
  close(): Promise<void>;
}

export async function startOrdersService(username: string, password: string): Promise<OrdersService> {
  const state = { username, password, rejected: 0 };
  const server: Server = createServer((req, res) => {
    const expected = `Basic ${Buffer.from(`${state.username}:${state.password}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      state.rejected += 1;
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="orders"' });
      res.end(JSON.stringify({ error: 'Unauthorized' }));
      return;
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.writeHead(path === '/me' || path === '/orders' ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(path === '/me' ? { user: state.username } : path === '/orders' ? [{ id: 4711, total: 120 }] : { error: 'NotFound' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const service: OrdersService = Object.assign(state, {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return service;
}
