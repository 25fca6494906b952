import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecimalMath, WdlDecimal, WdlFloat } from '../expressions/values.js';
import { callFunction } from './date-time-test-host.js';
import { numberFormatFunctions } from './number-format.js';
import { ExpressionError } from './registry.js';

const formatNumber = (...args: unknown[]): unknown => callFunction(numberFormatFunctions, 'formatNumber', args);

function errorOf(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionError');
}

describe('formatNumber: reference examples', () => {
  it.each([
    [[1234567890, '0,0.00', 'en-us'], '1,234,567,890.00'],
    [[1234567890, '0,0.00', 'is-is'], '1.234.567.890,00'],
    [[17.35, 'C2'], '$17.35'],
    [[17.35, 'C2', 'is-is'], '17,35 kr'],
  ])('formatNumber(%j) is %j', (args, expected) => {
    expect(formatNumber(...args)).toBe(expected);
  });
});

describe('standard numeric formats', () => {
  it.each([
    [1234.5678, 'C', '$1,234.57'],
    [-1234.5678, 'C', '-$1,234.57'],
    [1234.5678, 'c0', '$1,235'],
    [12345, 'D', '12345'],
    [12345, 'D8', '00012345'],
    [-12345, 'd8', '-00012345'],
    [1234.5678, 'E', '1.234568E+003'],
    [1234.5678, 'e2', '1.23e+003'],
    [-0.000123, 'E1', '-1.2E-004'],
    [1234.5678, 'F', '1234.57'],
    [1234, 'F3', '1234.000'],
    [-0.004, 'F2', '0.00'],
    [12345.6789, 'G', '12345.6789'],
    [12345.6789, 'G3', '1.23E+04'],
    [0.000012345, 'G', '1.2345E-05'],
    [1200, 'G', '1200'],
    [1234.5678, 'N', '1,234.57'],
    [-1234.5678, 'N0', '-1,235'],
    [0.2468013, 'P', '24.68%'],
    [0.2468013, 'P1', '24.7%'],
    [1, 'P0', '100%'],
    [0.1 + 0.2, 'R', '0.30000000000000004'],
    [255, 'X', 'FF'],
    [255, 'x4', '00ff'],
    [-1, 'X', 'FFFFFFFFFFFFFFFF'],
    [42, '', '42'],
  ])('%d with %j is %j', (value, format, expected) => {
    expect(formatNumber(value, format)).toBe(expected);
  });

  it('rounds doubles as .NET Framework does: 15 significant digits, then half away from zero', () => {
    expect(formatNumber(2.675, 'F2')).toBe('2.68');
    expect(formatNumber(1.005, 'N2')).toBe('1.01');
    expect(formatNumber(0.125, 'F2')).toBe('0.13');
    expect(formatNumber(0.1 + 0.2, 'G')).toBe('0.3');
    expect(formatNumber(0.1 + 0.2, 'G17')).toBe('0.30000000000000004');
  });

  it('formats int64 values beyond 2^53 exactly', () => {
    expect(formatNumber(2n ** 62n, 'N0')).toBe('4,611,686,018,427,387,904');
    expect(formatNumber(-(2n ** 63n), 'D')).toBe('-9223372036854775808');
    expect(formatNumber(2n ** 62n, 'X')).toBe('4000000000000000');
  });

  it('keeps the kind of floats and decimals', () => {
    expect(formatNumber(new WdlFloat(5), 'G')).toBe('5');
    expect(formatNumber(new WdlFloat(5), 'F1')).toBe('5.0');
    expect(formatNumber(new WdlDecimal(new DecimalMath('5.0'), 1), 'G')).toBe('5.0');
    expect(formatNumber(new WdlDecimal(new DecimalMath('1.2345678912312131'), 16), 'F15')).toBe('1.234567891231213');
    expect(formatNumber(new WdlDecimal(new DecimalMath('79228162514264337593543950335'), 0), 'N0')).toBe('79,228,162,514,264,337,593,543,950,335');
  });

  it('prints special float values with the culture symbols', () => {
    expect(formatNumber(Number.NaN, 'N2')).toBe('NaN');
    expect(formatNumber(Number.NEGATIVE_INFINITY, 'F')).toBe('-∞');
  });
});

