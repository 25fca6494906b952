import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { functionNames } from '../functions/library.js';
import { ExpressionError } from '../functions/registry.js';
import { evaluateExpression } from './evaluate.js';
import { createJsonHost } from './json-host.js';
import { wdl, wdlError } from './test-kit.js';

describe('property access', () => {
  // Cases observed on the service (IllogicApps BasicLanguageTests).
  it.each([
    ['@json(\'{"abCDef": 123}\').abcdef', 123],
    ['@json(\'{"abCDef": 123}\')?.abcdef', 123],
    ['@json(\'{"abCDef": 123}\').AbcdEF', 123],
    ['@json(\'{"abCDef": 123}\')[\'abcdef\']', 123],
    ['@json(\'{"abCDef": 123}\')?[\'AbcdEF\']', 123],
    ['@json(\'{"a": 1, "a": 2}\').a', 2],
    ['@json(\'{"a": 1, "A": 2}\').a', 1],
    ['@json(\'{"A": 1, "a": 2}\').a', 2],
    ['@json(\'{"a": 1, "A": 2}\').A', 2],
    ['@json(\'{"A": 1, "a": 2}\').A', 1],
    ['@json(\'{"aAa": 1, "AaA": 2}\').aaa', 1],
    ['@json(\'{"AaA": 1, "aAa": 2}\').AAA', 1],
  ])('%s is %j (exact case wins, else the first match ignoring case)', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });

  it('keeps the last of repeated keys, and both of keys differing by case', () => {
    expect(wdl('@json(\'{"a": 1, "b": -1, "a": 2}\')')).toEqual({ b: -1, a: 2 });
    expect(Object.keys(wdl('@json(\'{"a": 1, "b": -1, "a": 2}\')') as object)).toEqual(['b', 'a']);
    expect(wdl('@json(\'{"a": 1, "A": 2}\')')).toEqual({ a: 1, A: 2 });
  });

  it('fails on a missing property, listing the available ones', () => {
    const error = wdlError("@triggerBody().Title", { triggerBody: { id: 1, name: 'x' } });
    expect(error.code).toBe('PropertyNotFound');
    expect(error.message).toContain("The property 'Title' doesn't exist; available properties are 'id', 'name'. Use ?['Title'] to get null when it may be missing.");
    expect(error.position).toBe(14);
  });

  it('gives null for a missing property with ?', () => {
    expect(wdl("@triggerBody()?['Title']", { triggerBody: { id: 1 } })).toBeNull();
    expect(wdl("@triggerBody()?.Title?.length", { triggerBody: { id: 1 } })).toBeNull();
    expect(wdl("@{triggerBody()?['Title']}", { triggerBody: {} })).toBe('');
  });

  it('fails on a step from null without ?, each step on its own', () => {
    expect(wdlError("@triggerBody()?['a']['b']", { triggerBody: {} }).message).toContain(
      "Cannot select property 'b' because the value is null. Use ?['b']",
    );
    expect(wdl("@triggerBody()?['a']?['b']", { triggerBody: {} })).toBeNull();
  });

  it('explains steps on values that have no properties', () => {
    expect(wdlError("@variables('s').length", { variables: { s: 'abc' } }).message).toContain("Cannot select property 'length' of the string 'abc'");
    expect(wdlError("@variables('a').x", { variables: { a: [1] } }).message).toContain('arrays are indexed with integers');
    expect(wdlError("@variables('o')[0]", { variables: { o: { a: 1 } } }).message).toContain('only arrays take integer indexes');
    expect(wdlError("@variables('a')[true]", { variables: { a: [1] } }).code).toBe('ArgumentType');
  });
});

describe('array indexes', () => {
  const context = { variables: { list: ['a', 'b', 'c'] } };

  it('reads items by integer index', () => {
    expect(wdl("@variables('list')[0]", context)).toBe('a');
    expect(wdl("@variables('list')[add(1, 1)]", context)).toBe('c');
  });

  it('fails past the end, saying the valid range', () => {
    const error = wdlError("@variables('list')[3]", context);
    expect(error.code).toBe('IndexOutOfRange');
    expect(error.message).toContain('The index 3 is out of range for an array of 3 items (valid indexes are 0 to 2). Use ?[3] to get null instead.');
    expect(wdlError("@variables('list')[-1]", context).code).toBe('IndexOutOfRange');
    expect(wdlError("@json('[]')[0]").message).toContain('the array is empty');
  });

  it('gives null past the end with ?', () => {
    expect(wdl("@variables('list')?[3]", context)).toBeNull();
  });
});

