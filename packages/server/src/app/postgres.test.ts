// Two Brook processes on one PostgreSQL database, as in scale-out mode: sessions, runs,
// schedules, jobs and daily work are shared, and each happens once.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createPeople, eventually, finishedRun, startTestServer, TEST_PASSWORD, type TestServer } from '../testing/harness.js';
import { echoFlow, everySeconds, failingFlow } from '../testing/definitions.js';

describe('two processes on PostgreSQL', () => {
  let first: TestServer;
  let second: TestServer;
  let alice: ApiClient;

  beforeAll(async () => {
    const secretKey = randomBytes(32).toString('base64');
    first = await startTestServer('postgres', { secretKey, databasePool: 8, digestHourUtc: 0 });
    second = await startTestServer('postgres', { secretKey, databasePool: 8, digestHourUtc: 0, databaseUrl: first.config.databaseUrl });
    ({ alice } = await createPeople(first.url));
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('shares accounts and sessions', async () => {
    const elsewhere = new ApiClient(second.url);
    await elsewhere.login('alice@example.org', TEST_PASSWORD);
    expect((await elsewhere.get('/api/v1/auth/state')).body.user.email).toBe('alice@example.org');
    const moved = new ApiClient(second.url);
    moved.cookie = alice.cookie;
    moved.csrfToken = alice.csrfToken;
    expect((await moved.get('/api/v1/flows')).status).toBe(200);
  });

  it('answers webhook calls on either process with exactly one run each', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Echo', definition: echoFlow() })).body;
    const url = new URL(flow.triggers[0].callbackUrl);
    const calls = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const base = i % 2 === 0 ? first.url : second.url;
        const answer = await fetch(`${base}${url.pathname}${url.search}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ i }) });
        return { status: answer.status, body: (await answer.json()) as { i: number }, runId: answer.headers.get('x-brook-run-id') };
      }),
    );
    expect(calls.map((call) => call.status)).toEqual(Array(40).fill(200));
    expect(calls.map((call) => call.body.i)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const runs = (await alice.get(`/api/v1/runs?flowId=${flow.id}&limit=100`)).body.items as { id: string; status: string }[];
    expect(runs).toHaveLength(40);
    expect(new Set(runs.map((run) => run.id))).toEqual(new Set(calls.map((call) => call.runId)));
    expect(runs.every((run) => run.status === 'Succeeded')).toBe(true);
  });

  it('streams run changes to a portal connected to either process', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Watched', definition: echoFlow() })).body;
    const controller = new AbortController();
    const response = await fetch(`${second.url}/api/v1/events`, { headers: { cookie: alice.cookie! }, signal: controller.signal });
    const reader = response.body!.getReader();
    const runIds: string[] = [];
    for (let i = 0; i < 4; i += 1) runIds.push((await alice.post(`/api/v1/flows/${flow.id}/run`, { body: { i } })).body.runId);
    let text = '';
    const deadline = Date.now() + 15_000;
    const ended = (id: string) => new RegExp(`"id":"${id}"[^\n]*"status":"Succeeded"`).test(text);
    while (!runIds.every(ended) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(runIds.filter((id) => !ended(id))).toEqual([]);
  });

  it('fires a schedule once per due time although both processes run workers', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Ticker', definition: everySeconds(1) })).body;
    const runs = await eventually(async () => {
      const items = (await alice.get(`/api/v1/runs?flowId=${flow.id}`)).body.items as { id: string; status: string }[];
      return items.filter((run) => run.status === 'Succeeded').length >= 3 ? items : undefined;
    }, 15_000, 'three scheduled runs');
    await alice.post(`/api/v1/flows/${flow.id}/disable`);
    const times = await Promise.all(runs.map(async (run) => (await alice.get(`/api/v1/runs/${run.id}`)).body.triggerOutputs.scheduledTime as string));
    expect(new Set(times).size).toBe(times.length);
  });

  it('does the daily digest in one process only', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Failing', definition: failingFlow() })).body;
    await finishedRun(alice, (await alice.post(`/api/v1/flows/${flow.id}/run`, {})).body.runId);
    await first.server.context.platform.values.set('daily:digest', '2000-01-01');
    await Promise.all([first.server.platform.dailyDuties.tick(), second.server.platform.dailyDuties.tick()]);
    await Promise.all([first.server.context.notifier.idle(), second.server.context.notifier.idle()]);
    const digests = (await alice.get('/api/v1/notifications')).body.items.filter((n: { kind: string }) => n.kind === 'digest');
    expect(digests).toHaveLength(1);
  });

  it('resubmits 500 failed runs in one background job', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Batch', definition: failingFlow() })).body;
    const { runStore, flows } = first.server.context;
    const version = (await flows.getFlow(flow.id))!.currentVersion;
    const runIds: string[] = [];
    for (let i = 0; i < 500; i += 1) {
      runIds.push((await runStore.createRun({ flowId: flow.id, flowVersion: version, triggerName: 'manual', triggerOutputs: { headers: {}, body: { i } }, createdAt: Date.now() })).id);
    }
    await eventually(async () => ((await alice.get(`/api/v1/runs?flowId=${flow.id}&status=Failed&limit=500`)).body.items.length === 500 ? true : undefined), 60_000, '500 failed runs');
    const job = await alice.post('/api/v1/runs/resubmit', { runIds });
    expect(job.status).toBe(202);
    expect(job.body).toMatchObject({ total: 500, status: 'queued' });
    const progress: number[] = [];
    const done = await eventually(async () => {
      const current = (await new ApiClient(second.url).request('GET', `/api/v1/jobs/${job.body.id}`, undefined, { cookie: alice.cookie! })).body;
      progress.push(current.done);
      return current.status === 'succeeded' ? current : undefined;
    }, 60_000, 'the job to finish');
    expect(done).toMatchObject({ total: 500, done: 500, failed: 0 });
    // Progress only moves forward while the job runs.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(done.results.map((r: { runId: string }) => r.runId))).toEqual(new Set(runIds));
    expect(new Set(done.results.map((r: { newRunId: string }) => r.newRunId)).size).toBe(500);
    const replaced = await alice.get(`/api/v1/runs/${runIds[123]}`);
    expect(replaced.body.resubmittedAs).toHaveLength(1);
  });
});
