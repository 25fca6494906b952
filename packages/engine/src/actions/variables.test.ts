import { describe, expect, it } from 'vitest';
import { flow, run } from '../testing/harness.js';

const init = (name: string, type: string, value?: unknown) => ({ type: 'InitializeVariable', inputs: { variables: [{ name, type, ...(value === undefined ? {} : { value }) }] } });

describe('variable actions', () => {
  it('initializes, sets, increments, decrements and appends', async () => {
    const result = await run(
      flow({
        Count: init('Count', 'integer', 1),
        Names: init('names', 'Array', []),
        Text: init('text', 'String', 'a'),
        Price: init('price', 'float', 1.5),
        Set: { type: 'SetVariable', inputs: { name: 'count', value: 10 }, runAfter: { Count: ['Succeeded'] } },
        Inc: { type: 'IncrementVariable', inputs: { name: 'Count', value: 5 }, runAfter: { Set: ['Succeeded'] } },
        Dec: { type: 'DecrementVariable', inputs: { name: 'Count' }, runAfter: { Inc: ['Succeeded'] } },
        Push: { type: 'AppendToArrayVariable', inputs: { name: 'names', value: { n: 1 } }, runAfter: { Names: ['Succeeded'] } },
        Grow: { type: 'AppendToStringVariable', inputs: { name: 'text', value: 42 }, runAfter: { Text: ['Succeeded'] } },
        Cheaper: { type: 'DecrementVariable', inputs: { name: 'price', value: 0.25 }, runAfter: { Price: ['Succeeded'] } },
        Show: { type: 'Compose', inputs: "@createArray(variables('COUNT'), variables('names'), variables('text'), variables('price'))", runAfter: { Dec: ['Succeeded'], Push: ['Succeeded'], Grow: ['Succeeded'], Cheaper: ['Succeeded'] } },
      }),
    );
    expect(result.outputs('Show')).toEqual([14, [{ n: 1 }], 'a42', 1.25]);
    expect(result.outputs('Inc')).toEqual({ body: { name: 'Count', value: 15 } });
    expect(result.run.variables.count).toEqual({ name: 'Count', type: 'Integer', value: 14 });
  });

  it('appends without changing values read before: outputs, records and what a Compose kept', async () => {
    const result = await run(
      flow({
        Source: { type: 'Compose', inputs: [1] },
        List: { ...init('list', 'Array', "@outputs('Source')"), runAfter: { Source: ['Succeeded'] } },
        Add2: { type: 'AppendToArrayVariable', inputs: { name: 'list', value: 2 }, runAfter: { List: ['Succeeded'] } },
        Seen: { type: 'Compose', inputs: { source: "@outputs('Source')", list: "@variables('list')" }, runAfter: { Add2: ['Succeeded'] } },
        Add3: { type: 'AppendToArrayVariable', inputs: { name: 'list', value: 3 }, runAfter: { Seen: ['Succeeded'] } },
        Again: { type: 'Compose', inputs: "@outputs('Source')", runAfter: { Add3: ['Succeeded'] } },
      }),
    );
    expect(result.outputs('Seen')).toEqual({ source: [1], list: [1, 2] });
    expect(result.outputs('Again')).toEqual([1]);
    expect(result.byKey.List?.inputs).toEqual({ variables: [{ name: 'list', type: 'Array', value: [1] }] });
    expect(result.outputs('Add2')).toEqual({ body: { name: 'list', value: [1, 2] } });
    expect(result.run.variables.list?.value).toEqual([1, 2, 3]);
  });

  it('refuses values of the wrong type, unknown variables and a second initialization', async () => {
    const result = await run(
      flow({
        N: init('n', 'Integer', 'ten'),
        S: init('s', 'String', 'x'),
        SetWrong: { type: 'SetVariable', inputs: { name: 's', value: 5 }, runAfter: { S: ['Succeeded'] } },
        IncString: { type: 'IncrementVariable', inputs: { name: 's' }, runAfter: { S: ['Succeeded'] } },
        Unknown: { type: 'SetVariable', inputs: { name: 'nope', value: 1 } },
        Again: { ...init('S', 'String', 'y'), runAfter: { S: ['Succeeded'] } },
      }),
    );
    expect(result.byKey.N?.error?.message).toContain("declared Integer but its value is a string");
    expect(result.byKey.SetWrong?.error?.message).toContain("'s' is String but the new value is an integer");
    expect(result.byKey.IncString?.error?.message).toContain('only Integer and Float');
    expect(result.byKey.Unknown?.error?.message).toContain("'nope' has not been initialized");
    expect(result.byKey.Again?.error?.message).toContain('already initialized');
    expect(result.run.status).toBe('Failed');
  });

  it('increments safely from parallel loop iterations', async () => {
    const result = await run(
      flow({
        Total: init('total', 'Integer', 0),
        Loop: {
          type: 'Foreach',
          foreach: '@range(0, 100)',
          runtimeConfiguration: { concurrency: { repetitions: 20 } },
          actions: { Add: { type: 'IncrementVariable', inputs: { name: 'total', value: '@item()' } } },
          runAfter: { Total: ['Succeeded'] },
        },
      }),
    );
    expect(result.run.variables.total?.value).toBe(4950);
  });
});