describe('slash paths on trigger and action outputs', () => {
  const context = {
    triggerOutputs: { body: { value: [{ Title: 'first' }], 'odata.etag': 'x' } },
    actions: { Get_item: { outputs: { body: { Title: 'Report', Author: { Email: 'a@b.c' } } } } },
  };

  it('reads body/value style paths as nested properties', () => {
    expect(wdl("@triggerOutputs()?['body/value']", context)).toEqual([{ Title: 'first' }]);
    expect(wdl("@outputs('Get_item')?['body/title']", context)).toBe('Report');
    expect(wdl("@outputs('Get_item')?['body/Author/Email']", context)).toBe('a@b.c');
    expect(wdl("@triggerOutputs()?['body/value/0/Title']", context)).toBe('first');
    expect(wdl("@body('Get_item')?['Author/Email']", context)).toBe('a@b.c');
  });

  it('gives null for a missing path with ?, and names the missing step without', () => {
    expect(wdl("@outputs('Get_item')?['body/missing/x']", context)).toBeNull();
    expect(wdlError("@outputs('Get_item')['body/missing']", context).message).toContain("The property 'missing' under 'body' doesn't exist");
  });

  it('prefers a property whose name has a slash', () => {
    expect(wdl("@triggerOutputs()?['body/odata.etag']", context)).toBe('x');
    expect(wdl("@json('{\"a/b\": 1, \"a\": {\"b\": 2}}')?['a/b']")).toBe(1);
  });

  it('does not read slash paths on other values', () => {
    expect(wdl("@json('{\"a\": {\"b\": 2}}')?['a/b']")).toBeNull();
  });
});

describe('calls', () => {
  it('looks function names up ignoring case', () => {
    expect(wdl("@ADD(INT('123'),INT('456'))")).toBe(579);
  });

  it('fails on an unknown function when it is evaluated', () => {
    const error = wdlError('@nope()');
    expect(error.code).toBe('UnknownFunction');
    expect(error.message).toContain("The function 'nope' is not defined or not valid");
  });

  it('checks the argument count', () => {
    expect(wdlError("@concat()").message).toContain("The function 'concat' expects at least 1 argument but got 0.");
    expect(wdlError('@add(1)').message).toContain("The function 'add' expects 2 arguments but got 1.");
    expect(wdlError('@substring(1)').message).toContain("The function 'substring' expects 2 to 3 arguments but got 1.");
    expect(wdlError('@and()').code).toBe('ArgumentCount');
  });

  it('evaluates arguments left to right', () => {
    const error = wdlError("@concat(variables('first'), variables('second'))");
    expect(error.message).toContain("'first'");
  });
});

describe('lazy if, and, or, coalesce (IllogicApps LogicTests)', () => {
  it.each([
    ["@and(false,int('blkadokg'))", false],
    ['@and(false,faweorawoekjf())', false],
    ['@and(and(and(true,true),false),nope())', false],
    ["@or(true,int('blkadokg'))", true],
    ['@or(or(or(false,false),true),nope())', true],
    ['@if(true,1,throwMeAnError())', 1],
    ['@if(false,throwMeAnError(),2)', 2],
    ['@if(if(false,false,true),if(true,1,2),if(true,3,4))', 1],
    ['@if(if(true,false,true),if(false,1,2),if(false,3,4))', 4],
    ["@coalesce('hi',FakeFunctionWhichErrors())", 'hi'],
    ['@and(true,true,true,true,true,true,true,true,false)', false],
    ['@or(false,false,false,true,false,false,false,false,false)', true],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });

  it.each([
    ["@and(int('blkadokg'),false)", "'blkadokg'"],
    ['@and(and(and(true,true),true),nope())', "'nope' is not defined"],
    ['@or(or(or(false,false),false),nope())', "'nope' is not defined"],
    ['@if(true,throwMeAnError(),2)', "'throwMeAnError' is not defined"],
    ['@if(if(true,false,true),if(true,throwMeAnError(),throwAnotherError()),if(true,secretThirdError(),4))', "'secretThirdError' is not defined"],
    ['@if(if(false,false,true),if(false,throwMeAnError(),throwAnotherError()),if(false,secretThirdError(),4))', "'throwAnotherError' is not defined"],
    ['@coalesce(null,FakeFunctionWhichErrors())', "'FakeFunctionWhichErrors' is not defined"],
  ])('%s fails naming %s', (text, fragment) => {
    expect(wdlError(text).message).toContain(fragment);
  });

  it('needs booleans', () => {
    expect(wdlError("@and(true, 'yes')").message).toContain("The 2nd argument of 'and' must be a boolean (true or false); got the string 'yes'.");
    expect(wdlError('@if(1, 2, 3)').message).toContain("The 1st argument of 'if' must be a boolean");
  });
});

