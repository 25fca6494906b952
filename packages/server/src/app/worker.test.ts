// `brook serve` with BROOK_WORKERS=0 beside a worker platform (what `brook worker` runs) on
// one PostgreSQL database: the runs the worker executes stream live to the portal of serve,
// every action of them, through NOTIFY/LISTEN.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, eventually, type ApiClient, type TestServer, startTestServer } from '../testing/harness.js';
import { echoFlow, slowFlow } from '../testing/definitions.js';
import { openPlatform, type Platform } from './platform.js';
import { encodeRunChanges, parseRunChanges, type RunChange } from '../events/run-change-notices.js';

interface SseEvent {
  event: string;
  data: { id?: string; name?: string; status?: string };
}

/** Reads Server-Sent Events until `done` says so (or the stream ends, or 20 s pass). */
async function readEvents(url: string, cookie: string, done: (events: SseEvent[]) => boolean, opened?: () => void): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 20_000);
  const events: SseEvent[] = [];
  try {
    const response = await fetch(url, { headers: { cookie }, signal: controller.signal });
    opened?.();
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    while (!done(events)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) as SseEvent['data'] });
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe('serve and a separate worker on PostgreSQL', () => {
  let serve: TestServer;
  let worker: Platform;
  let alice: ApiClient;

  beforeAll(async () => {
    serve = await startTestServer('postgres', { secretKey: randomBytes(32).toString('base64'), workers: 0 });
    worker = await openPlatform({ ...serve.config, workers: 1 });
    await worker.start();
    ({ alice } = await createPeople(serve.url));
  });
  afterAll(async () => {
    await worker?.close();
    await serve?.close();
  });

  it('streams every action of a run the worker executes, then its end', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Slow', definition: slowFlow('PT1S') })).body;
    const runId = (await alice.post(`/api/v1/flows/${flow.id}/run`, {})).body.runId as string;
    const events = await readEvents(`${serve.url}/api/v1/runs/${runId}/events`, alice.cookie!, (seen) => seen.some((e) => e.event === 'end'));
    const actions = events.filter((e) => e.event === 'action').map((e) => `${e.data.name}:${e.data.status}`);
    expect(actions).toContain('Wait:Succeeded');
    expect(actions).toContain('Response:Succeeded');
    expect(actions.indexOf('Wait:Succeeded')).toBeLessThan(actions.indexOf('Response:Succeeded'));
    expect(events.at(-1)).toEqual({ event: 'end', data: { status: 'Succeeded' } });
    expect(events.filter((e) => e.event === 'run').at(-1)?.data).toMatchObject({ id: runId, status: 'Succeeded' });
  });

  it('streams every run the worker finishes to the all-runs stream, however many at once', async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Many', definition: echoFlow() })).body;
    const version = (await serve.server.context.flows.getFlow(flow.id))!.currentVersion;
    const runIds: string[] = [];
    const finished = (events: SseEvent[]) => {
      const ended = new Set(events.filter((e) => e.event === 'run' && e.data.status === 'Succeeded').map((e) => e.data.id));
      return runIds.length === 150 && runIds.every((id) => ended.has(id));
    };
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const reading = readEvents(`${serve.url}/api/v1/events`, alice.cookie!, finished, opened);
    await open;
    const { runStore } = serve.server.context;
    const created = await Promise.all(Array.from({ length: 150 }, (_, i) => runStore.createRun({ flowId: flow.id, flowVersion: version, triggerName: 'manual', triggerOutputs: { headers: {}, body: { i } }, createdAt: Date.now() })));
    runIds.push(...created.map((run) => run.id));
    const events = await reading;
    expect(finished(events)).toBe(true);
  });

  it('keeps streaming after the database cuts the connection it listens on', async () => {
    const { db } = serve.server.context.database;
    const listeners = async () => (await sql<{ pid: number }>`select pid from pg_stat_activity where query like 'LISTEN "brook_%'`.execute(db)).rows.map((row) => row.pid);
    const [before] = await listeners();
    expect(before).toEqual(expect.any(Number));
    await sql`select pg_terminate_backend(${before})`.execute(db);
    await eventually(async () => ((await listeners()).some((pid) => pid !== before) ? true : undefined), 10_000, 'the listener to reconnect');

    const flow = (await alice.post('/api/v1/flows', { name: 'After the cut', definition: slowFlow('PT1S') })).body;
    const runId = (await alice.post(`/api/v1/flows/${flow.id}/run`, {})).body.runId as string;
    const events = await readEvents(`${serve.url}/api/v1/runs/${runId}/events`, alice.cookie!, (seen) => seen.some((e) => e.event === 'end'));
    expect(events.filter((e) => e.event === 'action').map((e) => `${e.data.name}:${e.data.status}`)).toContain('Response:Succeeded');
    expect(events.at(-1)).toEqual({ event: 'end', data: { status: 'Succeeded' } });
  });

  it('packs changes into notices that fit PostgreSQL, in order', () => {
    const changes: RunChange[] = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? ['r', `run_${i}`, 'flow_1', 'Running'] : ['a', `run_${i - 1}`, `Action_${i}`]));
    const payloads = encodeRunChanges('me', changes, 2000);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(2000);
    expect(payloads.flatMap((payload) => parseRunChanges(payload).changes)).toEqual(changes);
    expect(() => parseRunChanges('{"changes":[]}')).toThrow();
  });
});
