// Long waits do not hold a worker: a run whose every in-flight action sleeps past the
// threshold is suspended (lease released, timer written) and resumes when it comes due.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { MemoryRunStore } from '../memory-store.js';
import { InstantClock } from '../clock.js';
import { serve, json, type TestServer } from '../testing/harness.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached');
}

describe('suspended runs', () => {
  it('sleep through a long Wait without a lease and finish after the timer fires', async () => {
    const store = new MemoryRunStore();
    store.addFlowVersion('f', {
      triggers: { manual: { type: 'Request' } },
      actions: {
        Before: { type: 'Compose', inputs: 'before' },
        Nap: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Hour' } }, runAfter: { Before: ['Succeeded'] } },
        After: { type: 'Compose', inputs: "@outputs('Before')", runAfter: { Nap: ['Succeeded'] } },
      },
    });
    const clock = new InstantClock();
    const engine = createEngine({ store, clock, suspendThresholdMs: 60_000 });
    const run = await engine.startRun({ flowId: 'f', flowVersion: 1, triggerName: 'manual', triggerOutputs: null });
    const worker = engine.startWorker({ pollMs: 10 });
    try {
      await until(async () => (await store.getRun(run.id))?.suspended === true);
      const asleep = (await store.loadRun(run.id))!;
      expect(asleep.run).toMatchObject({ status: 'Running', leaseOwner: null, wakeAt: clock.now() + 3_600_000 });
      expect(asleep.actions.find((a) => a.key === 'Nap')).toMatchObject({ status: 'Running', state: { until: clock.now() + 3_600_000 } });
      expect(worker.activeRuns).toBe(0);
      clock.advance(3_600_000);
      await until(async () => (await store.getRun(run.id))?.status === 'Succeeded');
      const done = (await store.loadRun(run.id))!;
      expect(done.actions.map((a) => `${a.key}:${a.status}`)).toEqual(['Before:Succeeded', 'Nap:Succeeded', 'After:Succeeded']);
      expect(done.actions.find((a) => a.key === 'After')?.outputs).toBe('before');
    } finally {
      await worker.stop();
    }
  });

  it('keep the attempts of an HTTP action whose retry is due much later', async () => {
    server = await serve((_req, res, index) => (index === 0 ? json(res, 503, {}, { 'retry-after': '7200' }) : json(res, 200, { ok: true })));
    const store = new MemoryRunStore();
    store.addFlowVersion('f', { triggers: { manual: { type: 'Request' } }, actions: { Call: { type: 'Http', inputs: { method: 'GET', uri: `${server.url}/x` } } } });
    const clock = new InstantClock();
    const engine = createEngine({ store, clock, suspendThresholdMs: 60_000 });
    const run = await engine.startRun({ flowId: 'f', flowVersion: 1, triggerName: 'manual', triggerOutputs: null });
    const worker = engine.startWorker({ pollMs: 10 });
    try {
      await until(async () => (await store.getRun(run.id))?.suspended === true);
      clock.advance(7_200_000);
      await until(async () => (await store.getRun(run.id))?.status === 'Succeeded');
      const call = (await store.getAction(run.id, 'Call'))!;
      expect(call.attempts.map((a) => a.code)).toEqual(['ServiceUnavailable', 'OK']);
      expect(server.requests).toHaveLength(2);
    } finally {
      await worker.stop();
    }
  });

  it('are left suspended by a stopping worker, and another worker resumes them', async () => {
    const store = new MemoryRunStore();
    store.addFlowVersion('f', { triggers: { manual: { type: 'Request' } }, actions: { Nap: { type: 'Wait', inputs: { interval: { count: 10, unit: 'Second' } } }, After: { type: 'Compose', inputs: 1, runAfter: { Nap: ['Succeeded'] } } } });
    const clock = new InstantClock();
    // A high threshold: the run keeps its worker while it waits, until the worker stops.
    const first = createEngine({ store, clock: { now: () => clock.now(), sleep: (_ms, signal) => new Promise((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true })) }, suspendThresholdMs: 3_600_000 });
    const run = await first.startRun({ flowId: 'f', flowVersion: 1, triggerName: 'manual', triggerOutputs: null });
    const worker = first.startWorker({ pollMs: 10 });
    await until(async () => (await store.getAction(run.id, 'Nap'))?.status === 'Running');
    await worker.stop();
    expect(await store.getRun(run.id)).toMatchObject({ status: 'Running', suspended: true, wakeAt: clock.now() + 10_000, leaseOwner: null });
    const second = createEngine({ store, clock, suspendThresholdMs: 3_600_000 });
    const next = second.startWorker({ pollMs: 10 });
    clock.advance(10_000);
    await until(async () => (await store.getRun(run.id))?.status === 'Succeeded');
    await next.stop();
  });

  it('end Cancelled when cancelled while asleep, the sleeping action included', async () => {
    const store = new MemoryRunStore();
    store.addFlowVersion('f', { triggers: { manual: { type: 'Request' } }, actions: { Nap: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Day' } } }, After: { type: 'Compose', inputs: 1, runAfter: { Nap: ['Succeeded'] } } } });
    const clock = new InstantClock();
    const engine = createEngine({ store, clock, suspendThresholdMs: 60_000 });
    const run = await engine.startRun({ flowId: 'f', flowVersion: 1, triggerName: 'manual', triggerOutputs: null });
    const worker = engine.startWorker({ pollMs: 10 });
    try {
      await until(async () => (await store.getRun(run.id))?.suspended === true);
      await engine.cancel(run.id);
      await until(async () => (await store.getRun(run.id))?.status === 'Cancelled');
      const done = (await store.loadRun(run.id))!;
      expect(done.actions.map((a) => `${a.key}:${a.status}`)).toEqual(['Nap:Cancelled']);
      expect(done.run.error?.category).toBe('cancelled');
    } finally {
      await worker.stop();
    }
  });

  it('a stopping worker lets in-flight actions finish and checkpoint, then releases the run', async () => {
    let answer!: () => void;
    const arrived = new Promise<void>((resolve) => {
      answer = resolve;
    });
    let respond: (() => void) | undefined;
    server = await serve((_req, res) => {
      respond = () => json(res, 200, { done: true });
      answer();
    });
    const store = new MemoryRunStore();
    store.addFlowVersion('f', { triggers: { manual: { type: 'Request' } }, actions: { Call: { type: 'Http', inputs: { method: 'GET', uri: `${server.url}/slow` } }, After: { type: 'Compose', inputs: 1, runAfter: { Call: ['Succeeded'] } } } });
    const engine = createEngine({ store });
    const run = await engine.startRun({ flowId: 'f', flowVersion: 1, triggerName: 'manual', triggerOutputs: null });
    const worker = engine.startWorker({ pollMs: 10 });
    await arrived;
    const stopping = worker.stop();
    respond!();
    await stopping;
    const left = (await store.loadRun(run.id))!;
    expect(left.actions.map((a) => `${a.key}:${a.status}`)).toEqual(['Call:Succeeded']);
    expect(left.run).toMatchObject({ status: 'Running', leaseOwner: null, suspended: false });
    const next = createEngine({ store }).startWorker({ pollMs: 10 });
    await until(async () => (await store.getRun(run.id))?.status === 'Succeeded');
    await next.stop();
    expect(server.requests).toHaveLength(1);
  });

  it('wait for a webhook callback while suspended and resume when it arrives', async () => {
    server = await serve((_req, res) => json(res, 200, { subscribed: true }));
    const store = new MemoryRunStore();
    store.addFlowVersion('f', {
      triggers: { manual: { type: 'Request' } },
      actions: {
        Hook: { type: 'HttpWebhook', inputs: { subscribe: { method: 'POST', uri: `${server.url}/subscribe`, body: { url: '@{listCallbackUrl()}' } }, unsubscribe: { method: 'POST', uri: `${server.url}/unsubscribe` } } },
        After: { type: 'Compose', inputs: "@body('Hook')?['answer']", runAfter: { Hook: ['Succeeded'] } },
      },
    });
    const engine = createEngine({ store, suspendThresholdMs: 1000, callbackUrls: { actionCallbackUrl: (runId, key) => `https://brook.example/callbacks/${runId}/${key}` } });
    const run = await engine.startRun({ flowId: 'f', flowVersion: 1, triggerName: 'manual', triggerOutputs: null });
    const worker = engine.startWorker({ pollMs: 10 });
    try {
      await until(async () => (await store.getRun(run.id))?.suspended === true);
      expect((await store.getRun(run.id))?.wakeAt).toBeNull();
      expect(JSON.parse(server.requests[0]!.body)).toEqual({ url: `https://brook.example/callbacks/${run.id}/Hook` });
      expect(await engine.deliverCallback(run.id, 'Hook', { headers: {}, body: { answer: 42 } })).toBe(true);
      await until(async () => (await store.getRun(run.id))?.status === 'Succeeded');
      expect((await store.getAction(run.id, 'After'))?.outputs).toBe(42);
      expect(server.requests.map((r) => r.url)).toEqual(['/subscribe']);
    } finally {
      await worker.stop();
    }
  });
});
