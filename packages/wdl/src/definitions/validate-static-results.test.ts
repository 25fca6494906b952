import { describe, expect, it } from 'vitest';
import { validateDefinition } from './validate.js';

const trigger = { manual: { type: 'Request', kind: 'Http' } };

describe('static results', () => {
  it('accepts a mock used by an action', () => {
    const definition = {
      triggers: trigger,
      actions: { Call: { type: 'Http', inputs: { method: 'GET', uri: 'https://example.com' }, runtimeConfiguration: { staticResult: { name: 'Call0', staticResultOptions: 'Enabled' } } } },
      staticResults: { Call0: { status: 'Succeeded', outputs: { statusCode: 200, body: 'ok' } } },
    };
    expect(validateDefinition(definition).problems).toEqual([]);
  });

  it('reports results of the wrong shape', () => {
    const problems = validateDefinition({ triggers: trigger, actions: {}, staticResults: { A: { status: 'Great' }, B: { status: 'Failed', outputs: 'x' }, C: [] } }).problems;
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['InvalidStaticResult', '/staticResults/A/status'],
      ['InvalidStaticResult', '/staticResults/B/outputs'],
      ['InvalidStaticResult', '/staticResults/C'],
    ]);
  });

  it('reports an action that names a static result that does not exist', () => {
    const problems = validateDefinition({
      triggers: trigger,
      actions: {
        Scope: { type: 'Scope', actions: { Call: { type: 'Http', inputs: {}, runtimeConfiguration: { staticResult: { name: 'Cal0', staticResultOptions: 'Enabled' } } } } },
        Bad: { type: 'Compose', inputs: 1, runtimeConfiguration: { staticResult: 'Call0' }, runAfter: { Scope: ['Succeeded'] } },
      },
      staticResults: { Call0: { status: 'Succeeded' } },
    }).problems;
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['UnknownStaticResult', '/actions/Scope/actions/Call/runtimeConfiguration/staticResult/name'],
      ['InvalidStaticResult', '/actions/Bad/runtimeConfiguration/staticResult'],
    ]);
    expect(problems[0]!.message).toContain("did you mean 'Call0'");
  });
});
