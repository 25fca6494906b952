import { describe, expect, it } from 'vitest';
import { validateDefinition } from './validate.js';

function check(actions: Record<string, unknown>): Array<{ path: string; code: string; message: string }> {
  return validateDefinition({ triggers: { manual: { type: 'Request', kind: 'Http' } }, actions }).problems;
}

const compose = (runAfter: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'Compose', inputs: 1, runAfter });

describe('runAfter', () => {
  it('accepts statuses in any case, and several predecessors', () => {
    expect(check({ A: compose(), B: compose(), C: compose({ A: ['FAILED', 'timedout'], B: ['Succeeded', 'Skipped'] }) })).toEqual([]);
  });

  it('names a missing action, suggesting the closest sibling', () => {
    const problems = check({ Get_item: compose(), Send: compose({ Get_itme: ['Succeeded'] }) });
    expect(problems).toEqual([expect.objectContaining({ code: 'RunAfterMissingAction', path: '/actions/Send/runAfter/Get_itme' })]);
    expect(problems[0]!.message).toContain("did you mean 'Get_item'");
  });

  it('explains that the trigger is not something to run after', () => {
    const [problem] = check({ Send: compose({ manual: ['Succeeded'] }) });
    expect(problem).toMatchObject({ code: 'RunAfterMissingAction', path: '/actions/Send/runAfter/manual' });
    expect(problem!.message).toContain('runAfter: {}');
  });

  it('refuses an action outside the same container, naming where each one is', () => {
    const problems = check({
      Get: compose(),
      Scope_1: { type: 'Scope', actions: { Send: compose({ Get: ['Succeeded'] }) }, runAfter: { Get: ['Succeeded'] } },
    });
    expect(problems).toEqual([expect.objectContaining({ code: 'RunAfterOutsideContainer', path: '/actions/Scope_1/actions/Send/runAfter/Get' })]);
    expect(problems[0]!.message).toContain("inside 'Scope_1'");
    expect(problems[0]!.message).toContain('at the top level');
  });

  it('reports an empty status list and unknown statuses', () => {
    const problems = check({ A: compose(), B: compose({ A: [] }), C: compose({ A: ['Succeeded', 'Sucess', 42] }) });
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['RunAfterNoStatus', '/actions/B/runAfter/A'],
      ['RunAfterUnknownStatus', '/actions/C/runAfter/A/1'],
      ['RunAfterUnknownStatus', '/actions/C/runAfter/A/2'],
    ]);
    expect(problems[1]!.message).toContain('did you mean Succeeded');
  });

  it('reports runAfter of the wrong shape', () => {
    expect(check({ A: compose(), B: { type: 'Compose', inputs: 1, runAfter: ['A'] }, C: compose({ A: 'Succeeded' }) }).map((problem) => [problem.code, problem.path])).toEqual([
      ['InvalidShape', '/actions/B/runAfter'],
      ['InvalidShape', '/actions/C/runAfter/A'],
    ]);
  });

  it('names each cycle once, with the actions in order', () => {
    const problems = check({ A: compose({ C: ['Succeeded'] }), B: compose({ A: ['Succeeded'] }), C: compose({ B: ['Succeeded'] }), D: compose({ C: ['Succeeded'] }) });
    expect(problems).toEqual([expect.objectContaining({ code: 'RunAfterCycle', path: '/actions/A/runAfter/C' })]);
    expect(problems[0]!.message).toContain("'A' → 'C' → 'B' → 'A'");
  });

  it('finds an action that runs after itself, and cycles inside containers', () => {
    const problems = check({
      Self: compose({ Self: ['Succeeded'] }),
      Scope: { type: 'Scope', actions: { X: compose({ Y: ['Failed'] }), Y: compose({ X: ['Succeeded'] }) } },
    });
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['RunAfterCycle', '/actions/Self/runAfter/Self'],
      ['RunAfterCycle', '/actions/Scope/actions/X/runAfter/Y'],
    ]);
    expect(problems[0]!.message).toContain('runs after itself');
  });

  it('copes with a long chain without exhausting the stack', () => {
    const actions: Record<string, unknown> = {};
    for (let index = 0; index < 20_000; index++) actions[`A${index}`] = compose(index === 0 ? { A19999: ['Succeeded'] } : { [`A${index - 1}`]: ['Succeeded'] });
    const problems = check(actions).filter((problem) => problem.code === 'RunAfterCycle');
    expect(problems).toHaveLength(1);
  });
});
