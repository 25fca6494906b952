// Character classes and number literals of the expression language, shared by the parser
// and the printer.
import type { ExpressionNode } from './ast.js';
import { isDotNetWhitespace } from './whitespace.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** True for characters that may appear in identifiers (function and property names). */
export function isIdentifierChar(code: number): boolean {
  switch (code) {
    case 0x2e: // .
    case 0x2c: // ,
    case 0x28: // (
    case 0x29: // )
    case 0x7b: // {
    case 0x7d: // }
    case 0x40: // @
    case 0x5b: // [
    case 0x5d: // ]
    case 0x3f: // ?
    case 0x27: // '
    case 0x22: // "
      return false;
    default:
      return !isDotNetWhitespace(code);
  }
}

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}


export type ScannedNumber = { node: ExpressionNode; end: number } | { reason: string; position: number };

/**
 * Read a number literal at `start`: [+-] digits [. digits] [e [+-] digits]. A point or an
 * exponent makes a float; integers must fit in 64 bits.
 */
export function scanNumber(text: string, start: number): ScannedNumber {
  let pos = start;
  const first = text.charCodeAt(pos);
  if (first === 0x2b || first === 0x2d) pos++;
  let digits = 0;
  while (isDigit(text.charCodeAt(pos))) {
    pos++;
    digits++;
  }
  let isFloat = false;
  if (text.charCodeAt(pos) === 0x2e) {
    isFloat = true;
    pos++;
    while (isDigit(text.charCodeAt(pos))) {
      pos++;
      digits++;
    }
  }
  if (digits === 0) return { reason: `'${text.slice(start, pos + 1)}' is not a number: a sign or point must be followed by digits`, position: start };
  const e = text.charCodeAt(pos);
  if (e === 0x65 || e === 0x45) {
    isFloat = true;
    pos++;
    const sign = text.charCodeAt(pos);
    if (sign === 0x2b || sign === 0x2d) pos++;
    let exponentDigits = 0;
    while (isDigit(text.charCodeAt(pos))) {
      pos++;
      exponentDigits++;
    }
    if (exponentDigits === 0) return { reason: `'${text.slice(start, pos)}' is not a number: the exponent needs digits, as in 3e1`, position: start };
  }
  const after = text.charCodeAt(pos);
  if (pos < text.length && (after === 0x2e || isIdentifierChar(after))) return { reason: `'${text.slice(start, pos + 1)}' is not a number`, position: start };
  const literal = text.slice(start, pos);
  if (isFloat) return { node: { kind: 'float', value: Number(literal) }, end: pos };
  if (digits <= 15) {
    const value = Number(literal);
    return { node: { kind: 'integer', value: value === 0 ? 0 : value }, end: pos };
  }
  const big = BigInt(literal);
  if (big < INT64_MIN || big > INT64_MAX) {
    return {
      reason: `The integer ${literal} is outside the 64-bit range (-9223372036854775808 to 9223372036854775807); write it as a float (${literal}.0) or a string`,
      position: start,
    };
  }
  const asNumber = Number(big);
  return { node: { kind: 'integer', value: Number.isSafeInteger(asNumber) ? asNumber : big }, end: pos };
}
