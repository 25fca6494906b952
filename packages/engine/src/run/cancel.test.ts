import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { MemoryRunStore } from '../memory-store.js';
import { serve, type TestServer } from '../testing/harness.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('cancel', () => {
  it('cancels a run that has not started at once', async () => {
    const store = new MemoryRunStore();
    store.addFlowVersion('f', { triggers: {}, actions: { A: { type: 'Compose', inputs: 1 } } });
    const engine = createEngine({ store });
    const run = await engine.startRun({ flowId: 'f', flowVersion: 1, triggerName: 'manual', triggerOutputs: null });
    expect(await engine.cancel(run.id)).toMatchObject({ status: 'Cancelled', cancelRequested: true });
    expect(await engine.cancel('run_nope')).toBeNull();
  });

  it('ends the in-flight actions of a running run as Cancelled', async () => {
    let arrived!: () => void;
    const started = new Promise<void>((resolve) => (arrived = resolve));
    server = await serve(() => arrived()); // never answers
    const store = new MemoryRunStore();
    store.addFlowVersion('f', {
      triggers: { manual: { type: 'Request' } },
      actions: {
        Slow: { type: 'Http', inputs: { method: 'GET', uri: `${server.url}/slow` } },
        Sleep: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Hour' } } },
        After: { type: 'Compose', inputs: 1, runAfter: { Slow: ['Succeeded'] } },
      },
    });
    let runId = '';
    const engine = createEngine({ store, events: { emit: (event) => void (event.type === 'run' && (runId = event.run.id)) } });
    const running = engine.runToCompletion({ flowId: 'f', flowVersion: 1, triggerName: 'manual', triggerOutputs: null });
    await started;
    await engine.cancel(runId);
    const result = await running;
    expect(result.run.status).toBe('Cancelled');
    expect(result.run.error?.category).toBe('cancelled');
    const byKey = Object.fromEntries(result.actions.map((a) => [a.key, a]));
    expect(byKey.Slow).toMatchObject({ status: 'Cancelled', error: { category: 'cancelled' } });
    expect(byKey.Sleep?.status).toBe('Cancelled');
    expect(byKey.After).toBeUndefined();
  });

  it('times the run out after the run timeout: in-flight actions end Cancelled, the run TimedOut', async () => {
    server = await serve(() => undefined); // never answers
    const store = new MemoryRunStore();
    store.addFlowVersion('f', { triggers: { manual: { type: 'Request' } }, actions: { Slow: { type: 'Http', inputs: { method: 'GET', uri: `${server.url}/slow` } } } });
    const engine = createEngine({ store, runTimeoutMs: 300 });
    const result = await engine.runToCompletion({ flowId: 'f', flowVersion: 1, triggerName: 'manual', triggerOutputs: null });
    expect(result.run).toMatchObject({ status: 'TimedOut', error: { code: 'RunTimedOut', category: 'timeout' } });
    expect(result.actions.find((a) => a.key === 'Slow')).toMatchObject({ status: 'Cancelled' });
  });
});
