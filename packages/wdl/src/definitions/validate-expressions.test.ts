import { describe, expect, it } from 'vitest';
import { validateDefinition } from './validate.js';

const trigger = { manual: { type: 'Request', kind: 'Http' } };

describe('expressions', () => {
  it('reports an expression that does not parse, with its place and position', () => {
    const problems = validateDefinition({
      triggers: trigger,
      actions: { Scope_1: { type: 'Scope', actions: { Send: { type: 'Compose', inputs: { text: "Hello @{concat('a', }" } } } } },
    }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'InvalidExpression', path: '/actions/Scope_1/actions/Send/inputs/text', severity: 'error' })]);
    expect(problems[0]!.message).toMatch(/position \d+/);
  });

  it('checks conditions, loops, trigger inputs and outputs, and leaves literals and escapes alone', () => {
    const problems = validateDefinition({
      triggers: { manual: { type: 'Request', kind: 'Http', conditions: [{ expression: '@equals(1,' }] } },
      actions: {
        If: { type: 'If', expression: { and: [{ equals: ['@body(', 1] }] }, actions: {} },
        Loop: { type: 'Foreach', foreach: '@split(', actions: {}, runAfter: { If: ['Succeeded'] } },
        Fine: { type: 'Compose', inputs: { a: 'mail@example.com', b: '@@not(', c: ' @not(' }, runAfter: { Loop: ['Succeeded'] } },
        Described: { type: 'Compose', inputs: 1, description: '@broken(', runAfter: { Fine: ['Succeeded'] } },
      },
      outputs: { o: { type: 'string', value: '@{x(}' } },
    }).problems;
    expect(problems.map((problem) => problem.path)).toEqual([
      '/triggers/manual/conditions/0/expression',
      '/actions/If/expression/and/0/equals/0',
      '/actions/Loop/foreach',
      '/outputs/o/value',
    ]);
  });

  it('warns about unknown functions and wrong argument counts, which fail only when the action runs', () => {
    const problems = validateDefinition({
      triggers: trigger,
      actions: {
        Greet: { type: 'Compose', inputs: "Hi @{toUpperCase(triggerBody()?['name'])}" },
        Code: { type: 'Compose', inputs: "@substring('abc')", runAfter: { Greet: ['Succeeded'] } },
        Broken: { type: 'Compose', inputs: '@concat(', runAfter: { Code: ['Succeeded'] } },
      },
    }).problems;
    expect(problems.map((problem) => [problem.severity, problem.code, problem.path])).toEqual([
      ['error', 'InvalidExpression', '/actions/Broken/inputs'],
      ['warning', 'ExpressionCallProblem', '/actions/Greet/inputs'],
      ['warning', 'ExpressionCallProblem', '/actions/Code/inputs'],
    ]);
    expect(problems[1]!.message).toBe(
      "The function 'toUpperCase' is not defined or not valid at position 5 in 'Hi @{toUpperCase(triggerBody()?['name'])}'. The action fails when this expression runs; check the function's name and arguments in docs/expressions.md.",
    );
    expect(problems[2]!.message).toMatch(/^The function 'substring' expects .* at position 1 in '@substring\('abc'\)'\. The action fails/);
  });

  it('reports an expression past 8,192 characters once, as too long', () => {
    const long = `@concat('${'x'.repeat(8_200)}')`;
    const problems = validateDefinition({ triggers: trigger, actions: { Big: { type: 'Compose', inputs: long } } }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'ExpressionTooLong', path: '/actions/Big/inputs' })]);
    expect(problems[0]!.message).toContain('8192');
    const interpolated = `text @{concat('${'y'.repeat(8_200)}')} more`;
    expect(validateDefinition({ triggers: trigger, actions: { Big: { type: 'Compose', inputs: interpolated } } }).problems.map((problem) => problem.code)).toEqual(['ExpressionTooLong']);
    const longText = `${'plain '.repeat(3_000)} @{utcNow()}`;
    expect(validateDefinition({ triggers: trigger, actions: { Text: { type: 'Compose', inputs: longText } } }).problems).toEqual([]);
  });
});

describe('ARM template placeholders', () => {
  it('says that Azure fills them in, once per placeholder, instead of an expression or type error', () => {
    const problems = validateDefinition({
      $schema: "[variables('workflowSchema')]",
      triggers: { recurrence: { type: "[variables('type')]", recurrence: { frequency: "[variables('frequency')]", interval: 1 } } },
      actions: {
        Call: {
          type: 'Http',
          inputs: { uri: "[parameters('testUri')]", path: "[concat('/x/@{encodeURIComponent(', parameters('p'), ')}')]", literal: '[[not a placeholder]' },
        },
      },
    }).problems;
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['ArmTemplatePlaceholder', '/$schema'],
      ['ArmTemplatePlaceholder', '/triggers/recurrence/type'],
      ['ArmTemplatePlaceholder', '/triggers/recurrence/recurrence/frequency'],
      ['ArmTemplatePlaceholder', '/actions/Call/inputs/uri'],
      ['ArmTemplatePlaceholder', '/actions/Call/inputs/path'],
    ]);
    expect(problems[0]!.message).toContain('Azure fills it in when the template is deployed');
    expect(problems[3]!.message).toContain("template parameter 'testUri'");
  });

  it('says what a placeholder stands for when the template tells', () => {
    const problems = validateDefinition(
      { triggers: trigger, actions: { A: { type: 'Compose', inputs: "[parameters('greeting')]" }, B: { type: 'Compose', inputs: "[variables('method')]" } } },
      { arm: { parameters: { greeting: { type: 'string', defaultValue: 'Hello' } }, variables: { method: 'GET' } } },
    ).problems;
    expect(problems[0]!.message).toContain('defaults to "Hello"');
    expect(problems[1]!.message).toContain('Replace it with "GET"');
  });
});
