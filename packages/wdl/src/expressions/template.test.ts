import { describe, expect, it } from 'vitest';
import { callFunction, containsTemplate, evaluateExpression, evaluateTemplate, findTemplateProblems } from './evaluate.js';
import { createJsonHost } from './json-host.js';
import { findTemplateCallProblems } from './call-check.js';
import { compileTemplate, isTemplate, parseTemplate } from './template.js';
import { wdl, wdlError } from './test-kit.js';

describe('how a string is read', () => {
  it.each(['str', '1', 'null', '[]', '{}', '', ' @@,,}', ' @,,}', '@', 'mail@example.com', '@}'.slice(1)])('%j is taken as is', (text) => {
    expect(wdl(text)).toBe(text);
  });

  it.each(['@@unparsed!', '@@{still unparsed}', '@@,,}', "@@{'abc'}@{'def'}@@{'ghi'}j@{'kl'}"])('%j loses its first @ and nothing else is evaluated', (text) => {
    expect(wdl(text)).toBe(text.slice(1));
  });

  it('keeps the JSON type of an @ expression', () => {
    expect(wdl('@null')).toBeNull();
    expect(wdl('@true')).toBe(true);
    expect(wdl('@1')).toBe(1);
    expect(wdl('@-51')).toBe(-51);
    expect(wdl('@0.5')).toBe(0.5);
    expect(wdl("@'don''t worry'")).toBe("don't worry");
    expect(wdl("@json('{\"a\":[1,{\"b\":null}]}')")).toEqual({ a: [1, { b: null }] });
  });

  it('always makes a string of @{…}, even when it is the whole value', () => {
    expect(wdl('@{1}')).toBe('1');
    expect(wdl('@{parameters(\'age\')}', { parameters: { age: 42 } })).toBe('42');
    expect(wdl("foo @{'bar'} baz")).toBe('foo bar baz');
    expect(wdl("@{'h'}@{'e'}@{'l'}@{'l'}@{'o'}")).toBe('hello');
    expect(wdl("@{'hello'} @{'world'}")).toBe('hello world');
    expect(wdl("@{'a}b'}")).toBe('a}b');
    expect(wdl("@{'it''s'}!")).toBe("it's!");
  });

  it('turns @@{ inside text into a literal @{', () => {
    expect(wdl("testing @@{'blah'} @{'thing'}")).toBe("testing @{'blah'} thing");
  });

  it.each([
    ['@{-51}', '-51'],
    ['@{+54}', '54'],
    ['@{3e1}', '30'],
    ['@{+1.}', '1'],
    ['@{0.5}', '0.5'],
    ['@{-01.0}', '-1'],
    ['@{3.2e-1}', '0.32'],
    ['@{true}', 'True'],
    ['@{false}', 'False'],
    ['@{null}', ''],
    ["@{createArray(1, 'a', null, true)}", '[1,"a",null,true]'],
    ["@{json('{ \"name\": \"Sophie Owen\" }')}", '{"name":"Sophie Owen"}'],
  ])('%s interpolates as %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });

  it('isTemplate says which strings are not taken as is', () => {
    expect(isTemplate('@x()')).toBe(true);
    expect(isTemplate('a @{x()} b')).toBe(true);
    expect(isTemplate('@@escaped')).toBe(true);
    expect(isTemplate('@')).toBe(false);
    expect(isTemplate('plain')).toBe(false);
    expect(isTemplate(' @x()')).toBe(false);
    expect(isTemplate('user@example.com')).toBe(false);
  });

  it('parseTemplate gives the literal text and the expression trees with their offsets', () => {
    expect(parseTemplate("Hi @{variables('n')}!")).toEqual({
      kind: 'interpolation',
      parts: ['Hi ', { text: "variables('n')", offset: 5, ast: { kind: 'call', name: 'variables', args: [{ kind: 'string', value: 'n' }] } }, '!'],
    });
    expect(parseTemplate('@add(1, 2)')).toMatchObject({ kind: 'expression', expression: { text: 'add(1, 2)', offset: 1 } });
    expect(parseTemplate('@@x')).toEqual({ kind: 'literal', value: '@x' });
    expect(parseTemplate('plain')).toEqual({ kind: 'literal', value: 'plain' });
    expect(parseTemplate('@{x')).toMatchObject({ kind: 'invalid', error: { position: 0 } });
  });

  it('parses a string once and reuses the compiled form', () => {
    const text = "@concat('cached', 'once')";
    expect(compileTemplate(text)).toBe(compileTemplate(text));
  });
});

describe('evaluateTemplate on JSON values', () => {
  const host = createJsonHost({ variables: { name: 'Ann', n: 2 } });

  it('evaluates every string and key, copies everything else', () => {
    const input = {
      to: "@variables('name')",
      count: "@add(variables('n'), 1)",
      nested: [{ "@{variables('name')}": 'key was a template', fixed: 3, flag: false, nothing: null }],
      text: 'plain',
    };
    const output = evaluateTemplate(input, host);
    expect(output).toEqual({ to: 'Ann', count: 3, nested: [{ Ann: 'key was a template', fixed: 3, flag: false, nothing: null }], text: 'plain' });
    expect(output).not.toBe(input);
    expect(input.to).toBe("@variables('name')");
  });

  it('returns plain JSON: float boxes, decimals and 64-bit integers become numbers', () => {
    const output = evaluateTemplate({ f: '@float(5)', d: "@decimal('1.50')", t: "@ticks('2018-03-15T00:00:00Z')", a: "@createArray(5.0, 2.5)" }, host);
    expect(output).toEqual({ f: 5, d: 1.5, t: 636566688000000000, a: [5, 2.5] });
    expect(JSON.stringify(output)).toBe('{"f":5,"d":1.5,"t":636566688000000000,"a":[5,2.5]}');
  });

  it('never lets a 64-bit integer out as a BigInt, wherever it sits', () => {
    for (const value of ['@createArray(9223372036854775807)', "@createArray(int('nan'))", "@json('{\"a\":[9007199254740993]}')", "@createArray(ticks('2018-03-15T00:00:00Z'))"]) {
      expect(() => JSON.stringify(evaluateTemplate(value, host))).not.toThrow();
    }
    expect(evaluateTemplate('@createArray(9223372036854775807)', host)).toEqual([9223372036854775807n].map(Number));
  });

  it('names the expression and the JSON path of a failure', () => {
    const error = wdlError({ body: { items: ['ok', "@{variables('missing')}"] } });
    expect(error.code).toBe('NotFound');
    expect(error.message).toContain("Unable to evaluate '@{variables('missing')}' at /body/items/1");
    expect(error.message).toContain("The variable 'missing' is not initialized");
    expect(error.position).toBe(2);
  });

  it('gives the position of the failing call inside the string', () => {
    const error = wdlError("Total: @{add(1, div(4, 0))}");
    expect(error.code).toBe('ArithmeticError');
    expect(error.position).toBe("Total: @{add(1, ".length);
  });

  it('reports syntax errors with their position in the string', () => {
    const error = wdlError({ a: "x @{concat('a'" });
    expect(error.code).toBe('InvalidTemplate');
    expect(error.message).toContain("The '@{' here is not closed with '}' at position 2 in 'x @{concat('a''");
    expect(error.message).toContain('at /a');
  });

  it('escapes JSON pointer segments', () => {
    const error = wdlError({ 'a/b': { 'c~d': '@nope()' } });
    expect(error.message).toContain('at /a~1b/c~0d');
    expect(error.code).toBe('UnknownFunction');
  });
});

describe('containsTemplate and findTemplateProblems', () => {
  it('finds templates anywhere, keys included', () => {
    expect(containsTemplate({ a: [1, 'x', { b: 'plain' }] })).toBe(false);
    expect(containsTemplate({ a: [1, 'x', { b: '@{1}' }] })).toBe(true);
    expect(containsTemplate({ '@{k}': 1 })).toBe(true);
    expect(containsTemplate('@@x')).toBe(true);
    expect(containsTemplate(null)).toBe(false);
  });

  it('lists every template that does not parse, with its path and position', () => {
    const definition = {
      actions: {
        Send: { inputs: { body: { text: "Hi @{concat('a'", ok: '@{1}', list: ['fine', '@add(1,'] } } },
        Compose: { inputs: { '@bad key(': 1 } },
      },
    };
    expect(findTemplateProblems(definition, '')).toEqual([
      { path: '/actions/Send/inputs/body/text', position: 3, code: 'InvalidTemplate', message: expect.stringContaining("The '@{' here is not closed") as unknown },
      { path: '/actions/Send/inputs/body/list/1', position: 7, code: 'InvalidTemplate', message: expect.stringContaining('but the expression ends at position 7') as unknown },
      { path: '/actions/Compose/inputs/@bad key(', position: 1, code: 'InvalidTemplate', message: expect.stringContaining("'bad' is not a value") as unknown },
    ]);
  });

  it('prefixes the path it is given', () => {
    expect(findTemplateProblems({ x: '@{}' }, '/definition')).toEqual([
      { path: '/definition/x', position: 0, code: 'InvalidTemplate', message: expect.stringContaining("'@{}' holds no expression") as unknown },
    ]);
  });

  it('never throws on odd input', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => findTemplateProblems(circular, '')).not.toThrow();
    expect(findTemplateProblems(undefined, '')).toEqual([]);
    expect(findTemplateProblems(42, '')).toEqual([]);
  });
});

