import { describe, expect, it } from 'vitest';
import { validateDefinition } from './validate.js';

const trigger = { manual: { type: 'Request', kind: 'Http' } };
const useParameter = (name: string): Record<string, unknown> => ({ Use: { type: 'Compose', inputs: `@parameters('${name}')` } });

describe('parameters', () => {
  it('accepts every type in any case, as Power Automate writes them', () => {
    const parameters = {
      a: { type: 'Int', defaultValue: 1 },
      b: { type: 'FLOAT', defaultValue: 1.5 },
      c: { type: 'string', defaultValue: 'x' },
      d: { type: 'SecureString', defaultValue: 'x' },
      e: { type: 'Bool', defaultValue: true },
      f: { type: 'Array', defaultValue: [] },
      $connections: { type: 'Object', defaultValue: {} },
      $authentication: { type: 'SecureObject', defaultValue: {} },
    };
    expect(validateDefinition({ parameters, triggers: trigger, actions: {} }).problems).toEqual([]);
  });

  it('reports an unknown type with the closest one', () => {
    const [problem] = validateDefinition({ parameters: { p: { type: 'integer', defaultValue: 1 } }, triggers: trigger, actions: {} }).problems;
    expect(problem).toMatchObject({ code: 'UnknownParameterType', path: '/parameters/p/type' });
    expect(problem!.message).toContain('int');
  });

  it('reports a used parameter without value, but not an unused one or one supplied beside the definition', () => {
    const problems = validateDefinition({ parameters: { url: { type: 'string' }, unused: { type: 'string' } }, triggers: trigger, actions: useParameter('url') }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'ParameterWithoutValue', path: '/parameters/url', severity: 'error' })]);
    expect(problems[0]!.message).toContain('defaultValue');
    expect(validateDefinition({ parameters: { url: { type: 'string' } }, triggers: trigger, actions: useParameter('url') }, { suppliedParameters: ['URL'] }).problems).toEqual([]);
    expect(validateDefinition({ parameters: { url: { type: 'string', value: 'https://x' } }, triggers: trigger, actions: useParameter('url') }).problems).toEqual([]);
  });

  it('reports values that do not fit the type or the allowed values', () => {
    const problems = validateDefinition({
      parameters: {
        count: { type: 'int', defaultValue: '3' },
        ratio: { type: 'int', defaultValue: 1.5 },
        level: { type: 'string', defaultValue: 'high', allowedValues: ['low', 'medium'] },
        fine: { type: 'string', defaultValue: 'low', allowedValues: ['low'] },
        templated: { type: 'int', defaultValue: "[parameters('count')]" },
      },
      triggers: trigger,
      actions: {},
    }).problems;
    expect(problems.filter((problem) => problem.code === 'ParameterValueMismatch').map((problem) => problem.path)).toEqual([
      '/parameters/count/defaultValue',
      '/parameters/ratio/defaultValue',
      '/parameters/level/defaultValue',
    ]);
  });

  it('warns about parameters the definition uses but does not declare', () => {
    const problems = validateDefinition({ parameters: { apiUrl: { type: 'string', defaultValue: 'x' } }, triggers: trigger, actions: useParameter('apiURl2') }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'UndeclaredParameter', path: '/actions/Use/inputs', severity: 'warning' })]);
    expect(problems[0]!.message).toContain("did you mean 'apiUrl'");
  });

  it('finds uses in trigger inputs and outputs, not in descriptions or metadata', () => {
    const problems = validateDefinition({
      triggers: { poll: { type: 'Http', inputs: { uri: "@parameters('endpoint')" }, recurrence: { frequency: 'Minute', interval: 5 } } },
      actions: { Note: { type: 'Compose', inputs: 1, description: "@parameters('ignored')", metadata: { x: "@parameters('ignored2')" } } },
      outputs: { result: { type: 'string', value: "@parameters('answer')" } },
    }).problems;
    expect(problems.map((problem) => problem.path)).toEqual(['/triggers/poll/inputs/uri', '/outputs/result/value']);
  });
});

describe('outputs', () => {
  it('needs a known type and a value', () => {
    const problems = validateDefinition({ triggers: trigger, actions: {}, outputs: { a: { type: 'string', value: 'x' }, b: { value: 1 }, c: { type: 'text', value: 1 }, d: { type: 'int' }, e: 5 } }).problems;
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['InvalidOutput', '/outputs/b/type'],
      ['InvalidOutput', '/outputs/c/type'],
      ['InvalidOutput', '/outputs/d'],
      ['InvalidOutput', '/outputs/e'],
    ]);
  });
});
