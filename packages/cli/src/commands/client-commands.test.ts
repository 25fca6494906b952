// The `brook` client commands against a real server on loopback, with an API token.
import { Command } from 'commander';
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, openPlatform, testConfig, verifyPassword, type BrookServer } from '@brook/server';
import * as connections from './connections.js';
import * as flows from './flows.js';
import * as runs from './runs.js';
import * as users from './users.js';

const failing = {
  triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
  actions: {
    Prepare: { type: 'Compose', inputs: 'ready', runAfter: {} },
    Stop: { type: 'Terminate', inputs: { runStatus: 'Failed', runError: { code: 'OrderRejected', message: 'The order system said no' } }, runAfter: { Prepare: ['Succeeded'] } },
  },
};

async function brook(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  const program = new Command().exitOverride();
  for (const module of [flows, runs, connections, users]) module.register(program);
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'brook', ...args]);
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
    stderr.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out: out.join('\n'), err: err.join('\n'), code };
}

describe('brook client commands', () => {
  let dir: string;
  let server: BrookServer;
  let flowId: string;
  let runId: string;
  let service: Server;
  let servicePassword = 'first password';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'brook-cli-'));
    // The orders service on loopback: Basic auth with a password that can change.
    service = createHttpServer((request, response) => {
      const ok = request.headers.authorization === `Basic ${Buffer.from(`alice:${servicePassword}`).toString('base64')}`;
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end(ok ? '{"status":"shipped"}' : '{"error":"bad credentials"}');
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    server = await createServer(testConfig(join(dir, 'server'), { allowPrivateNetworks: true }), { webDist: join(dir, 'none') });
    const url = await server.listen();
    const setup = await fetch(`${url}/api/v1/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'ops@example.org', name: 'Ops', password: 'a long test password' }) });
    const { csrfToken } = (await setup.json()) as { csrfToken: string };
    const cookie = /brook_session=[^;]+/.exec(setup.headers.get('set-cookie') ?? '')![0];
    const token = await fetch(`${url}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'cli' }) });
    process.env.BROOK_URL = url;
    process.env.BROOK_TOKEN = ((await token.json()) as { token: string }).token;
    const file = join(dir, 'orders.json');
    writeFileSync(file, JSON.stringify(failing));
    const imported = await brook('flows', 'import', file, '--name', 'Orders', '--json');
    flowId = (JSON.parse(imported.out) as { flow: { id: string } }).flow.id;
    const started = await fetch(`${url}/api/v1/flows/${flowId}/run`, { method: 'POST', headers: { authorization: `Bearer ${process.env.BROOK_TOKEN}`, 'content-type': 'application/json' }, body: '{}' });
    runId = ((await started.json()) as { runId: string }).runId;
    for (let i = 0; i < 200; i += 1) {
      const run = await (await fetch(`${url}/api/v1/runs/${runId}`, { headers: { authorization: `Bearer ${process.env.BROOK_TOKEN}` } })).json() as { status: string };
      if (run.status === 'Failed') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => service.close(resolve));
    delete process.env.BROOK_URL;
    delete process.env.BROOK_TOKEN;
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists flows as an aligned table, or JSON', async () => {
    const table = await brook('flows', 'list');
    const [header, row] = table.out.split('\n');
    expect(header).toMatch(/^ID\s+NAME\s+ON\s+TRIGGER\s+LAST RUN/);
    expect(row).toContain('Orders');
    expect(row!.indexOf('Orders')).toBe(header!.indexOf('NAME'));
    const json = JSON.parse((await brook('flows', 'list', '--json')).out) as { id: string }[];
    expect(json.map((flow) => flow.id)).toEqual([flowId]);
  });

  it('explains why a run failed and what to do', async () => {
    const why = await brook('runs', 'why', runId);
    expect(why.out).toContain(`Run ${runId} of 'Orders' failed`);
    expect(why.out).toContain('Why: The order system said no');
    expect(why.out).toContain('What to do:');
    const shown = await brook('runs', 'show', runId);
    expect(shown.out).toMatch(/Prepare\s+Succeeded/);
    const list = await brook('runs', 'list', '--status', 'Failed');
    expect(list.out).toContain(runId);
  });

  it('resubmits a run, turns a flow off and on, exports it', async () => {
    const resubmitted = await brook('runs', 'resubmit', runId, '--json');
    expect((JSON.parse(resubmitted.out) as { resubmittedFrom: string }).resubmittedFrom).toBe(runId);
    expect((await brook('flows', 'disable', flowId)).out).toContain('Turned off: Orders');
    expect((await brook('flows', 'enable', flowId)).out).toContain('Turned on: Orders');
    const exported = JSON.parse((await brook('flows', 'export', flowId)).out) as { definition: { actions: object } };
    expect(Object.keys(exported.definition.actions)).toEqual(['Prepare', 'Stop']);
    expect((await brook('connections', 'list')).out).toBe('No connections.');
  });

  it('verifies a connection with new credentials, resubmits the runs it broke, and cancels a run', async () => {
    const api = async (method: string, path: string, body?: unknown) => {
      const answer = await fetch(`${process.env.BROOK_URL}${path}`, { method, headers: { authorization: `Bearer ${process.env.BROOK_TOKEN}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return (await answer.json()) as { id: string; runId: string; status: string };
    };
    const { port } = service.address() as { port: number };
    const connection = await api('POST', '/api/v1/connections', { name: 'Orders API', connectorId: 'http', authType: 'basic', parameters: { baseUrl: `http://127.0.0.1:${port}`, verifyPath: '/me', username: 'alice' }, secrets: { password: servicePassword } });
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
      actions: { Get_order: { type: 'ApiConnection', inputs: { host: { connection: { name: 'orders' } }, method: 'get', path: '/orders/7' }, runAfter: {} } },
    };
    const flow = await api('POST', '/api/v1/flows', { name: 'Order status', definition, connections: { orders: connection.id } });
    servicePassword = 'changed elsewhere';
    const broken = (await api('POST', `/api/v1/flows/${flow.id}/run`, {})).runId;
    for (let i = 0; i < 200 && (await api('GET', `/api/v1/runs/${broken}`)).status !== 'Failed'; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));

    const listed = await brook('connections', 'list');
    expect(listed.out).toMatch(/Orders API\s+HTTP\s+unauthenticated/);
    expect(listed.out).toContain('1 (1 flow) since');
    const wrong = await brook('connections', 'verify', connection.id, '--secret', 'password=still wrong');
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('Orders API: unauthenticated.');
    const right = await brook('connections', 'verify', connection.id, '--secret', 'password=changed elsewhere');
    expect(right.code).toBe(0);
    expect(right.out).toContain(`1 run failed because of it; resubmit them with \`brook runs resubmit --connection ${connection.id}\``);

    const healed = await brook('runs', 'resubmit', '--connection', connection.id);
    expect(healed.out).toMatch(/Job job_\S+ succeeded: 1 resubmitted, 0 failed, of 1\./);
    expect((await brook('runs', 'resubmit', '--connection', connection.id)).out).toContain('Nothing to resubmit');

    const waiting = await api('POST', '/api/v1/flows', { name: 'Patient', definition: { triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } }, actions: { Wait: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Hour' } }, runAfter: {} } } } });
    const sleeping = (await api('POST', `/api/v1/flows/${waiting.id}/run`, {})).runId;
    expect((await brook('runs', 'cancel', sleeping)).out).toContain(`Cancelling ${sleeping}`);
    for (let i = 0; i < 200 && (await api('GET', `/api/v1/runs/${sleeping}`)).status !== 'Cancelled'; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await api('GET', `/api/v1/runs/${sleeping}`)).status).toBe('Cancelled');
  });

  it('imports a Power Automate export package', async () => {
    const id = '8a1b2c3d-0000-4000-8000-000000000001';
    const json = (value: unknown) => strToU8(JSON.stringify(value));
    const flowDocument = { name: id, type: 'Microsoft.Flow/flows', properties: { displayName: 'Send a reminder', definition: failing, connectionReferences: {} } };
    const file = join(dir, 'Reminder.zip');
    writeFileSync(
      file,
      zipSync({
        'manifest.json': json({ schema: '1.0', details: { displayName: 'Reminder package' }, resources: { 'res-flow': { type: 'Microsoft.Flow/flows', details: { displayName: 'Send a reminder' }, hierarchy: 'Root', dependsOn: [] } } }),
        'Microsoft.Flow/flows/manifest.json': json({ packageSchemaVersion: '1.0', flowAssets: { assetPaths: [id] } }),
        [`Microsoft.Flow/flows/${id}/definition.json`]: json(flowDocument),
      }),
    );
    const imported = await brook('flows', 'import', file);
    expect(imported.err).toBe('');
    expect(imported.out).toMatch(/^Imported Send a reminder \(flow_\S+\), version 1, on/);
    expect((await brook('flows', 'list')).out).toContain('Send a reminder');
  });

  it('prints API errors with the fields they name and exits 1', async () => {
    const missing = await brook('runs', 'why', 'run_missing');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('The run was not found');
    const bad = await brook('runs', 'list', '--status', 'Exploded');
    expect(bad.err).toContain('status');
    const token = process.env.BROOK_TOKEN;
    process.env.BROOK_TOKEN = 'brk_not-a-real-token';
    expect((await brook('flows', 'list')).err).toContain('API token is not valid');
    process.env.BROOK_TOKEN = token;
  });

  it('creates an administrator directly in the database', async () => {
    const dataDir = join(dir, 'fresh');
    process.env.BROOK_DATA_DIR = dataDir;
    process.env.BROOK_ADMIN_PASSWORD = 'another long password';
    process.env.BROOK_LOG_LEVEL = 'silent';
    try {
      const created = await brook('users', 'create-admin', '--email', 'root@example.org', '--name', 'Root');
      expect(created.out).toContain('Created the administrator root@example.org');
      const again = await brook('users', 'create-admin', '--email', 'root@example.org');
      expect(again.code).toBe(1);
    } finally {
      delete process.env.BROOK_DATA_DIR;
      delete process.env.BROOK_ADMIN_PASSWORD;
      delete process.env.BROOK_LOG_LEVEL;
    }
    const platform = await openPlatform({ ...testConfig(dataDir), workers: 0 });
    const user = await platform.context.platform.users.findByEmail('root@example.org');
    await platform.close();
    expect(user?.role).toBe('admin');
    expect(await verifyPassword('another long password', user!.passwordHash)).toBe(true);
  });
});