describe('evaluateExpression', () => {
  it('evaluates text without the @ and returns plain JSON', () => {
    const host = createJsonHost({ triggerBody: { total: 10 } });
    expect(evaluateExpression("mul(triggerBody()?['total'], 1.5)", host)).toBe(15);
    expect(evaluateExpression("createArray(float('2'))", host)).toEqual([2]);
  });

  it('throws syntax errors with the position', () => {
    const host = createJsonHost({});
    expect(() => evaluateExpression('add(1,', host)).toThrow(/at position 6 in 'add\(1,'/);
  });
});

describe('callFunction', () => {
  const host = createJsonHost({});

  it('calls a function by name with values, as condition objects need', () => {
    expect(callFunction('EQUALS', [1, 1.0], host)).toBe(true);
    expect(callFunction('greater', ['b', 'a'], host)).toBe(true);
    expect(callFunction('and', [true, false], host)).toBe(false);
    expect(callFunction('div', [10, 4], host)).toBe(2);
    expect(callFunction('float', ['2'], host)).toBe(2);
  });

  it('checks the name, the argument count and the types', () => {
    expect(() => callFunction('nope', [], host)).toThrow("The function 'nope' is not defined or not valid");
    expect(() => callFunction('equals', [1], host)).toThrow("The function 'equals' expects 2 arguments but got 1.");
    expect(() => callFunction('greater', [1, 'a'], host)).toThrow("'greater' compares two numbers or two strings");
  });
});

describe('findTemplateCallProblems', () => {
  it('lists unknown functions and wrong argument counts with their positions', () => {
    const value = {
      path: "/@{toUpper(triggerBody()?['SessionId'],'-topic')}/messages",
      ok: "@if(true, 1, concat('a'))",
      nested: ["@{agentParameters('x')} and @{nope(add(1))}"],
      broken: '@add(1,',
    };
    expect(findTemplateCallProblems(value, '/inputs')).toEqual([
      {
        path: '/inputs/path',
        position: 3,
        code: 'ArgumentCount',
        message: expect.stringContaining("The function 'toUpper' expects 1 argument but got 2 at position 3") as unknown,
      },
      { path: '/inputs/nested/0', position: 30, code: 'UnknownFunction', message: expect.stringContaining("The function 'nope' is not defined or not valid at position 30") as unknown },
      { path: '/inputs/nested/0', position: 35, code: 'ArgumentCount', message: expect.stringContaining("The function 'add' expects 2 arguments but got 1") as unknown },
    ]);
  });
});
