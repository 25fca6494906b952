import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, finishedRun, startTestServer, type ApiClient, type TestServer } from '../testing/harness.js';
import { echoFlow, failingFlow } from '../testing/definitions.js';

describe('flows API', () => {
  let server: TestServer;
  let alice: ApiClient;
  let bob: ApiClient;
  let ids: { admin: string; alice: string; bob: string };
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    ({ alice, bob, ids } = await createPeople(server.url));
  });
  afterAll(async () => server.close());

  it('creates a flow, gives its Request trigger a signed callback URL, and answers calls synchronously', async () => {
    const created = await alice.post('/api/v1/flows', { name: 'Echo', definition: echoFlow() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Echo', enabled: true, version: 1, owner: { id: ids.alice, name: 'Alice Maker' }, triggerType: 'Request' });
    const [trigger] = created.body.triggers;
    expect(trigger).toMatchObject({ name: 'manual', type: 'Request' });
    expect(trigger.callbackUrl).toMatch(new RegExp(`^${server.url}/api/v1/hooks/${created.body.id}/manual\\?sv=1&sig=[\\w-]{43}$`));

    const call = await fetch(trigger.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hello: 'world' }) });
    expect(call.status).toBe(200);
    expect(call.headers.get('x-echo')).toBe('yes');
    expect(await call.json()).toEqual({ hello: 'world' });
    const runId = call.headers.get('x-brook-run-id')!;

    const run = await finishedRun(alice, runId);
    expect(run).toMatchObject({ status: 'Succeeded', flowId: created.body.id, flowName: 'Echo', triggerName: 'manual', response: { statusCode: 200, body: { hello: 'world' } } });
    expect(run.actions.map((action: { name: string; status: string }) => [action.name, action.status])).toEqual([
      ['Compose', 'Succeeded'],
      ['Response', 'Succeeded'],
    ]);
    expect(run.triggerOutputs.body).toEqual({ hello: 'world' });
    expect(run.actions[0]).toMatchObject({ canResubmitFrom: true, resubmitFromBlockedReason: null });

    const list = await alice.get('/api/v1/flows');
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, lastRun: { id: runId, status: 'Succeeded' }, runsLast7Days: 1, failuresLast7Days: 0 });
  });

  it('refuses an invalid definition, naming each problem by JSON path', async () => {
    const definition = echoFlow();
    (definition.actions!.Response!.runAfter as Record<string, string[]>) = { Missing: ['Succeeded'] };
    const answer = await alice.post('/api/v1/flows', { name: 'Broken', definition });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('InvalidDefinition');
    expect(answer.body.error.details).toContainEqual(expect.objectContaining({ path: '/definition/actions/Response/runAfter/Missing', code: 'RunAfterMissingAction' }));
    const missingName = await alice.post('/api/v1/flows', { definition: echoFlow() });
    expect(missingName.status).toBe(400);
    expect(missingName.body.error.details).toContainEqual({ path: '/name', message: 'is required (string)', code: 'invalid_type' });
    expect(missingName.body.error.message).toBe('The request body is not valid: /name: is required (string)');
  });

  it('validates without saving', async () => {
    const answer = await alice.post('/api/v1/flows/validate', { definition: { triggers: {}, actions: { A: { type: 'Nope' } } } });
    expect(answer.status).toBe(200);
    expect(answer.body.problems.map((p: { code: string }) => p.code)).toEqual(expect.arrayContaining(['UnknownActionType']));
  });

  it('keeps versions, turns flows off and on, exports and deletes them', async () => {
    const created = await alice.post('/api/v1/flows', { name: 'Versioned', definition: echoFlow() });
    const id = created.body.id as string;
    const changed = echoFlow();
    (changed.actions!.Compose as { inputs: unknown }).inputs = 'constant';
    const updated = await alice.put(`/api/v1/flows/${id}`, { name: 'Versioned 2', definition: changed });
    expect(updated.body).toMatchObject({ name: 'Versioned 2', version: 2 });
    const sameAgain = await alice.put(`/api/v1/flows/${id}`, { definition: changed });
    expect(sameAgain.body.version).toBe(2);
    const versions = await alice.get(`/api/v1/flows/${id}/versions`);
    expect(versions.body.items.map((v: { version: number; createdBy: { id: string } }) => [v.version, v.createdBy.id])).toEqual([
      [2, ids.alice],
      [1, ids.alice],
    ]);

    const off = await alice.post(`/api/v1/flows/${id}/disable`);
    expect(off.body.enabled).toBe(false);
    const refused = await fetch(off.body.triggers[0].callbackUrl, { method: 'POST' });
    expect(refused.status).toBe(409);
    expect((await alice.post(`/api/v1/flows/${id}/enable`)).body.enabled).toBe(true);

    const exported = await alice.get(`/api/v1/flows/${id}/export`);
    expect(exported.headers.get('content-disposition')).toContain('Versioned-2.json');
    expect(exported.body.definition.actions.Compose.inputs).toBe('constant');

    expect((await alice.delete(`/api/v1/flows/${id}`)).status).toBe(204);
    expect((await alice.get(`/api/v1/flows/${id}`)).status).toBe(404);
  });

  it('runs a flow by hand and counts outcomes per day', async () => {
    const created = await alice.post('/api/v1/flows', { name: 'Failing', definition: failingFlow() });
    const started = await alice.post(`/api/v1/flows/${created.body.id}/run`, { body: { n: 1 } });
    expect(started.status).toBe(202);
    const run = await finishedRun(alice, started.body.runId);
    expect(run.status).toBe('Failed');
    expect(run.error).toMatchObject({ code: 'OrderRejected', message: 'The order system said no' });
    const stats = await alice.get(`/api/v1/flows/${created.body.id}/stats?days=7`);
    expect(stats.body.days).toHaveLength(7);
    expect(stats.body.days.at(-1)).toMatchObject({ failed: 1, succeeded: 0 });
  });

  it('imports a definition file and reports its warnings', async () => {
    const answer = await alice.post('/api/v1/flows/import', { fileName: 'echo.json', content: JSON.stringify(echoFlow()) });
    expect(answer.status).toBe(201);
    expect(answer.body.flow).toMatchObject({ name: 'echo', version: 1 });
    expect(Array.isArray(answer.body.warnings)).toBe(true);
    const broken = await alice.post('/api/v1/flows/import', { fileName: 'broken.json', content: '{"triggers": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('InvalidDefinition');
    expect(broken.body.error.details[0].path).toMatch(/^broken\.json/);
  });

  it('shares a flow with a co-owner, who then sees and changes it', async () => {
    const created = await alice.post('/api/v1/flows', { name: 'Shared', definition: echoFlow() });
    const id = created.body.id as string;
    expect((await bob.get(`/api/v1/flows/${id}`)).status).toBe(404);
    const shared = await alice.post(`/api/v1/flows/${id}/owners`, { userId: ids.bob });
    expect(shared.body.coOwners).toEqual([{ id: ids.bob, name: 'Bob Maker' }]);
    expect((await bob.get(`/api/v1/flows/${id}`)).status).toBe(200);
    expect((await bob.put(`/api/v1/flows/${id}`, { description: 'by Bob' })).body.description).toBe('by Bob');
    expect((await alice.delete(`/api/v1/flows/${id}/owners/${ids.alice}`)).status).toBe(409);
    expect((await alice.delete(`/api/v1/flows/${id}/owners/${ids.bob}`)).body.coOwners).toEqual([]);
    expect((await bob.get(`/api/v1/flows/${id}`)).status).toBe(404);
    const audit = await alice.get('/api/v1/audit?action=flow.share');
    expect(audit.body.items[0]).toMatchObject({ action: 'flow.share', target: `flow:${id}`, actor: { id: ids.alice } });
  });
});
