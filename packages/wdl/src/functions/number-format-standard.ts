// .NET standard numeric format strings: C (currency), D (decimal integer), E (scientific),
// F (fixed), G (general), N (number with group separators), P (percent), R (round-trip),
// X (hexadecimal), each with an optional precision ("C2", "D8", "X4", "E3").
import { roundBuffer, type DigitBuffer } from './number-format-digits.js';
import type { NumberCulture } from './number-format-cultures.js';

/** A format .NET rejects (FormatException), with the reason. */
export class NumberFormatError extends Error {
  override readonly name = 'NumberFormatError';
}

export type StandardSpecifier = 'C' | 'D' | 'E' | 'F' | 'G' | 'N' | 'P' | 'R' | 'X';

export interface StandardFormat {
  specifier: StandardSpecifier;
  upper: boolean;
  precision: number | undefined;
}

const MAX_PRECISION = 999;

const standardCache = new Map<string, StandardFormat | undefined>();

/** A letter followed only by digits is a standard format; anything else is a custom pattern. */
export function parseStandardFormat(format: string): StandardFormat | undefined {
  if (standardCache.has(format)) return standardCache.get(format);
  const parsed = readStandardFormat(format);
  if (standardCache.size >= 1000) standardCache.clear();
  standardCache.set(format, parsed);
  return parsed;
}

function readStandardFormat(format: string): StandardFormat | undefined {
  const match = /^([A-Za-z])(\d*)$/.exec(format);
  if (!match) return undefined;
  const letter = match[1] ?? '';
  const specifier = letter.toUpperCase();
  if (!'CDEFGNPRX'.includes(specifier)) {
    throw new NumberFormatError(`'${format}' is not a standard numeric format (C, D, E, F, G, N, P, R or X, with an optional precision such as 'N2') nor a custom pattern such as '#,##0.00'.`);
  }
  const digits = match[2] ?? '';
  const precision = digits === '' ? undefined : Number(digits);
  if (precision !== undefined && precision > MAX_PRECISION) {
    throw new NumberFormatError(`the precision ${digits} in '${format}' is too large; use at most ${MAX_PRECISION}.`);
  }
  return { specifier: specifier as StandardSpecifier, upper: letter === specifier, precision };
}

function groupDigits(integer: string, culture: NumberCulture): string {
  const sizes = culture.groupSizes;
  const groups: string[] = [];
  let end = integer.length;
  let index = 0;
  while (end > 0) {
    const size = sizes[Math.min(index, sizes.length - 1)] ?? 3;
    if (size === 0) {
      groups.unshift(integer.slice(0, end));
      break;
    }
    groups.unshift(integer.slice(Math.max(0, end - size), end));
    end -= size;
    index++;
  }
  return groups.join(culture.groupSeparator);
}

/** The digits of a rounded buffer as "1234.50" with `decimals` fraction digits. */
function fixed(buffer: DigitBuffer, decimals: number, culture: NumberCulture, grouping: boolean): string {
  const { digits, scale } = buffer;
  let integer = scale > 0 ? digits.slice(0, scale).padEnd(scale, '0') : '0';
  if (grouping) integer = groupDigits(integer, culture);
  if (decimals <= 0) return integer;
  let fraction = '';
  for (let k = 0; k < decimals; k++) {
    const at = scale + k;
    fraction += at < 0 ? '0' : (digits[at] ?? '0');
  }
  return integer + culture.decimalSeparator + fraction;
}

/** Fills a pattern template ('-$n', 'n %', …) with the number, symbol and sign. */
function applyPattern(template: string, number: string, symbol: string, culture: NumberCulture): string {
  let out = '';
  for (const c of template) {
    if (c === 'n') out += number;
    else if (c === '$' || c === '%') out += symbol;
    else if (c === '-') out += culture.negativeSign;
    else out += c;
  }
  return out;
}

function exponent(value: number, letter: string, minDigits: number, culture: NumberCulture): string {
  const sign = value < 0 ? culture.negativeSign : '+';
  return letter + sign + String(Math.abs(value)).padStart(minDigits, '0');
}

/** .NET FormatGeneral: fixed notation unless the exponent is beyond the precision or below -4. */
function general(buffer: DigitBuffer, maxDigits: number, letter: string, culture: NumberCulture, suppressScientific: boolean): string {
  const { digits, scale } = buffer;
  let position = scale;
  let scientific = false;
  if (!suppressScientific && digits !== '' && (position > maxDigits || position < -3)) {
    position = 1;
    scientific = true;
  }
  let cursor = 0;
  let out = '';
  if (position > 0) {
    for (; position > 0; position--) out += digits[cursor++] ?? '0';
  } else out += '0';
  if (cursor < digits.length || position < 0) {
    out += culture.decimalSeparator;
    for (; position < 0; position++) out += '0';
    out += digits.slice(cursor);
  }
  if (scientific) out += exponent(scale - 1, letter, 2, culture);
  return out;
}

