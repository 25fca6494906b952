// Graceful shutdown: a server stopped while a run waits lets it checkpoint and gives it
// up; the next start on the same data finishes it without redoing what was done.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config/config.js';
import { ApiClient, eventually, finishedRun, TEST_PASSWORD } from '../testing/harness.js';
import { createServer } from './create-server.js';

describe('graceful shutdown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brook-shutdown-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops with a run in flight and finishes it after the next start', async () => {
    const config = testConfig(dir);
    const first = await createServer(config, { webDist: join(dir, 'none') });
    const client = new ApiClient(await first.listen());
    const setup = await client.post('/api/v1/auth/setup', { email: 'ops@example.org', name: 'Ops', password: TEST_PASSWORD });
    client.csrfToken = setup.body.csrfToken;
    const definition = {
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
      actions: {
        Before: { type: 'Compose', inputs: "@utcNow()", runAfter: {} },
        Pause: { type: 'Wait', inputs: { interval: { count: 2, unit: 'Second' } }, runAfter: { Before: ['Succeeded'] } },
        After: { type: 'Compose', inputs: "@outputs('Before')", runAfter: { Pause: ['Succeeded'] } },
      },
    };
    const flow = (await client.post('/api/v1/flows', { name: 'Interrupted', definition })).body;
    const { runId } = (await client.post(`/api/v1/flows/${flow.id}/run`, {})).body;
    const before = await eventually(async () => {
      const run = (await client.get(`/api/v1/runs/${runId}`)).body;
      return run.actions?.find((action: { name: string; status: string }) => action.name === 'Before' && action.status === 'Succeeded');
    });
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
      const after = run.actions.find((action: { name: string }) => action.name === 'After');
      expect(after.outputs).toBe(before.outputs);
    } finally {
      await second.close();
    }
  });
});
