import { describe, expect, it } from 'vitest';
import { validateDefinition } from './validate.js';

const trigger = { manual: { type: 'Request', kind: 'Http' } };

describe('service limits', () => {
  it('allows 500 actions and refuses 501', () => {
    const actions = (count: number): Record<string, unknown> =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [`A${index}`, { type: 'Compose', inputs: index }]));
    expect(validateDefinition({ triggers: trigger, actions: actions(500) }).problems).toEqual([]);
    const problems = validateDefinition({ triggers: trigger, actions: actions(501) }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'TooManyActions', path: '/actions' })]);
    expect(problems[0]!.message).toContain('501');
  });

  it('allows 8 nested containers and refuses a 9th, once', () => {
    const nest = (depth: number): Record<string, unknown> => {
      let inner: Record<string, unknown> = { Leaf: { type: 'Compose', inputs: 1 }, Leaf2: { type: 'Compose', inputs: 2 } };
      for (let level = depth; level >= 1; level--) inner = { [`Scope${level}`]: { type: 'Scope', actions: inner } };
      return inner;
    };
    expect(validateDefinition({ triggers: trigger, actions: nest(8) }).problems).toEqual([]);
    const problems = validateDefinition({ triggers: trigger, actions: nest(9) }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'NestingTooDeep' })]);
    expect(problems[0]!.path).toMatch(/Scope9\/actions\/Leaf$/);
    expect(problems[0]!.message).toContain("'Scope9'");
  });

  it('refuses a switch with more than 25 cases', () => {
    const cases = (count: number): Record<string, unknown> =>
      Object.fromEntries(Array.from({ length: count }, (_, index) => [`Case${index}`, { case: index, actions: {} }]));
    const definition = (count: number): unknown => ({ triggers: trigger, actions: { Switch: { type: 'Switch', expression: '@triggerBody()', cases: cases(count) } } });
    expect(validateDefinition(definition(25)).problems).toEqual([]);
    expect(validateDefinition(definition(26)).problems).toEqual([expect.objectContaining({ code: 'TooManySwitchCases', path: '/actions/Switch/cases' })]);
  });

  it('survives nesting far past the limit', () => {
    let inner: Record<string, unknown> = { Leaf: { type: 'Compose', inputs: 1 } };
    for (let level = 2000; level >= 1; level--) inner = { [`S${level}`]: { type: 'Scope', actions: inner } };
    const problems = validateDefinition({ triggers: trigger, actions: inner }).problems;
    expect(problems.map((problem) => problem.code)).toEqual(['NestingTooDeep']);
  });
});
