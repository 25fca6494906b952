// How many Foreach iterations run at once, and what result() gives for a loop.
import { afterEach, describe, expect, it } from 'vitest';
import { flow, run, serve, json, type TestServer } from '../testing/harness.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * A service that holds the calls of each loop until none has arrived for a while, then
 * answers them all: the most it held at once is how many iterations the loop runs at once.
 */
async function countingServer(): Promise<{ url: string; most: Map<string, number> }> {
  const held = new Map<string, Array<() => void>>();
  const timers = new Map<string, NodeJS.Timeout>();
  const most = new Map<string, number>();
  server = await serve((req, res) => {
    const loop = req.url.split('/')[1] ?? '';
    const waiting = held.get(loop) ?? [];
    held.set(loop, waiting);
    waiting.push(() => json(res, 200, { ok: true }));
    most.set(loop, Math.max(most.get(loop) ?? 0, waiting.length));
    clearTimeout(timers.get(loop));
    timers.set(
      loop,
      setTimeout(() => {
        held.set(loop, []);
        for (const answer of waiting) answer();
      }, 100),
    );
  });
  return { url: server.url, most };
}

/** A loop of `items` iterations, each calling the service under /<name>/; action names are unique per definition. */
const loop = (url: string, name: string, items: number, extra: Record<string, unknown> = {}) => ({
  type: 'Foreach',
  foreach: `@range(0, ${items})`,
  actions: { [`Call_${name}`]: { type: 'Http', inputs: { method: 'GET', uri: `${url}/${name}/@{item()}` } } },
  ...extra,
});

describe('Foreach concurrency', () => {
  it('runs `repetitions` iterations at once, 20 by default, one at a time with Sequential', async () => {
    const { url, most } = await countingServer();
    const result = await run(
      flow({
        Three: loop(url, 'three', 9, { runtimeConfiguration: { concurrency: { repetitions: 3 } } }),
        Default: loop(url, 'default', 24),
        Serial: loop(url, 'serial', 4, { operationOptions: 'Sequential' }),
      }),
      { clock: undefined },
    );
    expect(result.run.status).toBe('Succeeded');
    expect(Object.fromEntries(most)).toEqual({ three: 3, default: 20, serial: 1 });
    expect(result.actions.filter((a) => a.name === 'Call_default')).toHaveLength(24);
  });
});

describe('result() of a loop', () => {
  it('lists the first-level actions of every iteration, with their status and outputs', async () => {
    const result = await run(
      flow({
        Loop: { type: 'Foreach', foreach: '@createArray(2, 0, 5)', actions: { Divide: { type: 'Compose', inputs: '@div(10, item())' } } },
        Failures: { type: 'Query', inputs: { from: "@result('Loop')", where: "@equals(item()?['status'], 'Failed')" }, runAfter: { Loop: ['Failed'] } },
        Outputs: { type: 'Select', inputs: { from: "@result('Loop')", select: "@item()?['outputs']" }, runAfter: { Loop: ['Failed'] } },
      }),
    );
    expect(result.outputs('Failures')).toMatchObject({ body: [{ name: 'Divide', status: 'Failed', error: { code: 'ArithmeticError' } }] });
    expect((result.outputs('Outputs') as { body: unknown[] }).body.sort()).toEqual([2, 5, null].sort());
    // The loop failed, but the catch branch hanging off it succeeded: so did the run.
    expect(result.run.status).toBe('Succeeded');
  });
});
