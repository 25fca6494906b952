import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { positionOf, type ExpressionNode } from './ast.js';
import { MAX_EXPRESSION_LENGTH, parseExpression } from './parser.js';
import { printExpression } from './printer.js';

function ast(text: string): ExpressionNode {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.ast;
}

function syntaxError(text: string): { message: string; position: number | undefined; code: string } {
  const result = parseExpression(text);
  if (result.ok) throw new Error(`expected '${text}' not to parse`);
  return { message: result.error.message, position: result.error.position, code: result.error.code };
}

describe('literals', () => {
  it.each([
    ["'test'", { kind: 'string', value: 'test' }],
    ["'don''t worry'", { kind: 'string', value: "don't worry" }],
    ["''", { kind: 'string', value: '' }],
    ["''''", { kind: 'string', value: "'" }],
    ['1', { kind: 'integer', value: 1 }],
    ['-51', { kind: 'integer', value: -51 }],
    ['+54', { kind: 'integer', value: 54 }],
    ['-0', { kind: 'integer', value: 0 }],
    ['0.5', { kind: 'float', value: 0.5 }],
    ['+.5', { kind: 'float', value: 0.5 }],
    ['.3', { kind: 'float', value: 0.3 }],
    ['+1.', { kind: 'float', value: 1 }],
    ['-01.0', { kind: 'float', value: -1 }],
    ['3e1', { kind: 'float', value: 30 }],
    ['3.2e-1', { kind: 'float', value: 0.32 }],
    ['0.9e+1', { kind: 'float', value: 9 }],
    ['5.0', { kind: 'float', value: 5 }],
    ['null', { kind: 'null' }],
    ['true', { kind: 'boolean', value: true }],
    ['FALSE', { kind: 'boolean', value: false }],
  ])('%s', (text, expected) => {
    expect(ast(text)).toEqual(expected);
  });

  it('keeps integers of the full 64-bit range exactly', () => {
    expect(ast('9223372036854775807')).toEqual({ kind: 'integer', value: 9223372036854775807n });
    expect(ast('-9223372036854775808')).toEqual({ kind: 'integer', value: -9223372036854775808n });
    expect(ast('9007199254740991')).toEqual({ kind: 'integer', value: 9007199254740991 });
  });

  it('refuses integers beyond 64 bits, with the range in the message', () => {
    for (const text of ['9223372036854775808', '-9223372036854775809', '18446744073709551615']) {
      expect(syntaxError(text).message).toContain('outside the 64-bit range');
    }
  });
});

describe('calls and steps', () => {
  it('parses calls with nested arguments', () => {
    expect(ast("concat('a', add(1, 2))")).toEqual({
      kind: 'call',
      name: 'concat',
      args: [
        { kind: 'string', value: 'a' },
        { kind: 'call', name: 'add', args: [{ kind: 'integer', value: 1 }, { kind: 'integer', value: 2 }] },
      ],
    });
  });

  it('parses property, index and null-safe steps', () => {
    expect(ast("triggerBody()?['a'].b?.c[0]")).toEqual({
      kind: 'index',
      nullSafe: false,
      index: { kind: 'integer', value: 0 },
      target: {
        kind: 'property',
        name: 'c',
        nullSafe: true,
        target: {
          kind: 'property',
          name: 'b',
          nullSafe: false,
          target: { kind: 'index', nullSafe: true, index: { kind: 'string', value: 'a' }, target: { kind: 'call', name: 'triggerBody', args: [] } },
        },
      },
    });
  });

  it('accepts .NET whitespace between tokens', () => {
    expect(ast("\u00a0concat (\t'a' ,\u3000'b' ) ?[ 'x' ] ")).toEqual(ast("concat('a','b')?['x']"));
  });

  it('keeps function names as written (lookup is case-insensitive)', () => {
    expect(ast("ADD(INT('1'), 2)")).toMatchObject({ kind: 'call', name: 'ADD' });
  });

  it('records where nodes start', () => {
    const node = ast("concat('a', add(1, 2))");
    expect(positionOf(node)).toBe(0);
    if (node.kind !== 'call') throw new Error('expected a call');
    expect(positionOf(node.args[1] as ExpressionNode)).toBe(12);
  });
});

