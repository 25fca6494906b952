import { describe, expect, it } from 'vitest';
import { flow, run } from '../testing/harness.js';
import { InstantClock } from '../clock.js';

describe('If and Switch', () => {
  it('runs the branch the expression chooses and skips the other one', async () => {
    const result = await run(
      flow({
        Check: {
          type: 'If',
          expression: "@equals(triggerBody()?['kind'], 'vip')",
          actions: { Vip: { type: 'Compose', inputs: 'vip' } },
          else: { actions: { Regular: { type: 'Compose', inputs: 'regular' }, Nested: { type: 'Scope', actions: { Deep: { type: 'Compose', inputs: 1 } } } } },
        },
      }),
      { triggerOutputs: { headers: {}, body: { kind: 'vip' } } },
    );
    expect(result.status('Check')).toBe('Succeeded');
    expect(result.outputs('Vip')).toBe('vip');
    expect(result.status('Regular')).toBe('Skipped');
    expect(result.byKey.Regular?.code).toBe('ActionBranchingConditionNotSatisfied');
    expect(result.status('Deep')).toBe('Skipped');
    expect(result.byKey.Check?.inputs).toEqual({ expressionResult: true });
  });

  it('evaluates condition objects with and/or/not and nested function objects, names case-insensitive', async () => {
    const result = await run(
      flow({
        Check: {
          type: 'If',
          expression: { and: [{ equals: [{ lENgth: ['abc'] }, 3] }, { not: { equals: ['@triggerBody()', 'x'] } }, { or: [{ greater: [1, 2] }, { contains: ['hello', 'ell'] }] }] },
          actions: { Yes: { type: 'Compose', inputs: 'yes' } },
          else: { actions: { No: { type: 'Compose', inputs: 'no' } } },
        },
        NotBool: { type: 'If', expression: "@concat('a')", actions: {} },
      }),
    );
    expect(result.status('Yes')).toBe('Succeeded');
    expect(result.status('No')).toBe('Skipped');
    expect(result.status('NotBool')).toBe('Failed');
    expect(result.byKey.NotBool?.error?.category).toBe('expression');
  });

  it('Switch runs the matching case, else the default', async () => {
    const definition = flow({
      Route: {
        type: 'Switch',
        expression: "@triggerBody()?['n']",
        cases: { One: { case: 1, actions: { A: { type: 'Compose', inputs: 'one' } } }, Two: { case: 'two', actions: { B: { type: 'Compose', inputs: 'two' } } } },
        default: { actions: { D: { type: 'Compose', inputs: 'default' } } },
      },
    });
    const one = await run(definition, { triggerOutputs: { headers: {}, body: { n: 1 } } });
    expect([one.status('A'), one.status('B'), one.status('D')]).toEqual(['Succeeded', 'Skipped', 'Skipped']);
    const other = await run(definition, { triggerOutputs: { headers: {}, body: { n: 'three' } } });
    expect([other.status('A'), other.status('B'), other.status('D')]).toEqual(['Skipped', 'Skipped', 'Succeeded']);
  });
});

