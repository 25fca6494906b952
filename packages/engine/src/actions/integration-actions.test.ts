// HttpWebhook, Workflow (child flows) and connection actions.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { MemoryRunStore } from '../memory-store.js';
import { InstantClock } from '../clock.js';
import { serve, json, flow, run, type TestServer } from '../testing/harness.js';
import type { ConnectionCallRequest } from '../ports.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('HttpWebhook', () => {
  it('subscribes with the callback URL, waits for the callback and takes it as outputs', async () => {
    const store = new MemoryRunStore();
    const engine = createEngine({ store, callbackUrls: { actionCallbackUrl: (runId, key) => `${runId}|${key}` } });
    server = await serve((req, res) => {
      json(res, 200, { subscribed: true });
      if (req.url === '/subscribe') {
        const { callback } = JSON.parse(req.body) as { callback: string };
        const [runId, key] = callback.split('|') as [string, string];
        setTimeout(() => void engine.deliverCallback(runId, key, { headers: { 'x-from': 'service' }, body: { approved: true } }), 20);
      }
    });
    store.addFlowVersion('f', {
      triggers: { manual: { type: 'Request' } },
      actions: {
        Approval: {
          type: 'HttpWebhook',
          inputs: {
            subscribe: { method: 'POST', uri: `${server.url}/subscribe`, body: { callback: '@{listCallbackUrl()}' } },
            unsubscribe: { method: 'POST', uri: `${server.url}/unsubscribe` },
          },
        },
        Decision: { type: 'Compose', inputs: "@body('Approval')?['approved']", runAfter: { Approval: ['Succeeded'] } },
      },
    });
    const result = await engine.runToCompletion({ flowId: 'f', flowVersion: 1, triggerName: 'manual', triggerOutputs: null });
    expect(result.run.status).toBe('Succeeded');
    const decision = result.actions.find((a) => a.key === 'Decision');
    expect(decision?.outputs).toBe(true);
    expect(result.actions.find((a) => a.key === 'Approval')?.outputs).toEqual({ headers: { 'x-from': 'service' }, body: { approved: true } });
    expect(await engine.deliverCallback(result.run.id, 'Approval', { headers: {}, body: null })).toBe(false);
  });

  it('times out by limit.timeout and unsubscribes', async () => {
    server = await serve((_req, res) => json(res, 200, {}));
    const result = await run(
      flow({
        Hook: {
          type: 'HttpWebhook',
          limit: { timeout: 'PT0.2S' },
          inputs: {
            subscribe: { method: 'POST', uri: `${server.url}/subscribe`, authentication: { type: 'Basic', username: 'hook', password: 'sub-pw-1' } },
            unsubscribe: { method: 'DELETE', uri: `${server.url}/unsubscribe`, authentication: { type: 'Basic', username: 'hook', password: 'unsub-pw-2' } },
          },
        },
      }),
      { callbackUrls: { actionCallbackUrl: () => 'http://127.0.0.1/cb' }, clock: undefined },
    );
    expect(result.status('Hook')).toBe('TimedOut');
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /subscribe', 'DELETE /unsubscribe']);
    expect(server.requests[1]?.headers.authorization).toBe(`Basic ${Buffer.from('hook:unsub-pw-2').toString('base64')}`);
    // The timed-out record still shows what was subscribed, with the secrets masked.
    expect(result.byKey.Hook?.inputs).toMatchObject({ subscribe: { uri: `${server.url}/subscribe`, authentication: { password: '***' } }, unsubscribe: { authentication: { password: '***' } } });
    expect(JSON.stringify(result.actions)).not.toMatch(/sub-pw-1|unsub-pw-2/);
  });
});

describe('Workflow', () => {
  it('calls a child flow, waits for it and takes its Response', async () => {
    const store = new MemoryRunStore();
    store.addFlowVersion('child', {
      triggers: { manual: { type: 'Request' } },
      actions: { Reply: { type: 'Response', inputs: { statusCode: 200, body: { doubled: "@mul(triggerBody()?['n'], 2)" } } } },
    });
    store.addFlowVersion('parent', {
      triggers: { manual: { type: 'Request' } },
      actions: {
        Call: { type: 'Workflow', inputs: { host: { workflow: { id: 'child' }, triggerName: 'manual' }, body: { n: 21 } } },
        Missing: { type: 'Workflow', inputs: { host: { workflow: { id: 'nobody' } } } },
      },
    });
    const engine = createEngine({
      store,
      clock: new InstantClock(),
      childFlows: {
        resolve: async (reference) => {
          const version = await store.getCurrentFlowVersion(reference.workflowId);
          return version ? { flowId: version.flowId, version: version.version, definition: version.definition, triggerName: reference.triggerName ?? 'manual' } : null;
        },
      },
    });
    const result = await engine.runToCompletion({ flowId: 'parent', flowVersion: 1, triggerName: 'manual', triggerOutputs: null });
    const call = result.actions.find((a) => a.key === 'Call')!;
    expect(call.status).toBe('Succeeded');
    expect(call.outputs).toMatchObject({ statusCode: 200, body: { doubled: 42 } });
    const childRun = await store.getRun((call.outputs as { runId: string }).runId);
    expect(childRun).toMatchObject({ status: 'Succeeded', parentRunId: result.run.id, parentActionKey: 'Call', flowId: 'child' });
    expect(result.actions.find((a) => a.key === 'Missing')?.error).toMatchObject({ code: 'WorkflowNotFound', category: 'not_found' });
  });
});

