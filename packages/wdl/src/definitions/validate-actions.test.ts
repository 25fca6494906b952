import { describe, expect, it } from 'vitest';
import { validateDefinition } from './validate.js';

const trigger = { manual: { type: 'Request', kind: 'Http' } };

function check(actions: Record<string, unknown>): Array<{ path: string; code: string; message: string; severity: string }> {
  return validateDefinition({ triggers: trigger, actions }).problems;
}

describe('action types', () => {
  it('accepts every documented type in any case, connector and service-provider types included', () => {
    const problems = check({
      A: { type: 'compose', inputs: 1 },
      B: { type: 'FOREACH', foreach: '@createArray(1)', actions: {}, runAfter: { A: ['Succeeded'] } },
      C: { type: 'ServiceProvider', inputs: { serviceProviderConfiguration: { connectionName: 'sql', operationId: 'x', serviceProviderId: '/serviceProviders/sql' } }, runAfter: { B: ['Succeeded'] } },
      D: { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_office365', operationId: 'SendEmailV2', apiId: '/providers/Microsoft.PowerApps/apis/shared_office365' } }, runAfter: { C: ['Succeeded'] } },
      E: { type: 'Agent', inputs: {}, runAfter: { D: ['Succeeded'] } },
    });
    expect(problems).toEqual([]);
  });

  it('names the closest known types for an unknown one', () => {
    const [problem] = check({ Send: { type: 'Comopse', inputs: 1 } });
    expect(problem).toMatchObject({ path: '/actions/Send/type', code: 'UnknownActionType', severity: 'error' });
    expect(problem!.message).toContain("'Send'");
    expect(problem!.message).toContain('Compose');
  });

  it('suggests If for the designer word Condition', () => {
    const [problem] = check({ Check: { type: 'Condition', expression: true } });
    expect(problem!.code).toBe('UnknownActionType');
    expect(problem!.message).toContain('the closest known types are If');
  });

  it('reports an action without a type', () => {
    expect(check({ Nothing: { inputs: 1 } })).toEqual([
      expect.objectContaining({ path: '/actions/Nothing', code: 'MissingType', severity: 'error' }),
    ]);
  });

  it('reports an action that is not an object, and an actions map that is not an object', () => {
    expect(check({ Broken: 'Compose' })).toEqual([expect.objectContaining({ path: '/actions/Broken', code: 'InvalidShape' })]);
    const problems = check({ Scope: { type: 'Scope', actions: [] } });
    expect(problems).toEqual([expect.objectContaining({ path: '/actions/Scope/actions', code: 'InvalidShape' })]);
    expect(problems[0]!.message).toContain('an array');
  });
});

describe('names', () => {
  it('rejects names longer than 80 characters and empty names', () => {
    const long = 'A'.repeat(81);
    expect(check({ [long]: { type: 'Compose', inputs: 1 } })).toEqual([expect.objectContaining({ code: 'InvalidName', path: `/actions/${long}` })]);
    expect(check({ ' ': { type: 'Compose', inputs: 1 } })).toEqual([expect.objectContaining({ code: 'InvalidName' })]);
  });

  it('finds the same name anywhere in the tree, without regard to case', () => {
    const problems = check({
      Scope: {
        type: 'Scope',
        actions: {
          If: { type: 'If', expression: true, actions: {}, else: { actions: { send: { type: 'Compose', inputs: 1 } } } },
        },
      },
      Send: { type: 'Compose', inputs: 2, runAfter: { Scope: ['Succeeded'] } },
    });
    expect(problems).toEqual([expect.objectContaining({ path: '/actions/Send', code: 'DuplicateActionName' })]);
    expect(problems[0]!.message).toContain('/actions/Scope/actions/If/else/actions/send');
  });
});

describe('containers', () => {
  it('needs the members each container type relies on', () => {
    const problems = check({
      If: { type: 'If', actions: {} },
      Loop: { type: 'Foreach', actions: {} },
      Until: { type: 'Until', actions: {} },
      Switch: { type: 'Switch', cases: { One: { actions: {} } } },
    });
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['MissingRequiredMember', '/actions/If'],
      ['MissingRequiredMember', '/actions/Loop'],
      ['MissingRequiredMember', '/actions/Until'],
      ['MissingRequiredMember', '/actions/Switch'],
      ['MissingRequiredMember', '/actions/Switch/cases/One'],
    ]);
    expect(problems[0]!.message).toContain('"expression"');
    expect(problems[1]!.message).toContain('"foreach"');
  });

  it('reports switch cases that match the same value, and case values that are not constants', () => {
    const problems = check({
      Switch: {
        type: 'Switch',
        expression: '@triggerBody()',
        cases: { A: { case: 'x', actions: {} }, B: { case: 'x', actions: {} }, C: { case: 1, actions: {} }, D: { case: '1', actions: {} }, E: { case: { a: 1 } } },
      },
    });
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['DuplicateSwitchCase', '/actions/Switch/cases/B/case'],
      ['InvalidShape', '/actions/Switch/cases/E/case'],
    ]);
    expect(problems[0]!.message).toContain("Cases 'A' and 'B'");
  });
});

describe('where actions may sit', () => {
  it('refuses Response and Terminate inside loops, even nested in a scope', () => {
    const problems = check({
      Loop: {
        type: 'Foreach',
        foreach: '@createArray(1)',
        actions: { Scope: { type: 'Scope', actions: { Reply: { type: 'Response', inputs: { statusCode: 200 } } } } },
      },
      Again: {
        type: 'Until',
        expression: '@true',
        limit: { count: 2 },
        actions: { Stop: { type: 'Terminate', inputs: { runStatus: 'Failed' } } },
        runAfter: { Loop: ['Succeeded'] },
      },
    });
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['ResponseInLoop', '/actions/Loop/actions/Scope/actions/Reply'],
      ['TerminateInLoop', '/actions/Again/actions/Stop'],
    ]);
    expect(problems[0]!.message).toContain("'Loop'");
  });

  it('allows Response and Terminate in conditions and scopes', () => {
    expect(
      check({
        If: {
          type: 'If',
          expression: true,
          actions: { Reply: { type: 'Response', inputs: { statusCode: 200 } } },
          else: { actions: { Stop: { type: 'Terminate', inputs: { runStatus: 'Cancelled' } } } },
        },
      }),
    ).toEqual([]);
  });

  it('wants InitializeVariable at the top level only', () => {
    const problems = check({
      Scope: { type: 'Scope', actions: { Init: { type: 'InitializeVariable', inputs: { variables: [{ name: 'n', type: 'integer', value: 0 }] } } } },
    });
    expect(problems).toEqual([expect.objectContaining({ code: 'VariableNotTopLevel', path: '/actions/Scope/actions/Init' })]);
    expect(problems[0]!.message).toContain('top level');
  });
});
