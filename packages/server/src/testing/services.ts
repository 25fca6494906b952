// Local stand-ins for the services flows call: real HTTP servers on 127.0.0.1 that behave
// like an API with Basic authentication (401 with "Unauthorized" when the password is wrong).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface OrdersService {
  url: string;
  /** The password the service accepts now (change it to break connections). */
  password: string;
  calls: number;
  close(): Promise<void>;
}

export async function startOrdersService(user = 'alice', password = 'first password'): Promise<OrdersService> {
  const state = { password, calls: 0 };
  const authorized = (request: IncomingMessage): boolean => request.headers.authorization === `Basic ${Buffer.from(`${user}:${state.password}`).toString('base64')}`;
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    state.calls += 1;
    const send = (status: number, body: unknown): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (!authorized(request)) return send(401, { error: { code: 'Unauthorized', message: 'Unauthorized: the user name or password is wrong.' } });
    const order = /^\/orders\/(\w+)$/.exec(request.url ?? '');
    if (request.url === '/me') return send(200, { user });
    if (order) return send(200, { id: order[1], status: 'shipped' });
    return send(404, { error: 'not found' });
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get password() {
      return state.password;
    },
    set password(value: string) {
      state.password = value;
    },
    get calls() {
      return state.calls;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
