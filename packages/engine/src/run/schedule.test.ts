import { describe, expect, it } from 'vitest';
import { flow, run, serve, json } from '../testing/harness.js';
import { MemoryRunStore } from '../memory-store.js';
import type { EngineEvent } from '../ports.js';

const fail = { type: 'Compose', inputs: '@div(1, 0)' };

describe('scheduling over runAfter', () => {
  it('runs an action only when each predecessor ended in a status it allows, and cascades Skipped', async () => {
    const result = await run(
      flow({
        A: fail,
        OnSuccess: { type: 'Compose', inputs: 'after A', runAfter: { A: ['Succeeded'] } },
        AfterSkipped: { type: 'Compose', inputs: 'next', runAfter: { OnSuccess: ['Succeeded'] } },
        Catch: { type: 'Compose', inputs: 'caught', runAfter: { A: ['Failed', 'TimedOut'] } },
        Finally: { type: 'Compose', inputs: 'always', runAfter: { AfterSkipped: ['Skipped'] } },
      }),
    );
    expect(result.status('A')).toBe('Failed');
    expect(result.byKey.A?.error).toMatchObject({ category: 'expression' });
    expect(result.status('OnSuccess')).toBe('Skipped');
    expect(result.byKey.OnSuccess?.code).toBe('ActionSkipped');
    expect(result.status('AfterSkipped')).toBe('Skipped');
    expect(result.status('Catch')).toBe('Succeeded');
    expect(result.status('Finally')).toBe('Succeeded');
  });

  it('requires every predecessor (AND) and waits for all of them', async () => {
    const result = await run(
      flow({
        Good: { type: 'Compose', inputs: 1 },
        Bad: fail,
        Both: { type: 'Compose', inputs: 'x', runAfter: { Good: ['Succeeded'], Bad: ['Succeeded'] } },
        Either: { type: 'Compose', inputs: 'y', runAfter: { Good: ['Succeeded'], Bad: ['Failed'] } },
      }),
    );
    expect(result.status('Both')).toBe('Skipped');
    expect(result.status('Either')).toBe('Succeeded');
  });

  it('fails the run when a branch ends in a Skipped action after a failure, even if a catch branch succeeded', async () => {
    const result = await run(
      flow({
        Try: fail,
        Happy: { type: 'Compose', inputs: 'x', runAfter: { Try: ['Succeeded'] } },
        Catch: { type: 'Compose', inputs: 'handled', runAfter: { Try: ['Failed'] } },
      }),
    );
    expect(result.run.status).toBe('Failed');
    expect(result.run.failedAction).toBe('Try');
    expect(result.run.error?.category).toBe('expression');
  });

  it('succeeds when the failure is wrapped in a Scope and the catch hangs off the Scope', async () => {
    const result = await run(
      flow({
        Try: { type: 'Scope', actions: { Boom: fail } },
        Catch: { type: 'Compose', inputs: "@result('Try')", runAfter: { Try: ['Failed'] } },
      }),
    );
    expect(result.status('Try')).toBe('Failed');
    expect(result.status('Boom')).toBe('Failed');
    expect(result.run.status).toBe('Succeeded');
    expect(result.outputs('Catch')).toMatchObject([{ name: 'Boom', status: 'Failed' }]);
  });

  it('runs independent branches at the same time', async () => {
    let arrived = 0;
    const waiting: Array<() => void> = [];
    const server = await serve((_req, res) => {
      arrived += 1;
      waiting.push(() => json(res, 200, { ok: true }));
      if (arrived === 2) for (const answer of waiting) answer();
    });
    try {
      const result = await run(
        flow({
          Left: { type: 'Http', inputs: { method: 'GET', uri: `${server.url}/left` } },
          Right: { type: 'Http', inputs: { method: 'GET', uri: `${server.url}/right` } },
          Join: { type: 'Compose', inputs: "@concat(body('Left').ok, body('Right').ok)", runAfter: { Left: ['Succeeded'], Right: ['Succeeded'] } },
        }),
      );
      expect(result.outputs('Join')).toBe('TrueTrue');
    } finally {
      await server.close();
    }
  });

  it('commits each finished action before its dependents start', async () => {
    const store = new MemoryRunStore();
    const seenAtStart: Array<string | undefined> = [];
    const checks: Array<Promise<void>> = [];
    const events = {
      emit(event: EngineEvent) {
        if (event.type === 'action' && event.action.name === 'Second' && event.action.status === 'Running') {
          checks.push(store.getAction(event.runId, 'First').then((first) => void seenAtStart.push(first?.status)));
        }
      },
    };
    await run(flow({ First: { type: 'Compose', inputs: 1 }, Second: { type: 'Compose', inputs: 2, runAfter: { First: ['Succeeded'] } } }), { store, events });
    await Promise.all(checks);
    expect(seenAtStart).toEqual(['Succeeded']);
  });

  it('fails an action of an unknown type with a clear error and goes on with the rest', async () => {
    const result = await run(flow({ Odd: { type: 'SendCarrierPigeon', inputs: {} }, Other: { type: 'Compose', inputs: 'still runs' } }));
    expect(result.status('Odd')).toBe('Failed');
    expect(result.byKey.Odd?.error).toMatchObject({ code: 'ActionTypeNotSupported', category: 'definition' });
    expect(result.byKey.Odd?.error?.message).toContain("'SendCarrierPigeon'");
    expect(result.status('Other')).toBe('Succeeded');
    expect(result.run.status).toBe('Failed');
  });

  it('fails actions on a runAfter cycle or pointing at a missing action, without hanging', async () => {
    const result = await run(
      flow({
        A: { type: 'Compose', inputs: 1, runAfter: { B: ['Succeeded'] } },
        B: { type: 'Compose', inputs: 2, runAfter: { A: ['Succeeded'] } },
        C: { type: 'Compose', inputs: 3, runAfter: { Nowhere: ['Succeeded'] } },
      }),
    );
    expect(result.byKey.A?.error?.message).toContain('cycle');
    expect(result.byKey.C?.error?.message).toContain("'Nowhere'");
    expect(result.run.status).toBe('Failed');
  });

  it('lets Terminate set the run status, skip what had not started and cancel what was running', async () => {
    const server = await serve(() => undefined); // never answers
    try {
      const result = await run(
        flow({
          Slow: { type: 'Http', inputs: { method: 'GET', uri: `${server.url}/hang` } },
          Stop: { type: 'Terminate', inputs: { runStatus: 'Failed', runError: { code: 'OrderRejected', message: 'The order was rejected.' } } },
          Later: { type: 'Compose', inputs: 'never', runAfter: { Stop: ['Succeeded'] } },
        }),
      );
      expect(result.run.status).toBe('Failed');
      expect(result.run.error).toMatchObject({ code: 'OrderRejected', message: 'The order was rejected.' });
      expect(result.status('Stop')).toBe('Succeeded');
      expect(result.status('Slow')).toBe('Cancelled');
      expect(result.status('Later')).toBe('Skipped');
      expect(result.byKey.Later?.code).toBe('Terminated');
    } finally {
      await server.close();
    }
  });

  it('ends Succeeded or Cancelled when Terminate says so, whatever failed before', async () => {
    const cancelled = await run(flow({ Bad: fail, Stop: { type: 'Terminate', inputs: { runStatus: 'Cancelled' }, runAfter: { Bad: ['Failed'] } } }));
    expect(cancelled.run.status).toBe('Cancelled');
    const succeeded = await run(flow({ Bad: fail, Stop: { type: 'Terminate', inputs: { runStatus: 'Succeeded' }, runAfter: { Bad: ['Failed'] } } }));
    expect(succeeded.run.status).toBe('Succeeded');
    expect(succeeded.run.error).toBeNull();
  });

  it('evaluates the definition outputs at the end of the run', async () => {
    const result = await run(flow({ A: { type: 'Compose', inputs: { n: 2 } } }, { outputs: { total: { type: 'Int', value: "@add(outputs('A').n, 40)" } } }));
    expect(result.run.outputs).toEqual({ total: 42 });
  });
});