function signed(buffer: DigitBuffer, text: string, culture: NumberCulture): string {
  return buffer.negative ? culture.negativeSign + text : text;
}

/** Formats a finite number; `buffer` must have been built with the digits `digitsFor` asks for. */
export function formatStandard(buffer: DigitBuffer, format: StandardFormat, culture: NumberCulture): string {
  const { precision } = format;
  const e = format.upper ? 'E' : 'e';
  switch (format.specifier) {
    case 'C': {
      const decimals = precision ?? culture.currencyDecimalDigits;
      roundBuffer(buffer, buffer.scale + decimals);
      const text = fixed(buffer, decimals, culture, true);
      return applyPattern(buffer.negative ? culture.currencyNegative : culture.currencyPositive, text, culture.currencySymbol, culture);
    }
    case 'D': {
      const integer = requireInteger(buffer, format);
      const digits = (integer < 0n ? -integer : integer).toString().padStart(precision ?? 1, '0');
      return integer < 0n ? culture.negativeSign + digits : digits;
    }
    case 'X': {
      const integer = requireInteger(buffer, format);
      const unsigned = integer < 0n ? (1n << 64n) + integer : integer;
      const hex = unsigned.toString(16).padStart(precision ?? 1, '0');
      return format.upper ? hex.toUpperCase() : hex;
    }
    case 'E': {
      const decimals = precision ?? 6;
      roundBuffer(buffer, decimals + 1);
      const { digits } = buffer;
      let text = digits[0] ?? '0';
      if (decimals > 0) text += culture.decimalSeparator + digits.slice(1, decimals + 1).padEnd(decimals, '0');
      return signed(buffer, text + exponent(digits === '' ? 0 : buffer.scale - 1, e, 3, culture), culture);
    }
    case 'F':
    case 'N': {
      const decimals = precision ?? culture.numberDecimalDigits;
      roundBuffer(buffer, buffer.scale + decimals);
      return signed(buffer, fixed(buffer, decimals, culture, format.specifier === 'N'), culture);
    }
    case 'P': {
      const decimals = precision ?? 2;
      if (buffer.digits !== '') buffer.scale += 2;
      roundBuffer(buffer, buffer.scale + decimals);
      const text = fixed(buffer, decimals, culture, true);
      return applyPattern(buffer.negative ? culture.percentNegative : culture.percentPositive, text, culture.percentSymbol, culture);
    }
    case 'G':
    case 'R': {
      if (format.specifier === 'R' && buffer.kind === 'integer') return signed(buffer, general(buffer, Infinity, e, culture, true), culture);
      if (format.specifier === 'R' && buffer.kind === 'float') return signed(buffer, general(buffer, 15, e, culture, false), culture);
      if ((precision ?? 0) < 1) {
        // decimals print every digit they hold, trailing zeros included (decimal('5.0') → "5.0")
        if (buffer.kind === 'decimal') return signed(buffer, general(buffer, Infinity, e, culture, true), culture);
        const maxDigits = buffer.kind === 'float' ? 15 : Math.max(buffer.scale, 1); // an integer keeps all its digits
        roundBuffer(buffer, maxDigits);
        return signed(buffer, general(buffer, maxDigits, e, culture, false), culture);
      }
      roundBuffer(buffer, precision ?? 0);
      return signed(buffer, general(buffer, precision ?? 0, e, culture, false), culture);
    }
  }
}

function requireInteger(buffer: DigitBuffer, format: StandardFormat): bigint {
  if (buffer.kind !== 'integer' || buffer.integer === undefined) {
    throw new NumberFormatError(`'${format.specifier}' formats integers only; use 'F', 'N' or 'G' for a ${buffer.kind === 'float' ? 'float' : 'decimal'}.`);
  }
  return buffer.integer;
}

/** How many significant digits a double needs for this format (.NET Framework's rule). */
export function floatDigitsFor(format: StandardFormat | undefined): number | 'shortest' {
  if (!format) return 15;
  if (format.specifier === 'R') return 'shortest';
  if (format.specifier === 'G' && (format.precision ?? 0) > 15) return 17;
  if (format.specifier === 'E' && (format.precision ?? 6) > 14) return 17;
  return 15;
}