describe('custom numeric formats', () => {
  it.each([
    [1234.5, '#,##0.00', '1,234.50'],
    [0.5, '0.00', '0.50'],
    [123, '00000', '00123'],
    [123.456, '#.##', '123.46'],
    [0.456, '#.##', '.46'],
    [0.456, '0.##', '0.46'],
    [0, '#', ''],
    [0, '0', '0'],
    [-0.5, '0', '-1'],
    [5551234567, '(###) ###-####', '(555) 123-4567'],
    [1234567, '#,##0,K', '1,235K'],
    [1234567, '0,,.0M', '1.2M'],
    [0.1234, '0.0%', '12.3%'],
    [0.01234, '0.0‰', '12.3‰'],
    [12345.678, '0.00E+00', '1.23E+04'],
    [0.00012, '0.0e0', '1.2e-4'],
    [1234, "'#'0", '#1234'],
    [1234, '\\#0', '#1234'],
    [1234, '"Total: "#,##0', 'Total: 1,234'],
  ])('%d with %j is %j', (value, format, expected) => {
    expect(formatNumber(value, format)).toBe(expected);
  });

  it('chooses the positive, negative or zero section', () => {
    expect(formatNumber(1234, '#,##0;(#,##0);zero')).toBe('1,234');
    expect(formatNumber(-1234, '#,##0;(#,##0);zero')).toBe('(1,234)');
    expect(formatNumber(0, '#,##0;(#,##0);zero')).toBe('zero');
    // a value that rounds to zero takes the zero section
    expect(formatNumber(0.001, '#,##0.00;(#,##0.00);zero')).toBe('zero');
    // an empty negative section falls back to the first, with a minus sign
    expect(formatNumber(-5, '0;;zero')).toBe('-5');
  });
});

describe('cultures', () => {
  it.each([
    [1234567.891, 'N2', 'de-DE', '1.234.567,89'],
    [1234567.891, 'N2', 'fr-FR', '1\u202f234\u202f567,89'],
    [1234567.891, 'C', 'de-DE', '1.234.567,89 €'],
    [-5, 'C', 'fr-FR', '-5,00 €'],
    [1234567.891, 'C', 'ja-JP', '￥1,234,568'],
    [1234567.891, 'N2', 'en-IN', '12,34,567.89'],
    [0.5, 'P0', 'fr-FR', '50 %'],
    [1234.5, 'N1', '', '1,234.5'],
  ])('%d with %j in %j is %j', (value, format, locale, expected) => {
    expect(formatNumber(value, format, locale)).toBe(expected);
  });
});

describe('formatNumber errors', () => {
  it('requires a number', () => {
    for (const value of ['12', null, true, [1]]) {
      const error = errorOf(() => formatNumber(value, 'N2'));
      expect(error.code).toBe('ArgumentType');
      expect(error.message).toMatch(/^The 1st argument of 'formatNumber' must be a number \(integer, float or decimal\); got /);
    }
  });

  it('rejects invalid formats and says which formats exist', () => {
    const error = errorOf(() => formatNumber(1, 'K2'));
    expect(error.code).toBe('ArgumentValue');
    expect(error.message).toBe(
      "The 2nd argument of 'formatNumber' is not a valid format string: 'K2' is not a standard numeric format (C, D, E, F, G, N, P, R or X, with an optional precision such as 'N2') nor a custom pattern such as '#,##0.00'.",
    );
    expect(errorOf(() => formatNumber(1.5, 'D')).message).toBe(
      "The 2nd argument of 'formatNumber' is not a valid format string: 'D' formats integers only; use 'F', 'N' or 'G' for a float.",
    );
    expect(errorOf(() => formatNumber(1, 'N1000')).message).toContain('the precision 1000');
    expect(errorOf(() => formatNumber(1, null)).code).toBe('ArgumentType');
  });

  it('rejects an unknown locale', () => {
    const error = errorOf(() => formatNumber(1, 'N2', 'xx-XX'));
    expect(error.code).toBe('ArgumentValue');
    expect(error.message).toBe("The 3rd argument of 'formatNumber' is not a valid locale: 'xx-XX'. Use a culture name such as 'en-US', 'de-DE' or 'ja-JP'.");
  });
});

describe('formatNumber properties', () => {
  it("'R' gives back the same double", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        if (Number.isSafeInteger(value)) return;
        expect(Number(formatNumber(value, 'R'))).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it("'N0' groups integers as en-US does", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (value) => {
        const integer = Number.isSafeInteger(Number(value)) ? Number(value) : value;
        expect(formatNumber(integer, 'N0')).toBe(new Intl.NumberFormat('en-US').format(value));
      }),
      { numRuns: 500 },
    );
  });
});
