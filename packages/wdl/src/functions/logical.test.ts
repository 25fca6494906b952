import { describe, expect, it } from 'vitest';
import { wdl, wdlError } from '../expressions/test-kit.js';

describe('reference examples', () => {
  it.each([
    ['@and(true, true)', true],
    ['@and(false, true)', false],
    ['@and(false, false)', false],
    ['@and(equals(1, 1), equals(2, 2))', true],
    ['@and(equals(1, 1), equals(1, 2))', false],
    ['@and(equals(1, 2), equals(1, 3))', false],
    ['@equals(true, 1)', true],
    ["@equals('abc', 'abcd')", false],
    ['@greater(10, 5)', true],
    ["@greater('apple', 'banana')", false],
    ['@greaterOrEquals(5, 5)', true],
    ["@greaterOrEquals('apple', 'banana')", false],
    ["@if(equals(1, 1), 'yes', 'no')", 'yes'],
    ['@less(5, 10)', true],
    ["@less('banana', 'apple')", false],
    ['@lessOrEquals(10, 10)', true],
    ["@lessOrEquals('apply', 'apple')", false],
    ['@not(false)', true],
    ['@not(true)', false],
    ['@not(equals(1, 2))', true],
    ['@not(equals(1, 1))', false],
    ['@or(true, false)', true],
    ['@or(false, false)', false],
    ['@or(equals(1, 1), equals(1, 2))', true],
    ['@or(equals(1, 2), equals(1, 3))', false],
    ["@isInt('10')", true],
    ["@isFloat('10,000.00')", true],
    ["@isFloat('10.000,00', 'de-DE')", true],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });
});

describe('equals', () => {
  it.each([
    ['@equals(1, 1.0)', true],
    ["@equals(1, decimal('1.00'))", true],
    ["@equals(1, '1')", false],
    ["@equals('abc', 'ABC')", false],
    ['@equals(null, null)', true],
    ["@equals(null, '')", false],
    ["@equals('True', true)", true],
    ["@equals('false', false)", true],
    ["@equals('yes', true)", false],
    ['@equals(false, 0)', true],
    ['@equals(true, 2)', false],
    ["@equals(createArray(1, 'a'), createArray(1, 'a'))", true],
    ["@equals(createArray(1, 'a'), createArray('a', 1))", false],
    ['@equals(json(\'{"a":1,"b":[2]}\'), json(\'{"b":[2.0],"a":1}\'))', true],
    ['@equals(json(\'{"a":1}\'), json(\'{"A":1}\'))', false],
    ["@equals(float('NaN'), float('NaN'))", false],
    ['@equals(9223372036854775807, 9223372036854775806)', false],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });
});

describe('ordering', () => {
  it.each([
    ['@greater(2.5, 2)', true],
    ["@greater(decimal('2.5'), 2.4)", true],
    ["@less('B', 'a')", true],
    ["@greater('a', null)", true],
    ['@greaterOrEquals(null, null)', true],
    ["@less(float('NaN'), 1)", false],
    ["@greaterOrEquals(float('NaN'), 1)", false],
    ['@lessOrEquals(9223372036854775806, 9223372036854775807)', true],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });

  it.each(["@greater(1, '1')", '@less(true, false)', '@greater(createArray(1), createArray(0))', '@lessOrEquals(null, 1)'])('%s compares unlike types and fails', (text) => {
    const error = wdlError(text);
    expect(error.code).toBe('ArgumentType');
    expect(error.message).toContain('compares two numbers or two strings');
  });
});

describe('not, and, or need booleans', () => {
  it.each([
    ["@not('false')", "The 1st argument of 'not' must be a boolean (true or false); got the string 'false'."],
    ['@not(null)', "The 1st argument of 'not' must be a boolean (true or false); got null."],
    ['@or(false, 0)', "The 2nd argument of 'or' must be a boolean"],
  ])('%s', (text, message) => {
    expect(wdlError(text).message).toContain(message);
  });

  it('and/or take one or more arguments', () => {
    expect(wdl('@and(true)')).toBe(true);
    expect(wdl('@or(false)')).toBe(false);
    expect(wdlError('@or()').message).toContain("The function 'or' expects at least 1 argument but got 0.");
  });
});

describe('isInt and isFloat test strings (IllogicApps NumericConversionTests)', () => {
  it.each([
    ["@isInt('-42')", true],
    ["@isInt(' 1,000 ')", true],
    ["@isInt('1e3')", true],
    ["@isInt('1.5')", false],
    ["@isInt('9223372036854775807')", true],
    ["@isInt('9223372036854775808')", false],
    ["@isInt('abc')", false],
    ["@isInt('')", false],
    ["@isFloat('NaN')", true],
    ["@isFloat('NaN','de-de')", true],
    ["@isFloat('Infinity')", true],
    ["@isFloat('infINITY','')", true],
    ["@isFloat('Infinity','en-gb')", false],
    ["@isFloat('inf')", false],
    ["@isFloat('400,000','en-gb')", true],
    ["@isFloat('400.000','de-de')", true],
    ["@isFloat('111.222.333')", false],
    ["@isFloat('111.222.333','de-de')", true],
    ["@isFloat('200-')", true],
    ["@isFloat('(200)')", false],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });

  it('refuses non-strings and unknown locales', () => {
    expect(wdlError('@isFloat(3.14)').message).toContain("The 1st argument of 'isFloat' must be a string; got the float 3.14.");
    expect(wdlError('@isInt(10)').code).toBe('ArgumentType');
    expect(wdlError("@isFloat('1', 'no such locale!')").message).toContain("is not a known locale: 'no such locale!'");
  });
});
