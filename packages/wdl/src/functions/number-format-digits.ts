// The decimal digits of a number as .NET's formatter sees them (its "NumberBuffer"):
// value = 0.DIGITS × 10^scale, with a separate sign. Integers and decimals give their exact
// digits; floats (doubles) give 15 significant digits as .NET Framework does, so
// formatNumber(2.675, 'F2') is "2.68" like the service rather than JS's "2.67".
import { WdlDecimal, WdlFloat } from '../expressions/values.js';

export type NumberKind = 'integer' | 'float' | 'decimal';

export interface DigitBuffer {
  kind: NumberKind;
  negative: boolean;
  /** Significant digits without leading zeros; '' for zero. */
  digits: string;
  scale: number;
  /** The value as an int64 bigint, for integers (D and X formats). */
  integer?: bigint;
  /** Non-finite floats format as symbols, not digits. */
  special?: 'nan' | 'infinity';
}

/** Splits a plain decimal string ("-123.4500") into a buffer; `keepTrailingZeros` for decimals' scale. */
export function bufferFromDecimalText(text: string, kind: NumberKind, keepTrailingZeros: boolean): DigitBuffer {
  const negative = text.startsWith('-');
  const unsigned = negative || text.startsWith('+') ? text.slice(1) : text;
  const [intPart = '', fracPart = ''] = unsigned.split('.');
  let digits = (intPart + fracPart).replace(/^0+/, '');
  let scale = intPart.replace(/^0+/, '').length;
  if (scale === 0) {
    // 0.00ddd: leading zeros of the fraction lower the scale
    const leading = fracPart.length - fracPart.replace(/^0+/, '').length;
    scale = -leading;
  }
  if (!keepTrailingZeros) digits = digits.replace(/0+$/, '');
  if (/^0*$/.test(digits)) return { kind, negative: false, digits: '', scale: 0 };
  return { kind, negative, digits, scale };
}

/** Digits of a double's exponential text ("1.2345e-7") or its shortest round-trip form. */
function bufferFromExponential(value: number, significant: number | 'shortest'): DigitBuffer {
  const text = significant === 'shortest' ? value.toExponential() : value.toExponential(significant - 1);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return { kind: 'float', negative: false, digits: '', scale: 0 };
  const [, sign, first = '', rest = '', exponent = '0'] = match;
  const digits = (first + rest).replace(/0+$/, '');
  if (digits === '') return { kind: 'float', negative: false, digits: '', scale: 0 };
  return { kind: 'float', negative: sign === '-', digits, scale: Number(exponent) + 1 };
}

/**
 * The buffer for an expression value, or undefined when it is not a number.
 * `floatDigits` is how many significant digits a double keeps (15, or 17 / shortest for R).
 */
export function toDigitBuffer(value: unknown, floatDigits: number | 'shortest' = 15): DigitBuffer | undefined {
  if (typeof value === 'bigint') {
    return { ...bufferFromDecimalText(value.toString(), 'integer', false), integer: value };
  }
  if (value instanceof WdlDecimal) return bufferFromDecimalText(value.toString(), 'decimal', true);
  const number = typeof value === 'number' ? value : value instanceof WdlFloat ? value.value : undefined;
  if (number === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return { ...bufferFromDecimalText(String(value), 'integer', false), integer: BigInt(value) };
  }
  if (Number.isNaN(number)) return { kind: 'float', negative: false, digits: '', scale: 0, special: 'nan' };
  if (!Number.isFinite(number)) return { kind: 'float', negative: number < 0, digits: '', scale: 0, special: 'infinity' };
  if (number === 0) return { kind: 'float', negative: false, digits: '', scale: 0 };
  return bufferFromExponential(number, floatDigits);
}

/**
 * .NET RoundNumber: keep `position` digits, rounding half away from zero, then drop
 * trailing zeros. A result of zero loses its sign, as on .NET Framework.
 */
export function roundBuffer(buffer: DigitBuffer, position: number): void {
  const { digits } = buffer;
  let i = 0;
  while (i < position && i < digits.length) i++;
  let kept: string;
  if (i === position && i < digits.length && (digits.charCodeAt(i) - 48) >= 5) {
    while (i > 0 && digits[i - 1] === '9') i--;
    if (i > 0) kept = digits.slice(0, i - 1) + String.fromCharCode(digits.charCodeAt(i - 1) + 1);
    else {
      buffer.scale++;
      kept = '1';
    }
  } else {
    kept = digits.slice(0, Math.max(0, i)).replace(/0+$/, '');
  }
  buffer.digits = kept;
  if (kept === '') {
    buffer.scale = 0;
    buffer.negative = false;
  }
}
