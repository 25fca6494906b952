// Equality and ordering as the service applies them in equals(), greater(), contains(),
// union(), sort() …: numbers compare across integer, float and decimal; strings compare
// ordinally and case-sensitively; a number never equals a numeric string; a string equals
// a boolean when it spells it ('true' / 'True'); arrays and objects compare deeply.
import { kindOf, toJsNumber, toWdlDecimal, WdlDecimal, type ValueKind } from '../expressions/values.js';

function isNumericKind(kind: ValueKind): boolean {
  return kind === 'integer' || kind === 'float' || kind === 'decimal';
}

/** Sign of a - b for two numbers of any kind; undefined when NaN is involved. */
export function compareNumbers(a: unknown, b: unknown): number | undefined {
  const kindA = kindOf(a);
  const kindB = kindOf(b);
  if (kindA === 'integer' && kindB === 'integer') {
    if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
    const bigA = BigInt(a as number | bigint);
    const bigB = BigInt(b as number | bigint);
    return bigA === bigB ? 0 : bigA < bigB ? -1 : 1;
  }
  if (kindA === 'decimal' || kindB === 'decimal') {
    const decimalA = a instanceof WdlDecimal ? a : toWdlDecimal(a);
    const decimalB = b instanceof WdlDecimal ? b : toWdlDecimal(b);
    if (decimalA && decimalB) return decimalA.value.comparedTo(decimalB.value);
  }
  const numberA = toJsNumber(a);
  const numberB = toJsNumber(b);
  if (Number.isNaN(numberA) || Number.isNaN(numberB)) return undefined;
  return numberA === numberB ? 0 : numberA < numberB ? -1 : 1;
}

/** equals(): deep, type-aware equality. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  const kindA = kindOf(a);
  const kindB = kindOf(b);
  if (kindA === 'string' && kindB === 'string') return a === b;
  if (isNumericKind(kindA) && isNumericKind(kindB)) return compareNumbers(a, b) === 0;
  if (kindA === 'null' || kindB === 'null') return kindA === kindB;
  if (kindA === 'boolean' && kindB === 'boolean') return a === b;
  if (kindA === 'string' && kindB === 'boolean') return (a as string).toLowerCase() === (b ? 'true' : 'false');
  if (kindA === 'boolean' && kindB === 'string') return (b as string).toLowerCase() === (a ? 'true' : 'false');
  if (kindA === 'boolean' && isNumericKind(kindB)) return compareNumbers(a ? 1 : 0, b) === 0;
  if (isNumericKind(kindA) && kindB === 'boolean') return compareNumbers(a, b ? 1 : 0) === 0;
  if (kindA === 'array' && kindB === 'array') {
    const arrayA = a as unknown[];
    const arrayB = b as unknown[];
    if (arrayA.length !== arrayB.length) return false;
    for (let i = 0; i < arrayA.length; i++) if (!valuesEqual(arrayA[i], arrayB[i])) return false;
    return true;
  }
  if (kindA === 'object' && kindB === 'object') {
    const objectA = a as Record<string, unknown>;
    const objectB = b as Record<string, unknown>;
    const keys = Object.keys(objectA);
    if (keys.length !== Object.keys(objectB).length) return false;
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(objectB, key) || !valuesEqual(objectA[key], objectB[key])) return false;
    }
    return true;
  }
  return false;
}

export type Ordering = { ok: true; order: number | undefined } | { ok: false; kinds: [ValueKind, ValueKind] };

/**
 * Order two values for greater()/less(): two numbers, or two strings (null counts as '' next
 * to a string). order is undefined when NaN is involved (every comparison is then false).
 */
export function orderValues(a: unknown, b: unknown): Ordering {
  let kindA = kindOf(a);
  let kindB = kindOf(b);
  if (isNumericKind(kindA) && isNumericKind(kindB)) return { ok: true, order: compareNumbers(a, b) };
  if (kindA === 'null' && kindB === 'string') {
    a = '';
    kindA = 'string';
  }
  if (kindB === 'null' && kindA === 'string') {
    b = '';
    kindB = 'string';
  }
  if (kindA === 'string' && kindB === 'string') {
    const textA = a as string;
    const textB = b as string;
    return { ok: true, order: textA === textB ? 0 : textA < textB ? -1 : 1 };
  }
  if (kindA === 'null' && kindB === 'null') return { ok: true, order: 0 };
  return { ok: false, kinds: [kindA, kindB] };
}
