// What the server's tests share: a real Brook server on 127.0.0.1 port 0 (SQLite in a
// temporary folder, or a fresh PostgreSQL database), and an HTTP client that keeps a
// session cookie and its CSRF token like the portal does, or sends an API token like the CLI.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@brook/testkit';
import { testConfig, type BrookConfig } from '../config/config.js';
import { createServer, type BrookServer, type ServerOptions } from '../app/create-server.js';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface TestServer {
  url: string;
  server: BrookServer;
  config: BrookConfig;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(
  kind: DatabaseKind = 'sqlite',
  overrides: Partial<BrookConfig> = {},
  options: ServerOptions = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'brook-server-'));
  // A PostgreSQL URL in the overrides joins that database (a second process of the same Brook).
  const shared = kind === 'postgres' && overrides.databaseUrl?.startsWith('postgres');
  const postgres = kind === 'postgres' && !shared ? await createTestDatabase('server') : undefined;
  const base = testConfig(dataDir, overrides);
  const config: BrookConfig = postgres ? { ...base, database: 'postgres', databaseUrl: postgres.url } : shared ? { ...base, database: 'postgres' } : base;
  const server = await createServer(config, { webDist: join(dataDir, 'no-portal'), ...options });
  const url = await server.listen();
  const withPublicUrl = { ...config, publicUrl: url };
  // Callback URLs and links point at the real port.
  Object.assign(server.context.config, { publicUrl: url });
  return {
    url,
    server,
    config: withPublicUrl,
    dataDir,
    async close() {
      await server.close().catch((error: unknown) => {
        console.error('closing the test server failed', error);
        throw error;
      });
      // pg's pool resolves end() before every socket has closed; dropping the database then would kill them mid-goodbye.
      if (postgres) await new Promise((resolve) => setTimeout(resolve, 200));
      await postgres?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Tests read answers as loose JSON; their assertions are the type check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer<T = Json> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** An HTTP client for the API: a session (cookie + CSRF token) or a bearer token. */
export class ApiClient {
  cookie: string | undefined;
  csrfToken: string | undefined;
  token: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T = Json>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
    const sent: Record<string, string> = { ...headers };
    if (body !== undefined) sent['content-type'] ??= 'application/json';
    if (this.token) sent.authorization = `Bearer ${this.token}`;
    if (this.cookie) sent.cookie = this.cookie;
    if (this.csrfToken && method !== 'GET') sent['x-csrf-token'] ??= this.csrfToken;
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: sent,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const value = /brook_session=([^;]*)/.exec(setCookie)?.[1];
      this.cookie = value ? `brook_session=${value}` : undefined;
    }
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = Json>(path: string): Promise<Answer<T>> {
    return this.request<T>('GET', path);
  }
  post<T = Json>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>> {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
  put<T = Json>(path: string, body?: unknown): Promise<Answer<T>> {
    return this.request<T>('PUT', path, body ?? {});
  }
  patch<T = Json>(path: string, body?: unknown): Promise<Answer<T>> {
    return this.request<T>('PATCH', path, body ?? {});
  }
  delete<T = Json>(path: string): Promise<Answer<T>> {
    return this.request<T>('DELETE', path);
  }

  /** Signs in with a password; keeps the session cookie and CSRF token. */
  async login(email: string, password: string): Promise<void> {
    const answer = await this.post<{ csrfToken: string }>('/api/v1/auth/login', { email, password });
    if (answer.status !== 200) throw new Error(`sign-in of ${email} failed: ${answer.status} ${answer.text}`);
    this.csrfToken = answer.body.csrfToken;
  }
}

export const TEST_PASSWORD = 'a long test password';

/** An admin (through first-run setup) and two makers, each with a signed-in client. */
export async function createPeople(url: string): Promise<{ admin: ApiClient; alice: ApiClient; bob: ApiClient; ids: { admin: string; alice: string; bob: string } }> {
  const admin = new ApiClient(url);
  const setup = await admin.post<{ user: { id: string }; csrfToken: string }>('/api/v1/auth/setup', { email: 'admin@example.org', name: 'Ada Admin', password: TEST_PASSWORD });
  if (setup.status !== 200) throw new Error(`setup failed: ${setup.status} ${setup.text}`);
  admin.csrfToken = setup.body.csrfToken;
  const ids = { admin: setup.body.user.id, alice: '', bob: '' };
  for (const [key, name] of [['alice', 'Alice Maker'], ['bob', 'Bob Maker']] as const) {
    const created = await admin.post<{ id: string }>('/api/v1/users', { email: `${key}@example.org`, name, password: TEST_PASSWORD, role: 'maker' });
    if (created.status !== 201) throw new Error(`creating ${key} failed: ${created.status} ${created.text}`);
    ids[key] = created.body.id;
  }
  const alice = new ApiClient(url);
  await alice.login('alice@example.org', TEST_PASSWORD);
  const bob = new ApiClient(url);
  await bob.login('bob@example.org', TEST_PASSWORD);
  return { admin, alice, bob, ids };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'the expected state'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the run has ended and returns its detail. */
export async function finishedRun(client: ApiClient, runId: string, timeoutMs = 10_000): Promise<Json> {
  return eventually(async () => {
    const answer = await client.get(`/api/v1/runs/${runId}`);
    return answer.status === 200 && !['Waiting', 'Running'].includes(answer.body.status) ? answer.body : undefined;
  }, timeoutMs, `run ${runId} to end`);
}
