// Graceful shutdown: a server stopped while an action of a run is in flight lets the
// action end and checkpoint, and gives the run up; the next start on the same data
// finishes it without redoing what was done.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config/config.js';
import { ApiClient, finishedRun, TEST_PASSWORD } from '../testing/harness.js';
import { createServer } from './create-server.js';

describe('graceful shutdown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brook-shutdown-'));
  // A service that answers after 800 ms, counting its calls.
  let calls = 0;
  let called: () => void = () => undefined;
  const service = createHttpServer((_request, response) => {
    calls += 1;
    called();
    setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ call: calls })), 800);
  });
  afterAll(async () => {
    await new Promise((resolve) => service.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops with a call in flight, lets it checkpoint, and finishes the run after the next start', async () => {
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const config = testConfig(dir, { allowPrivateNetworks: true });
    const first = await createServer(config, { webDist: join(dir, 'none') });
    const client = new ApiClient(await first.listen());
    const setup = await client.post('/api/v1/auth/setup', { email: 'ops@example.org', name: 'Ops', password: TEST_PASSWORD });
    client.csrfToken = setup.body.csrfToken;
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
      actions: {
        Before: { type: 'Compose', inputs: "@utcNow()", runAfter: {} },
        Call: { type: 'Http', inputs: { method: 'GET', uri: `http://127.0.0.1:${(service.address() as { port: number }).port}/slow` }, runAfter: { Before: ['Succeeded'] } },
        Pause: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Second' } }, runAfter: { Call: ['Succeeded'] } },
        After: { type: 'Compose', inputs: "@concat(outputs('Before'), ' ', string(body('Call')))", runAfter: { Pause: ['Succeeded'] } },
      },
    };
    const flow = (await client.post('/api/v1/flows', { name: 'Interrupted', definition })).body;
    const inFlight = new Promise<void>((resolve) => (called = resolve));
    const { runId } = (await client.post(`/api/v1/flows/${flow.id}/run`, {})).body;
    await inFlight;
    // A portal watching live updates does not hold up the shutdown.
    const watching = await fetch(`${client.baseUrl}/api/v1/events`, { headers: { cookie: client.cookie! } });
    expect(watching.status).toBe(200);
    await first.close();
    expect((await watching.text()).startsWith('retry:')).toBe(true);

    const second = await createServer(config, { webDist: join(dir, 'none') });
    const url = await second.listen();
    try {
      const again = new ApiClient(url);
      await again.login('ops@example.org', TEST_PASSWORD);
      const run = await finishedRun(again, runId, 20_000);
      expect(run.status).toBe('Succeeded');
      const action = (name: string) => run.actions.find((record: { name: string }) => record.name === name);
      expect(action('Call')).toMatchObject({ status: 'Succeeded', outputs: { statusCode: 200, body: { call: 1 } } });
      expect(action('After').outputs).toBe(`${action('Before').outputs} {"call":1}`);
      expect(calls).toBe(1);
    } finally {
      await second.close();
    }
  });
});
