import { describe, expect, it } from 'vitest';
import { formatDouble, toInterpolatedString, toJsonText } from './stringify.js';
import { DecimalMath, WdlDecimal, WdlFloat } from './values.js';

describe('formatDouble writes doubles as .NET does', () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [-1.5, '-1.5'],
    [0.1, '0.1'],
    [0.0001, '0.0001'],
    [0.00001, '1E-05'],
    [123456789012345, '123456789012345'],
    [1e15, '1E+15'],
    [1234567890123456, '1.234567890123456E+15'],
    [9223372036854775808, '9.223372036854776E+18'],
    [1.7e308, '1.7E+308'],
    [5e-324, '5E-324'],
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ])('%d → %s', (value, text) => {
    expect(formatDouble(value)).toBe(text);
  });
});

describe('toInterpolatedString', () => {
  it.each([
    ['text', 'text'],
    [null, ''],
    [undefined, ''],
    [true, 'True'],
    [false, 'False'],
    [42, '42'],
    [2.5, '2.5'],
    [new WdlFloat(5), '5'],
    [9007199254740993n, '9007199254740993'],
    [new WdlDecimal(new DecimalMath('5'), 1), '5.0'],
    [[1, 'a', null, { b: true }], '[1,"a",null,{"b":true}]'],
    [{ '$content-type': 'text/plain;charset=utf-8', '$content': 'aMOpbGxv' }, 'héllo'],
  ])('%s → %j', (value, text) => {
    expect(toInterpolatedString(value)).toBe(text);
  });
});

describe('toJsonText', () => {
  it('keeps floats and decimals distinguishable from integers', () => {
    expect(toJsonText([new WdlFloat(5), 5, 0.5, new WdlDecimal(new DecimalMath('5'), 0), new WdlFloat(1e20), NaN])).toBe('[5.0,5,0.5,5.0,1E+20,"NaN"]');
  });

  it('escapes strings and keys like JSON', () => {
    expect(toJsonText({ 'a"b': 'line\nbreak\u0001', n: null })).toBe('{"a\\"b":"line\\nbreak\\u0001","n":null}');
  });
});
