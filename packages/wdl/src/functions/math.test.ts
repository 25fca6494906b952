import { describe, expect, it } from 'vitest';
import { wdl, wdlError } from '../expressions/test-kit.js';

describe('reference examples', () => {
  it.each([
    ['@add(1, 1.5)', 2.5],
    ['@div(10,5)', 2],
    ['@div(11,5)', 2],
    ['@div(11,5.0)', 2.2],
    ['@div(11.0,5)', 2.2],
    ['@max(1, 2, 3)', 3],
    ['@max(createArray(1, 2, 3))', 3],
    ['@min(1, 2, 3)', 1],
    ['@min(createArray(1, 2, 3))', 1],
    ['@mod(3, 2)', 1],
    ['@mod(-5, 2)', -1],
    ['@mod(4, -3)', 1],
    ['@mul(1, 2)', 2],
    ['@mul(1.5, 2)', 3],
    ['@range(1, 4)', [1, 2, 3, 4]],
    ['@sub(10.3, .3)', 10],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toEqual(expected);
  });

  it('rand(1, 5) returns 1, 2, 3 or 4 from the host random source', () => {
    expect(wdl('@rand(1, 5)', {}, () => 0)).toBe(1);
    expect(wdl('@rand(1, 5)', {}, () => 0.999999)).toBe(4);
    expect(wdl('@rand(1, 5)', {}, () => 0.5)).toBe(3);
    expect(wdl('@rand(7, 7)')).toBe(7);
  });
});

describe('result types', () => {
  it('two integers give an integer, a float anywhere gives a float', () => {
    expect(wdl('@{createArray(add(1, 2), add(1, 2.0), sub(5, 5.0), mul(2, 3), div(7, 2), div(7, 2.0), mod(7, 2.0))}')).toBe('[3,3.0,0.0,6,3,3.5,1.0]');
  });

  it('a decimal anywhere gives a decimal with .NET scale rules', () => {
    expect(wdl("@{add(decimal('1.10'), 1)}")).toBe('2.10');
    expect(wdl("@{mul(decimal('1.5'), decimal('2.00'))}")).toBe('3.000');
    expect(wdl("@{div(decimal('10'), 4)}")).toBe('2.5');
    expect(wdl("@{div(decimal('1'), 3)}")).toBe('0.3333333333333333333333333333');
    expect(wdl("@{div(decimal('2'), 3)}")).toBe('0.6666666666666666666666666667');
    expect(wdl("@{div(decimal('10.00'), 2)}")).toBe('5.00');
    expect(wdl("@{mod(decimal('7.5'), 2)}")).toBe('1.5');
    expect(wdl("@{sub(decimal('0.3'), 0.1)}")).toBe('0.2');
    expect(wdl("@string(add(decimal('1.2345678912312131'), decimal('1.2345678912312131')))")).toBe('2.4691357824624262');
  });

  it('max and min promote to the widest type of the set', () => {
    expect(wdl('@{max(1, 2.5)}')).toBe('2.5');
    expect(wdl('@{createArray(max(3, 2.5))}')).toBe('[3.0]');
    expect(wdl("@{createArray(min(decimal('2'), 3))}")).toBe('[2.0]');
    expect(wdl("@max(float('NaN'), 1)")).toBeNaN();
  });
});

describe('errors', () => {
  it.each([
    ["@add('1', 2)", "The 1st argument of 'add' must be a number; got the string '1'."],
    ['@sub(1, null)', "The 2nd argument of 'sub' must be a number; got null."],
    ['@mul(true, 2)', "The 1st argument of 'mul' must be a number; got the boolean true."],
    ["@max(1, 'a')", "The 2nd argument of 'max' must be a number; got the string 'a'."],
    ['@max(5)', "The 1st argument of 'max' must be an array of numbers (or give the numbers as separate arguments); got the integer 5."],
    ["@min(json('[]'))", "The 1st argument of 'min' is an empty array; it needs at least one number."],
    ["@min(createArray(1, 'x'))", "'min' needs numbers, but item 1 of the array is the string 'x'."],
    ['@rand(5, 1)', "The 2nd argument of 'rand' (1) must not be less than the 1st (5)"],
    ['@rand(1.5, 2)', "The 1st argument of 'rand' must be an integer; got the float 1.5."],
    ['@range(1, -1)', "The 2nd argument of 'range' is the count of integers and must be between 0 and 100000; got -1."],
    ['@range(1, 100001)', 'must be between 0 and 100000'],
    ['@range(2147483647, 1)', "'range' needs start + count to be at most 2147483647"],
    ['@div(1, 0)', "'div' cannot divide by zero: its 2nd argument is 0."],
    ["@add(decimal('1'), float('NaN'))", "NaN and Infinity have no decimal form"],
  ])('%s', (text, message) => {
    expect(wdlError(text).message).toContain(message);
  });

  it('range accepts zero and the documented maximum', () => {
    expect(wdl('@range(5, 0)')).toEqual([]);
    expect((wdl('@range(0, 100000)') as number[]).length).toBe(100000);
  });
});
