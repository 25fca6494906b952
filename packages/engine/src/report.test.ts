import { describe, expect, it } from 'vitest';
import { flow, run } from './testing/harness.js';
import { runReport } from './report.js';

describe('the run report (brook run --json)', () => {
  it('shows each action once, loops with their iterations, and the code of the iteration that decided the status', async () => {
    const result = await run(
      flow({
        Loop: { type: 'Foreach', foreach: '@createArray(1, 0, 2)', actions: { Divide: { type: 'Compose', inputs: '@div(10, item())' } } },
        After: { type: 'Compose', inputs: 'done', runAfter: { Loop: ['Failed'] } },
      }),
    );
    const report = runReport(result);
    expect(Object.keys(report.actions)).toEqual(['Loop', 'Divide', 'After']);
    expect(report.actions.Divide).toMatchObject({ status: 'Failed', code: 'ArithmeticError', error: { category: 'expression' }, attempts: 3 });
    expect(report.actions.Divide?.iterations?.map((i) => [i.index, i.status, i.outputs])).toEqual([
      [[0], 'Succeeded', 10],
      [[1], 'Failed', null],
      [[2], 'Succeeded', 5],
    ]);
    expect(report).toMatchObject({ id: result.run.id, status: 'Succeeded', error: null, failedAction: null, response: null });
  });
});
