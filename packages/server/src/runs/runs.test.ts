import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, eventually, finishedRun, startTestServer, type ApiClient, type TestServer } from '../testing/harness.js';
import { echoFlow, failingFlow, slowFlow } from '../testing/definitions.js';

describe('runs API', () => {
  let server: TestServer;
  let alice: ApiClient;
  let failingId: string;
  let echoId: string;
  const failedRuns: string[] = [];

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    ({ alice } = await createPeople(server.url));
    failingId = (await alice.post('/api/v1/flows', { name: 'Failing', definition: failingFlow() })).body.id;
    echoId = (await alice.post('/api/v1/flows', { name: 'Echo', definition: echoFlow() })).body.id;
    for (let i = 0; i < 3; i += 1) failedRuns.push((await alice.post(`/api/v1/flows/${failingId}/run`, { body: { i } })).body.runId);
    for (let i = 0; i < 2; i += 1) await alice.post(`/api/v1/flows/${echoId}/run`, { body: { i } });
    for (const runId of failedRuns) await finishedRun(alice, runId);
  });
  afterAll(async () => server.close());

  it('lists runs newest first with filters and a cursor', async () => {
    await eventually(async () => ((await alice.get('/api/v1/runs?status=Succeeded')).body.items.length === 2 ? true : undefined));
    const failed = await alice.get(`/api/v1/runs?status=Failed`);
    expect(failed.body.items.map((run: { id: string }) => run.id)).toEqual([...failedRuns].reverse());
    expect(failed.body.items[0]).toMatchObject({ flowName: 'Failing', error: { code: 'OrderRejected', message: 'The order system said no' } });
    const byFlow = await alice.get(`/api/v1/runs?flowId=${echoId}`);
    expect(byFlow.body.items).toHaveLength(2);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await alice.get(`/api/v1/runs?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((run) => run.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);

    const at = (offsetMs: number) => encodeURIComponent(new Date(Date.now() + offsetMs).toISOString());
    const future = await alice.get(`/api/v1/runs?from=${at(60_000)}`);
    expect(future.body.items).toEqual([]);
    expect((await alice.get(`/api/v1/runs?to=${at(-3_600_000)}`)).body.items).toEqual([]);
    expect((await alice.get(`/api/v1/runs?from=${at(-3_600_000)}&to=${at(60_000)}`)).body.items).toHaveLength(5);
    const { category } = failed.body.items[0].error;
    const byCategory = await alice.get(`/api/v1/runs?category=${category}`);
    expect(byCategory.body.items.map((run: { id: string }) => run.id)).toEqual([...failedRuns].reverse());
    expect((await alice.get('/api/v1/runs?category=throttled')).body.items).toEqual([]);
    const bad = await alice.get('/api/v1/runs?status=Exploded&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['limit', 'status']);
  });

  it('resubmits a run as a new run linked to the old one', async () => {
    const answer = await alice.post(`/api/v1/runs/${failedRuns[0]}/resubmit`, {});
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ resubmittedFrom: failedRuns[0], resubmitMode: 'run' });
    const replacement = await finishedRun(alice, answer.body.id);
    expect(replacement.triggerOutputs.body).toEqual({ i: 0 });
    expect((await alice.get(`/api/v1/runs/${failedRuns[0]}`)).body.resubmittedAs).toEqual([answer.body.id]);
    const audit = await alice.get('/api/v1/audit?action=run.resubmit');
    expect(audit.body.items[0]).toMatchObject({ target: `run:${failedRuns[0]}`, detail: { newRunId: answer.body.id } });
  });

  it('shows a trigger with secure outputs as secured, and a resubmit still gets its data', async () => {
    const definition = echoFlow();
    definition.triggers = { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} }, runtimeConfiguration: { secureData: { properties: ['outputs'] } } } };
    const flowId = (await alice.post('/api/v1/flows', { name: 'Secret echo', definition })).body.id;
    const runId = (await alice.post(`/api/v1/flows/${flowId}/run`, { body: { pin: '4711' } })).body.runId;
    const run = await finishedRun(alice, runId);
    expect(run.status).toBe('Succeeded');
    expect(run.triggerOutputs).toEqual({ $secure: true });
    // Compose read the secured trigger: both its sides are hidden (data flowing out of a
    // Compose is not hidden further, as in the service, so the Response still echoes it).
    expect(run.actions[0]).toMatchObject({ name: 'Compose', inputs: { $secure: true }, outputs: { $secure: true } });
    const again = await alice.post(`/api/v1/runs/${runId}/resubmit`, {});
    const replacement = await finishedRun(alice, again.body.id);
    expect(replacement.triggerOutputs).toEqual({ $secure: true });
    expect(replacement.response).toMatchObject({ statusCode: 200, body: { pin: '4711' } });
  });

  it('resubmits from an action, reusing the outputs of the actions before it', async () => {
    const answer = await alice.post(`/api/v1/runs/${failedRuns[1]}/resubmit`, { fromAction: 'Stop' });
    expect(answer.status).toBe(201);
    expect(answer.body.resubmitMode).toBe('action');
    const run = await finishedRun(alice, answer.body.id);
    const prepare = run.actions.find((action: { name: string }) => action.name === 'Prepare');
    expect(prepare).toMatchObject({ status: 'Succeeded', resubmitted: true, outputs: 'ready' });
    expect(run.actions.find((action: { name: string }) => action.name === 'Stop').resubmitted).toBe(false);

    const refused = await alice.post(`/api/v1/runs/${failedRuns[1]}/resubmit`, { fromAction: 'NoSuchAction' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ResubmitFromActionNotAllowed');
  });

  it('cancels a running run', async () => {
    const slow = (await alice.post('/api/v1/flows', { name: 'Slow', definition: slowFlow('PT5S') })).body;
    const { runId } = (await alice.post(`/api/v1/flows/${slow.id}/run`, {})).body;
    await eventually(async () => ((await alice.get(`/api/v1/runs/${runId}`)).body.status === 'Running' ? true : undefined));
    const cancelled = await alice.post(`/api/v1/runs/${runId}/cancel`);
    expect(cancelled.status).toBe(200);
    const run = await finishedRun(alice, runId);
    expect(run.status).toBe('Cancelled');
  });

  it('streams a run live over Server-Sent Events', async () => {
    const slow = (await alice.post('/api/v1/flows', { name: 'Streamed', definition: slowFlow('PT1S') })).body;
    const { runId } = (await alice.post(`/api/v1/flows/${slow.id}/run`, {})).body;
    const response = await fetch(`${server.url}/api/v1/runs/${runId}/events`, { headers: { cookie: alice.cookie! } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events[0]).toBe('run');
    expect(events).toContain('action');
    expect(events.at(-1)).toBe('end');
    expect(text).toContain('"status":"Succeeded"');
  });

  it('resubmits many runs as a background job with progress', async () => {
    const answer = await alice.post('/api/v1/runs/resubmit', { runIds: failedRuns });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ kind: 'bulk-resubmit', total: 3 });
    const job = await eventually(async () => {
      const current = await alice.get(`/api/v1/jobs/${answer.body.id}`);
      return current.body.status === 'succeeded' ? current.body : undefined;
    });
    expect(job).toMatchObject({ done: 3, failed: 0 });
    expect(job.results.map((result: { runId: string }) => result.runId).sort()).toEqual([...failedRuns].sort());
    expect(job.results.every((result: { newRunId: string | null }) => result.newRunId)).toBe(true);
    // One run that is not there (or not yours) refuses the whole request.
    const mixed = await alice.post('/api/v1/runs/resubmit', { runIds: [failedRuns[0], 'run_unknown'] });
    expect(mixed.status).toBe(404);
    expect(mixed.body.error.message).toContain('run_unknown');
    expect((await alice.post('/api/v1/runs/resubmit', { runIds: [] })).body.error.details[0]).toMatchObject({ path: '/runIds', message: 'must name at least one run' });
  });

  it('does not resubmit twice when a job is taken over after its process stopped mid-batch', async () => {
    const { platform, jobs } = server.server;
    const target = failedRuns[2]!;
    const before = (await alice.get(`/api/v1/runs/${target}`)).body.resubmittedAs.length as number;
    // A job another process had begun: it resubmitted the run, then stopped before recording it.
    await jobs.stop();
    const job = await platform.context.platform.jobs.create({ kind: 'bulk-resubmit', ownerId: (await alice.get('/api/v1/auth/state')).body.user.id, params: {}, runIds: [target] }, Date.now());
    const done = (await alice.post(`/api/v1/runs/${target}/resubmit`, {})).body.id as string;
    jobs.start();
    const finished = await eventually(async () => {
      const current = (await alice.get(`/api/v1/jobs/${job.id}`)).body;
      return current.status === 'succeeded' ? current : undefined;
    });
    expect(finished.results).toEqual([{ runId: target, newRunId: done, error: null }]);
    expect((await alice.get(`/api/v1/runs/${target}`)).body.resubmittedAs).toHaveLength(before + 1);
  });
});