describe('loops', () => {
  it('Foreach records each iteration with its index and sees item(), items() and iterationIndexes()', async () => {
    const result = await run(
      flow({
        Outer: {
          type: 'Foreach',
          foreach: "@createArray('a', 'b')",
          actions: {
            Inner: {
              type: 'Foreach',
              foreach: '@createArray(1, 2)',
              actions: { Pair: { type: 'Compose', inputs: "@concat(items('Outer'), item(), '@', iterationIndexes('Outer'), iterationIndexes('Inner'))" } },
            },
          },
        },
      }),
    );
    expect(result.outputs('Pair#0.0')).toBe('a1@00');
    expect(result.outputs('Pair#1.1')).toBe('b2@11');
    expect(result.byKey['Pair#1.0']).toMatchObject({ iterationPath: [1, 0], scopePath: ['Outer', 'Inner'] });
    expect(result.byKey.Outer?.inputs).toEqual(['a', 'b']);
  });

  it('Foreach fails when an iteration fails, and the other iterations still run', async () => {
    const result = await run(flow({ Loop: { type: 'Foreach', foreach: '@createArray(1, 0, 2)', actions: { Div: { type: 'Compose', inputs: '@div(10, item())' } } } }));
    expect(result.status('Loop')).toBe('Failed');
    expect([result.outputs('Div#0'), result.status('Div#1'), result.outputs('Div#2')]).toEqual([10, 'Failed', 5]);
    expect(result.run.status).toBe('Failed');
    expect(result.run.failedAction).toBe('Div');
  });

  it('Foreach honours Sequential and a repetitions limit', async () => {
    const result = await run(
      flow({
        Log: { type: 'InitializeVariable', inputs: { variables: [{ name: 'log', type: 'String', value: '' }] } },
        Seq: {
          type: 'Foreach',
          foreach: '@range(0, 5)',
          operationOptions: 'Sequential',
          actions: { Wait: { type: 'Wait', inputs: { interval: { count: '@sub(5, item())', unit: 'Second' } } }, Add: { type: 'AppendToStringVariable', inputs: { name: 'log', value: '@item()' }, runAfter: { Wait: ['Succeeded'] } } },
          runAfter: { Log: ['Succeeded'] },
        },
      }),
    );
    expect(result.run.variables.log?.value).toBe('01234');
  });

  it('Foreach over something else than an array fails with a clear error', async () => {
    const result = await run(flow({ Loop: { type: 'Foreach', foreach: "@triggerBody()", actions: {} } }), { triggerOutputs: { headers: {}, body: { a: 1 } } });
    expect(result.byKey.Loop?.error?.message).toContain("The 'foreach' of action 'Loop' must be an array; it evaluated to object");
  });

  it('Until runs its body first, then stops when the condition holds', async () => {
    const result = await run(
      flow({
        I: { type: 'InitializeVariable', inputs: { variables: [{ name: 'i', type: 'Integer', value: 0 }] } },
        Loop: {
          type: 'Until',
          expression: "@greaterOrEquals(variables('i'), 3)",
          limit: { count: 10, timeout: 'PT1H' },
          actions: { Step: { type: 'IncrementVariable', inputs: { name: 'i' } }, Index: { type: 'Compose', inputs: "@iterationIndexes('Loop')", runAfter: { Step: ['Succeeded'] } } },
          runAfter: { I: ['Succeeded'] },
        },
      }),
    );
    expect(result.status('Loop')).toBe('Succeeded');
    expect(result.run.variables.i?.value).toBe(3);
    expect([result.outputs('Index#0'), result.outputs('Index#2')]).toEqual([0, 2]);
    expect(result.byKey['Step#3']).toBeUndefined();
  });

  it('Until stops at its count limit Succeeded, or TimedOut with FailWhenLimitsReached', async () => {
    const body = { Step: { type: 'Compose', inputs: 1 } };
    const plain = await run(flow({ Loop: { type: 'Until', expression: '@false', limit: { count: 4 }, actions: body } }));
    expect(plain.status('Loop')).toBe('Succeeded');
    expect(plain.byKey['Step#3']).toBeDefined();
    expect(plain.byKey['Step#4']).toBeUndefined();
    const strict = await run(flow({ Loop: { type: 'Until', expression: '@false', limit: { count: 2 }, operationOptions: 'FailWhenLimitsReached', actions: body } }));
    expect(strict.status('Loop')).toBe('TimedOut');
    expect(strict.run.status).toBe('TimedOut');
  });

  it('Until stops when its timeout has passed between cycles', async () => {
    const clock = new InstantClock();
    const result = await run(
      flow({ Loop: { type: 'Until', expression: '@false', limit: { count: 100, timeout: 'PT1M' }, actions: { Pause: { type: 'Wait', inputs: { interval: { count: 25, unit: 'Second' } } } } } }),
      { clock },
    );
    expect(result.status('Loop')).toBe('Succeeded');
    expect(Object.keys(result.byKey).filter((k) => k.startsWith('Pause#'))).toHaveLength(3);
  });
});

describe('Scope, Wait and Response', () => {
  it('Scope takes the status of its actions by the status rule', async () => {
    const result = await run(
      flow({
        Ok: { type: 'Scope', actions: { A: { type: 'Compose', inputs: 1 }, B: { type: 'Compose', inputs: '@div(1,0)', runAfter: { A: ['Failed'] } } } },
        Bad: { type: 'Scope', actions: { C: { type: 'Compose', inputs: '@div(1,0)' } } },
      }),
    );
    expect(result.status('B')).toBe('Skipped');
    expect(result.status('Ok')).toBe('Succeeded');
    expect(result.status('Bad')).toBe('Failed');
    expect(result.byKey.Bad?.error?.message).toContain("'C'");
  });

  it('Wait sleeps for an interval or until a time', async () => {
    const clock = new InstantClock(Date.UTC(2030, 0, 1));
    const result = await run(
      flow({
        Short: { type: 'Wait', inputs: { interval: { count: 2, unit: 'Minute' } } },
        Until: { type: 'Wait', inputs: { until: { timestamp: '2030-01-01T01:00:00Z' } }, runAfter: { Short: ['Succeeded'] } },
        Bad: { type: 'Wait', inputs: { interval: { count: 1, unit: 'Fortnight' } } },
      }),
      { clock },
    );
    expect(result.status('Until')).toBe('Succeeded');
    expect(clock.now()).toBeGreaterThanOrEqual(Date.UTC(2030, 0, 1, 1));
    expect(clock.sleeps).toContain(120_000);
    expect(result.byKey.Bad?.error?.message).toContain('interval.unit');
  });

  it('Response is kept on the run; a second one fails', async () => {
    const result = await run(
      flow({
        Answer: { type: 'Response', kind: 'Http', inputs: { statusCode: 201, headers: { 'x-id': '@add(1,1)' }, body: { ok: true } } },
        Again: { type: 'Response', inputs: { statusCode: 200 }, runAfter: { Answer: ['Succeeded'] } },
        Redirect: { type: 'Response', inputs: { statusCode: 302 } },
      }),
    );
    expect(result.run.response).toEqual({ statusCode: 201, headers: { 'x-id': '2' }, body: { ok: true } });
    expect(result.byKey.Again?.error?.code).toBe('ActionResponseAlreadySent');
    expect(result.byKey.Redirect?.error?.message).toContain('2xx, 4xx or 5xx');
  });
});