describe('syntax errors name the position', () => {
  it.each([
    ["concat('a', 'b'", "Expected ')' to close the call of 'concat' at position 15 in 'concat('a', 'b''", 15],
    ["add(1,", 'but the expression ends at position 6', 6],
    ["'abc", 'not closed with a single quote at position 0', 0],
    ['"abc"', 'Double quotes are not allowed in expressions', 0],
    ["string( { \"name\": \"Sophie Owen\" } )", "Unexpected '{'", 8],
    ['concat', "'concat' is not a value: a function call needs '('", 0],
    ["'a','b','c'", "Unexpected ','", 3],
    ["concat('a','b')('c')", "Unexpected '('", 15],
    ['+', 'is not a number', 0],
    ['++1', 'is not a number', 0],
    ['--1', 'is not a number', 0],
    ['1e', 'the exponent needs digits', 0],
    ['1e+', 'the exponent needs digits', 0],
    ['1e1.1', 'is not a number', 0],
    ['12abc', 'is not a number', 0],
    ['()', "Unexpected '('", 0],
    ['', 'but the expression ends', 0],
    ['f()?', "'?' must be followed by '.' or '['", 4],
    ['f().', 'Expected a property name', 4],
    ["f()['a'", "Expected ']' to close the index", 7],
    ["'a'.length", 'can only follow a function call', 3],
    ['null[0]', 'can only follow a function call', 4],
  ])('%s', (text, message, position) => {
    const error = syntaxError(text);
    expect(error.code).toBe('InvalidTemplate');
    expect(error.message).toContain(message);
    expect(error.position).toBe(position);
  });

  it('refuses expressions over 8,192 characters', () => {
    const text = `concat('${'x'.repeat(MAX_EXPRESSION_LENGTH)}')`;
    const error = syntaxError(text);
    expect(error.message).toContain('the limit is 8192');
    // concat('…') adds 10 characters: 8,192 in all parses, 8,193 does not.
    expect(ast(`concat('${'x'.repeat(MAX_EXPRESSION_LENGTH - 10)}')`)).toMatchObject({ kind: 'call' });
    const justOver = syntaxError(`concat('${'x'.repeat(MAX_EXPRESSION_LENGTH - 9)}')`);
    expect(justOver.message).toContain('The expression is 8193 characters long; the limit is 8192');
    expect(justOver.position).toBe(MAX_EXPRESSION_LENGTH);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const text = `${'f('.repeat(300)}1${')'.repeat(300)}`;
    expect(syntaxError(text).message).toContain('nests calls more than 256 deep');
  });
});

describe('printing', () => {
  it.each([
    ["concat( 'a' ,'b''c' )", "concat('a', 'b''c')"],
    ['add(1, 5.0)', 'add(1, 5.0)'],
    ["triggerBody()?['x'].y", "triggerBody()?['x'].y"],
    ['f(-0.0, 1e21, 3e1)', 'f(-0.0, 1e+21, 30.0)'],
    ['f(true, NULL)', 'f(true, null)'],
  ])('%s prints as %s', (text, printed) => {
    expect(printExpression(ast(text))).toBe(printed);
  });

  it('prints hand-made property names that are not identifiers as an index', () => {
    const node: ExpressionNode = { kind: 'property', name: 'two words', nullSafe: true, target: { kind: 'call', name: 'item', args: [] } };
    expect(printExpression(node)).toBe("item()?['two words']");
  });
});

describe('properties', () => {
  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const result = parseExpression(text);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on text made of the grammar characters', () => {
    const pieces = fc.constantFrom('(', ')', '[', ']', '.', ',', '?', "'", "''", '"', '@', '{', '}', ' ', 'a', 'f', '1', '-', '+', 'e', '0.5', 'null', 'true', 'concat(', 'x()');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const result = parseExpression(parts.join(''));
        if (!result.ok) expect(result.error.position).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 3000 },
    );
  });

  const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_$-]{0,8}$/);
  const leaf: fc.Arbitrary<ExpressionNode> = fc.oneof(
    fc.string({ maxLength: 12 }).map((value): ExpressionNode => ({ kind: 'string', value })),
    fc.integer().map((value): ExpressionNode => ({ kind: 'integer', value: value === 0 ? 0 : value })),
    fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).filter((value) => !Number.isSafeInteger(Number(value))).map((value): ExpressionNode => ({ kind: 'integer', value })),
    fc.double({ noNaN: true }).map((value): ExpressionNode => ({ kind: 'float', value })),
    fc.boolean().map((value): ExpressionNode => ({ kind: 'boolean', value })),
    fc.constant<ExpressionNode>({ kind: 'null' }),
  );
  const tree = fc.letrec<{ node: ExpressionNode; call: ExpressionNode }>((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, leaf, tie('call')),
    call: fc.oneof(
      fc.record({ kind: fc.constant('call' as const), name: identifier, args: fc.array(tie('node'), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('property' as const), target: tie('call'), name: identifier, nullSafe: fc.boolean() }),
      fc.record({ kind: fc.constant('index' as const), target: tie('call'), index: tie('node'), nullSafe: fc.boolean() }),
    ),
  })).node;

  it('parse(print(tree)) gives the tree back', () => {
    fc.assert(
      fc.property(tree, (node) => {
        expect(ast(printExpression(node))).toEqual(node);
      }),
      { numRuns: 1500 },
    );
  });

  it('parse(print(parse(text))) equals parse(text) for text that parses', () => {
    const pieces = fc.constantFrom("f(", "g(1, ", "'a'", "'it''s'", ')', ')', ')', '?', "['k']", '.p', '[0]', ' ', '2.50', '-3', 'true', 'null', ',');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const first = parseExpression(parts.join(''));
        if (!first.ok) return;
        expect(ast(printExpression(first.ast))).toEqual(first.ast);
      }),
      { numRuns: 3000 },
    );
  });
});
