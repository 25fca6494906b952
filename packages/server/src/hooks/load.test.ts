// A bounded loopback load test: 10,000 webhook calls, 64 in flight, against a flow that
// answers synchronously. Every call must get its answer and produce exactly one persisted run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, eventually, startTestServer, type ApiClient, type TestServer } from '../testing/harness.js';
import { echoFlow } from '../testing/definitions.js';

const CALLS = 10_000;
const IN_FLIGHT = 64;

describe('webhook load', () => {
  let server: TestServer;
  let alice: ApiClient;
  beforeAll(async () => {
    server = await startTestServer('sqlite', { logLevel: 'silent', rateLimits: { loginPerMinute: 100, webhookPerMinutePerFlow: 1_000_000 } });
    ({ alice } = await createPeople(server.url));
  });
  afterAll(async () => server.close());

  it(`answers ${CALLS} calls with ${IN_FLIGHT} in flight, each with exactly one persisted run`, { timeout: 120_000 }, async () => {
    const flow = (await alice.post('/api/v1/flows', { name: 'Echo under load', definition: echoFlow() })).body;
    const url = flow.triggers[0].callbackUrl as string;
    const runIds = new Array<string>(CALLS);
    const failures: string[] = [];
    let next = 0;
    const caller = async (): Promise<void> => {
      while (next < CALLS) {
        const i = next++;
        const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ i }), signal: AbortSignal.timeout(15_000) });
        const body = (await answer.json()) as { i?: number };
        if (answer.status !== 200 || body.i !== i) failures.push(`call ${i}: ${answer.status} ${JSON.stringify(body)}`);
        runIds[i] = answer.headers.get('x-brook-run-id') ?? '';
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, caller));
    expect(failures.slice(0, 5)).toEqual([]);
    expect(new Set(runIds).size).toBe(CALLS);

    const { db } = server.server.context.database;
    // The Response answers the caller before the run's last checkpoint; wait for the runs to end.
    await eventually(async () => {
      const open = await db.selectFrom('runs').select((eb) => eb.fn.countAll<number>().as('n')).where('flow_id', '=', flow.id).where('status', 'in', ['Waiting', 'Running']).executeTakeFirstOrThrow();
      return Number(open.n) === 0 ? true : undefined;
    }, 30_000, 'every run to end');
    const rows = await db.selectFrom('runs').select(['id', 'status', 'trigger_outputs']).where('flow_id', '=', flow.id).execute();
    expect(rows).toHaveLength(CALLS);
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(runIds));
    expect(rows.every((row) => row.status === 'Succeeded')).toBe(true);
    const bodies = new Set(rows.map((row) => (JSON.parse(row.trigger_outputs) as { body: { i: number } }).body.i));
    expect(bodies.size).toBe(CALLS);
  });
});
