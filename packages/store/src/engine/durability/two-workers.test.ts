// Scale-out: two workers (each with its own connection pool, as two processes would have)
// on one PostgreSQL share 200 runs. Claims use FOR UPDATE SKIP LOCKED and checkpoints are
// fenced by the lease, so every run runs exactly once.
import { createTestDatabase } from '@brook/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorker } from '@brook/engine';
import { startLocalService as serve, sendJson as json, type LocalService as TestServer } from '@brook/testkit';
import { openStore, type OpenStore } from './open-store.js';

let server: TestServer | undefined;
const opened: OpenStore[] = [];
let drop: (() => Promise<void>) | undefined;

afterAll(async () => {
  for (const store of opened) await store.close();
  await server?.close();
  await drop?.();
});

describe('two workers on one PostgreSQL', () => {
  it('run each of 200 runs once', async () => {
    const database = await createTestDatabase('engine');
    drop = () => database.drop();
    const hits = new Map<string, number>();
    server = await serve((req, res) => {
      const runId = String(req.headers['x-ms-workflow-run-id']);
      hits.set(runId, (hits.get(runId) ?? 0) + 1);
      json(res, 200, { ok: true });
    });
    const a = await openStore(database.url);
    const b = await openStore(database.url);
    opened.push(a, b);
    const flow = await a.flows.createFlow({
      name: 'Fan-out',
      definition: {
        triggers: { manual: { type: 'Request', kind: 'Http' } },
        actions: {
          Call: { type: 'Http', inputs: { method: 'POST', uri: `${server.url}/hit`, body: "@triggerBody()" } },
          Done: { type: 'Compose', inputs: "@body('Call')", runAfter: { Call: ['Succeeded'] } },
        },
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      ids.push((await a.store.createRun({ flowId: flow.id, flowVersion: 1, triggerName: 'manual', triggerOutputs: { headers: {}, body: { i } }, createdAt: Date.now() })).id);
    }
    const first = startWorker({ store: a.store, workerId: 'worker-a', concurrency: 16, pollMs: 50 });
    const second = startWorker({ store: b.store, workerId: 'worker-b', concurrency: 16, pollMs: 50 });
    for (;;) {
      const pending = await a.database.db.selectFrom('runs').select((eb) => eb.fn.countAll<number>().as('n')).where('status', 'in', ['Waiting', 'Running']).executeTakeFirstOrThrow();
      if (Number(pending.n) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all([first.stop(), second.stop()]);
    const runs = await a.database.db.selectFrom('runs').select(['id', 'status']).execute();
    expect(runs).toHaveLength(200);
    expect(runs.every((r) => r.status === 'Succeeded')).toBe(true);
    expect([...hits.keys()].sort()).toEqual([...ids].sort());
    expect([...hits.values()].every((n) => n === 1)).toBe(true);
    // Both workers took part.
    expect(first.completed).toBeGreaterThan(0);
    expect(second.completed).toBeGreaterThan(0);
    expect(first.completed + second.completed).toBe(200);
  }, 60_000);
});
