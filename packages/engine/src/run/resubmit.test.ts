import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { MemoryRunStore } from '../memory-store.js';
import { InstantClock } from '../clock.js';
import { ResubmitError } from './resubmit.js';
import { canResubmitFrom } from '../definition/inspect.js';
import { serve, json, type TestServer } from '../testing/harness.js';
import { afterEach } from 'vitest';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(failFirst: boolean) {
  let calls = 0;
  server = await serve((_req, res) => {
    calls += 1;
    if (failFirst && calls === 1) return json(res, 401, { error: { message: 'token expired' } });
    json(res, 200, { call: calls });
  });
  const store = new MemoryRunStore();
  const definition = {
    triggers: { manual: { type: 'Request', kind: 'Http' } },
    actions: {
      Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'n', type: 'Integer', value: 5 }] } },
      Prepare: { type: 'Compose', inputs: "@concat('order-', triggerBody()?['id'])", runAfter: { Init: ['Succeeded'] } },
      Bump: { type: 'IncrementVariable', inputs: { name: 'n', value: 2 }, runAfter: { Prepare: ['Succeeded'] } },
      Send: { type: 'Http', inputs: { method: 'POST', uri: `${server.url}/send`, body: "@outputs('Prepare')", retryPolicy: { type: 'none' } }, runAfter: { Bump: ['Succeeded'] } },
      After: { type: 'Compose', inputs: "@variables('n')", runAfter: { Send: ['Succeeded'] } },
      Loop: { type: 'Foreach', foreach: '@createArray(1)', actions: { InLoop: { type: 'Compose', inputs: 1 } }, runAfter: { After: ['Succeeded'] } },
      Branch: { type: 'If', expression: '@true', actions: { InBranch: { type: 'Compose', inputs: 1 } }, runAfter: { After: ['Succeeded'] } },
    },
  };
  store.addFlowVersion('flow_1', definition);
  const engine = createEngine({ store, clock: new InstantClock() });
  const first = await engine.runToCompletion({ flowId: 'flow_1', flowVersion: 1, triggerName: 'manual', triggerOutputs: { headers: {}, body: { id: 7 } } });
  return { store, engine, first, definition, calls: () => calls };
}

describe('resubmit', () => {
  it('resubmits a whole run on the current version with the same trigger outputs', async () => {
    const { store, engine, first, definition } = await setup(true);
    expect(first.run.status).toBe('Failed');
    expect(first.run.error).toMatchObject({ category: 'authentication', status: 401 });
    store.addFlowVersion('flow_1', { ...definition, description: 'fixed' });
    const created = await engine.resubmit(first.run.id);
    expect(created).toMatchObject({ flowVersion: 2, resubmittedFrom: first.run.id, resubmitMode: 'run', status: 'Waiting', triggerOutputs: first.run.triggerOutputs });
  });

  it('resubmits from an action: earlier successful records are copied, the rest runs again on the original version', async () => {
    const { store, engine, first, definition, calls } = await setup(true);
    store.addFlowVersion('flow_1', { ...definition, description: 'v2' });
    const created = await engine.resubmit(first.run.id, { fromAction: 'Send' });
    expect(created).toMatchObject({ flowVersion: 1, resubmitMode: 'action', resubmitFromAction: 'Send', resubmittedFrom: first.run.id });
    const copied = (await store.loadRun(created.id))!.actions;
    expect(copied.map((a) => a.key).sort()).toEqual(['Bump', 'Init', 'Prepare']);
    expect(copied.every((a) => a.resubmitted)).toBe(true);
    const worker = engine.startWorker({ pollMs: 20 });
    for (let i = 0; i < 200 && (await store.getRun(created.id))?.status !== 'Succeeded'; i += 1) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    const done = (await store.loadRun(created.id))!;
    expect(done.run.status).toBe('Succeeded');
    const byKey = Object.fromEntries(done.actions.map((a) => [a.key, a]));
    expect(byKey.Prepare?.resubmitted).toBe(true);
    expect(byKey.Send?.resubmitted).toBe(false);
    // Variables were rebuilt from the copied actions: 5 + 2, not incremented twice.
    expect(byKey.After?.outputs).toBe(7);
    expect(calls()).toBe(2);
  });

  it('resubmits from an action inside a Scope: the actions before it in the Scope are copied, not run again', async () => {
    const store = new MemoryRunStore();
    store.addFlowVersion('scoped', {
      triggers: { manual: { type: 'Request' } },
      actions: {
        Before: { type: 'Compose', inputs: 'before' },
        Work: {
          type: 'Scope',
          runAfter: { Before: ['Succeeded'] },
          actions: {
            Stamp: { type: 'Compose', inputs: '@guid()' },
            Divide: { type: 'Compose', inputs: "@div(10, triggerBody()?['by'])", runAfter: { Stamp: ['Succeeded'] } },
          },
        },
        After: { type: 'Compose', inputs: "@outputs('Stamp')", runAfter: { Work: ['Succeeded'] } },
      },
    });
    const engine = createEngine({ store, clock: new InstantClock() });
    const first = await engine.runToCompletion({ flowId: 'scoped', flowVersion: 1, triggerName: 'manual', triggerOutputs: { headers: {}, body: { by: 0 } } });
    expect(first.run.status).toBe('Failed');
    const stamp = first.actions.find((a) => a.key === 'Stamp')!.outputs;
    const created = await engine.resubmit(first.run.id, { fromAction: 'Divide' });
    expect((await store.loadRun(created.id))!.actions.map((a) => a.key).sort()).toEqual(['Before', 'Stamp']);
    const worker = engine.startWorker({ pollMs: 20 });
    for (let i = 0; i < 200 && (await store.getRun(created.id))?.status === 'Waiting'; i += 1) await new Promise((r) => setTimeout(r, 10));
    for (let i = 0; i < 200 && (await store.getRun(created.id))?.status === 'Running'; i += 1) await new Promise((r) => setTimeout(r, 10));
    await worker.stop();
    const done = Object.fromEntries((await store.loadRun(created.id))!.actions.map((a) => [a.key, a]));
    // Divide fails again (same trigger body), but Stamp kept its first value: it was not run again.
    expect(done.Stamp).toMatchObject({ resubmitted: true, outputs: stamp });
    expect(done.Divide).toMatchObject({ status: 'Failed', resubmitted: false });
    expect(done.Work?.status).toBe('Failed');
  });

  it('refuses actions inside loops and branches with a clear reason', async () => {
    const { engine, first, definition } = await setup(false);
    await expect(engine.resubmit(first.run.id, { fromAction: 'InLoop' })).rejects.toThrow(/inside the loop 'Loop'/);
    await expect(engine.resubmit(first.run.id, { fromAction: 'InBranch' })).rejects.toThrow(/inside a branch of 'Branch'/);
    await expect(engine.resubmit(first.run.id, { fromAction: 'Missing' })).rejects.toMatchObject({ code: 'ActionNotFound' });
    await expect(engine.resubmit('run_missing')).rejects.toBeInstanceOf(ResubmitError);
    expect(canResubmitFrom(definition, 'Branch')).toBeNull();
    expect(canResubmitFrom(definition, 'InLoop')).toContain('loop');
    const error = await engine.resubmit(first.run.id, { fromAction: 'InLoop' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ResubmitFromActionNotAllowed' });
  });
});