describe('connection actions', () => {
  const definition = flow({
    Get: { type: 'ApiConnection', inputs: { host: { connection: { name: "@parameters('$connections')['orders']['connectionId']" } }, method: 'get', path: '/orders/@{triggerBody()?[\'id\']}' } },
    Create: { type: 'OpenApiConnection', inputs: { host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_orders', connectionName: 'shared_orders', operationId: 'CreateOrder' }, parameters: { 'item/title': 'x' }, authentication: "@parameters('$authentication')" } },
  }, { parameters: { $connections: { type: 'Object', defaultValue: { orders: { connectionId: 'orders-ref' } } }, $authentication: { type: 'SecureObject', defaultValue: {} } } });

  it('call through the connection invoker and record the connection used', async () => {
    const seen: ConnectionCallRequest[] = [];
    const result = await run(definition, {
      triggerOutputs: { headers: {}, body: { id: 9 } },
      connections: {
        invoke: async (request) => {
          seen.push(request);
          if (request.operationId === 'CreateOrder') {
            return { ok: false, connectionId: 'con_2', status: 401, body: { message: 'Unauthorized' }, error: { code: 'Unauthorized', category: 'authentication', message: 'The connection is not authenticated.', status: 401, remedy: { summary: 'Verify password', steps: [] } } };
          }
          return { ok: true, connectionId: 'con_1', status: 200, headers: {}, body: { id: 9 } };
        },
      },
    });
    expect(seen.find((r) => r.actionName === 'Get')).toMatchObject({ connectionReference: 'orders-ref', method: 'get', path: '/orders/9', flowVersion: 1 });
    expect(seen.find((r) => r.actionName === 'Create')).toMatchObject({ connectionReference: 'shared_orders', operationId: 'CreateOrder', parameters: { 'item/title': 'x' } });
    expect(result.byKey.Get).toMatchObject({ status: 'Succeeded', connectionId: 'con_1', outputs: { statusCode: 200, body: { id: 9 } } });
    expect(result.byKey.Create).toMatchObject({ status: 'Failed', connectionId: 'con_2', error: { category: 'authentication', connectionId: 'con_2' } });
    expect(result.run.connectionIds).toEqual(['con_2']);
    expect(result.run.error).toMatchObject({ connectionId: 'con_2' });
  });

  it('name the version that runs, so its mapping resolves the reference: a resubmit from an action keeps the original version', async () => {
    const store = new MemoryRunStore();
    const seen: ConnectionCallRequest[] = [];
    // Resolves references the way the server does: through the mapping of the run's version.
    const invoke = async (request: ConnectionCallRequest) => {
      seen.push(request);
      const connectionId = (await store.getFlowVersion(request.flowId, request.flowVersion))?.connections[request.connectionReference];
      if (connectionId === 'con_good') return { ok: true as const, connectionId, status: 200, headers: {}, body: { id: 9 } };
      return { ok: false as const, ...(connectionId ? { connectionId } : {}), error: { code: 'Unauthorized', category: 'authentication' as const, message: 'rejected', remedy: { summary: 'Verify password', steps: [] } } };
    };
    const engine = createEngine({ store, clock: new InstantClock(), connections: { invoke } });
    store.addFlowVersion('orders', definition, 1, { 'orders-ref': 'con_old' });
    const first = await engine.runToCompletion({ flowId: 'orders', flowVersion: 1, triggerName: 'manual', triggerOutputs: { headers: {}, body: { id: 9 } } });
    expect(first.run.status).toBe('Failed');
    store.addFlowVersion('orders', definition, 2, { 'orders-ref': 'con_good', shared_orders: 'con_good' });

    const finished = async (runId: string) => {
      for (let i = 0; i < 500 && !['Succeeded', 'Failed'].includes((await store.getRun(runId))?.status ?? ''); i += 1) await new Promise((r) => setTimeout(r, 10));
      return (await store.loadRun(runId))!;
    };
    const worker = engine.startWorker({ pollMs: 10 });
    const fromAction = await engine.resubmit(first.run.id, { fromAction: 'Get' });
    const retried = await finished(fromAction.id);
    const whole = await engine.resubmit(first.run.id);
    const rerun = await finished(whole.id);
    await worker.stop();
    expect(retried.actions.find((a) => a.key === 'Get')).toMatchObject({ status: 'Failed', connectionId: 'con_old' });
    expect(rerun.actions.find((a) => a.key === 'Get')).toMatchObject({ status: 'Succeeded', connectionId: 'con_good' });
    expect(seen.filter((r) => r.actionName === 'Get').map((r) => [r.runId, r.flowVersion])).toEqual([
      [first.run.id, 1],
      [fromAction.id, 1],
      [whole.id, 2],
    ]);
  });

  it('fail clearly where no connections exist (brook run)', async () => {
    const result = await run(definition, { triggerOutputs: { headers: {}, body: { id: 9 } } });
    expect(result.byKey.Get?.error).toMatchObject({ code: 'ConnectionNotAvailable', category: 'definition' });
    expect(result.byKey.Get?.error?.message).toContain("'orders-ref'");
  });
});