describe('integer, float and decimal arithmetic (IllogicApps NumericLimitsTests)', () => {
  it.each([
    ['@{9223372036854775807}', '9223372036854775807'],
    ['@{-9223372036854775808}', '-9223372036854775808'],
    ['@{9223372036854775809.5}', '9.223372036854776E+18'],
    ['@{-9223372036854775809.5}', '-9.223372036854776E+18'],
    ['@{add(2147483647, 1)}', '2147483648'],
    ['@{add(4294967295, 1)}', '4294967296'],
    ['@{mul(1e308, 2)}', 'Infinity'],
    ['@{mul(4294967295, 4294967295.0)}', '1.8446744065119617E+19'],
    ["@{mul(decimal('4294967295'), 4294967295)}", '18446744065119617025'],
    ["@{mul(decimal('4294967295'), 4294967295.0)}", '18446744065119617025'],
    ['@{div(11, 5)}', '2'],
    ['@{div(-11, 5)}', '-2'],
    ['@{div(11, 5.0)}', '2.2'],
    ['@{div(10, 4.0)}', '2.5'],
    ['@{mod(-5, 2)}', '-1'],
    ['@{mod(4, -3)}', '1'],
    ['@{mul(1.5, 2)}', '3'],
    ['@{sub(10.3, .3)}', '10'],
    ["@{string(add(decimal(float('0')),float('3')))}", '3'],
  ])('%s gives %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });

  it('keeps integer results integral and float results float', () => {
    expect(wdl('@{createArray(div(10, 5), div(10, 5.0), add(1, 1.0))}')).toBe('[2,2.0,2.0]');
  });

  it.each([
    ["@{mul(decimal('70000000000000000000000000000'), 10)}"],
    ['@{add(9223372036854775807, 1)}'],
    ['@{mul(4294967295, 4294967295)}'],
    ["@{mul(max(20, decimal('10'), 30.1), 1e50)}"],
    ['@div(-1, 0)'],
    ['@div(0, 0)'],
    ['@mod(1, 0)'],
    ['@div(1.5, 0.0)'],
  ])('%s is an arithmetic error', (text) => {
    expect(wdlError(text).code).toBe('ArithmeticError');
  });

  it('does 64-bit integer arithmetic exactly', () => {
    expect(wdl('@{add(9007199254740993, 2)}')).toBe('9007199254740995');
    expect(wdl('@{sub(-9223372036854775807, 1)}')).toBe('-9223372036854775808');
    expect(wdl('@{div(9223372036854775807, 2)}')).toBe('4611686018427387903');
    expect(wdl("@{sub(ticks('2018-03-15T00:00:01Z'), ticks('2018-03-15T00:00:00Z'))}")).toBe('10000000');
  });
});

describe('robustness', () => {
  const names = functionNames().filter((name) => !['range', 'rand', 'guid', 'utcNow', 'getFutureTime', 'getPastTime'].includes(name));
  const literal = fc.oneof(
    fc.string({ maxLength: 8 }).map((value) => `'${value.replace(/'/g, "''")}'`),
    fc.integer({ min: -1000, max: 1000 }).map(String),
    fc.constantFrom('0.5', '5.0', '-1e3', 'true', 'false', 'null', "'2018-03-15T13:27:36Z'", "'a,b'", "'{\"a\":1}'", "'<r><v>1</v></r>'", "'https://x.example/p?q=1'", "'data:,x'", "'aGk='"),
  );
  const expression: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      literal,
      fc.record({ name: fc.constantFrom(...names), args: fc.array(tie('value'), { maxLength: 3 }) }).map(({ name, args }) => `${name}(${args.join(', ')})`),
    ),
  })).value;

  it('any call of library functions gives a value or an ExpressionError that is not a crash', () => {
    const host = createJsonHost({ variables: { v: 1 }, triggerBody: { a: [1, 2] } }, { now: () => new Date('2018-03-01T00:00:00Z'), random: () => 0.5 });
    fc.assert(
      fc.property(expression, (text) => {
        try {
          evaluateExpression(text, host);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionError);
          expect((error as ExpressionError).code, `${text}: ${(error as Error).message}`).not.toBe('FunctionFailed');
        }
      }),
      { numRuns: Number(process.env.BROOK_FUZZ_RUNS ?? 3000) },
    );
  });
});
