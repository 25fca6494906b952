// The values an expression computes with. Outside the evaluator everything is plain JSON;
// inside, three kinds of value need more than JSON can say:
//
//   integer  a JS number that is a safe integer, or a bigint for the rest of the int64
//            range (ticks() is ~6e17, beyond 2^53)
//   float    a JS number that is not an integer (0.5, NaN, Infinity), or a WdlFloat box
//            for a float whose value happens to be integral (5.0, float('5'), 1e20):
//            div(10, 4.0) must stay float and '@{json(...)}' prints 5.0 as "5.0"
//   decimal  a WdlDecimal: .NET decimal semantics (28 digits, scale kept: decimal('5.0')
//            prints "5.0")
//
// Functions receive and return these internal values; toJsonValue() turns a result back
// into plain JSON when it leaves the evaluator.
import { Decimal } from 'decimal.js';

/** decimal.js configured for .NET decimal arithmetic (29 significant digits, rounding half to even). */
export const DecimalMath = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type DecimalValue = InstanceType<typeof DecimalMath>;

/** .NET decimal.MaxValue. */
export const DECIMAL_MAX = new DecimalMath('79228162514264337593543950335');

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

let wrappersCreated = 0;

/**
 * Number of values made so far that are not plain JSON (WdlFloat, WdlDecimal, bigint);
 * lets toJsonValue skip walking results that cannot hold one.
 */
export function wrapperCount(): number {
  return wrappersCreated;
}

/** Record that a value that is not plain JSON (a bigint) was handed to the evaluator. */
export function noteNonJsonValue(): void {
  wrappersCreated++;
}

/** A float whose value is integral (5.0). Non-integral floats are plain numbers. */
export class WdlFloat {
  constructor(readonly value: number) {
    wrappersCreated++;
  }
}

/** A .NET decimal: its value and the number of digits after the point it prints with. */
export class WdlDecimal {
  constructor(
    readonly value: DecimalValue,
    readonly scale: number,
  ) {
    wrappersCreated++;
  }
  toString(): string {
    return this.value.toFixed(this.scale);
  }
}

export type ValueKind = 'null' | 'boolean' | 'integer' | 'float' | 'decimal' | 'string' | 'array' | 'object';

/** The WDL type of a value, as error messages name it. */
export function kindOf(value: unknown): ValueKind {
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isSafeInteger(value) ? 'integer' : 'float';
    case 'boolean':
      return 'boolean';
    case 'bigint':
      return 'integer';
    case 'undefined':
      return 'null';
    case 'object':
      if (value === null) return 'null';
      if (Object.getPrototypeOf(value) === Object.prototype) return 'object';
      if (Array.isArray(value)) return 'array';
      if (value instanceof WdlFloat) return 'float';
      if (value instanceof WdlDecimal) return 'decimal';
      return 'object';
    default:
      return 'null';
  }
}

export function isNumber(value: unknown): boolean {
  const kind = kindOf(value);
  return kind === 'integer' || kind === 'float' || kind === 'decimal';
}

export function isInteger(value: unknown): value is number | bigint {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  // Fast path: JSON objects have Object.prototype (instanceof walks the chain, which shows in profiles).
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return true;
  return !Array.isArray(value) && !(value instanceof WdlFloat) && !(value instanceof WdlDecimal);
}

/** Make a float value: integral results are boxed so they stay floats. */
export function makeFloat(value: number): number | WdlFloat {
  return Number.isInteger(value) ? new WdlFloat(value) : value;
}

/** Make an integer value from a bigint, or undefined when it does not fit in int64. */
export function makeInteger(value: bigint): number | bigint | undefined {
  if (value < INT64_MIN || value > INT64_MAX) return undefined;
  const asNumber = Number(value);
  if (Number.isSafeInteger(asNumber)) return asNumber;
  wrappersCreated++;
  return value;
}

export function makeDecimal(value: DecimalValue, scale: number): WdlDecimal {
  return new WdlDecimal(value, Math.max(0, Math.min(28, scale)));
}

/** The numeric value of an integer or float as a JS number (bigint and boxes unwrapped). */
export function toJsNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof WdlFloat) return value.value;
  if (value instanceof WdlDecimal) return value.value.toNumber();
  return NaN;
}

export function toBigInt(value: number | bigint): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

/** Scale (digits after the point) of a decimal string like "12.500". */
export function scaleOf(text: string): number {
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/** A number of any kind as a decimal; floats convert as .NET does, to 15 significant digits. */
export function toWdlDecimal(value: unknown): WdlDecimal | undefined {
  if (value instanceof WdlDecimal) return value;
  if (typeof value === 'bigint') return makeDecimal(new DecimalMath(value.toString()), 0);
  const number = typeof value === 'number' ? value : value instanceof WdlFloat ? value.value : undefined;
  if (number === undefined || !Number.isFinite(number)) return undefined;
  if (Number.isSafeInteger(number) && typeof value === 'number') return makeDecimal(new DecimalMath(number), 0);
  // (decimal)double in .NET keeps 15 significant digits and drops trailing zeros.
  const text = new DecimalMath(number.toPrecision(15)).toFixed();
  const decimal = new DecimalMath(text);
  if (decimal.abs().greaterThan(DECIMAL_MAX)) return undefined;
  return makeDecimal(decimal, scaleOf(text));
}

/**
 * Turn an evaluator value into plain JSON: boxes become numbers, bigints become numbers
 * (exact up to 2^53; whole-second ticks stay exact because they are multiples of 10^7).
 * Walks arrays and objects only when boxes were created since `sinceWrapperCount`.
 */
export function toJsonValue(value: unknown, sinceWrapperCount = -1): unknown {
  if (sinceWrapperCount >= 0 && wrappersCreated === sinceWrapperCount) {
    return typeof value === 'bigint' ? Number(value) : value === undefined ? null : value;
  }
  return unwrapDeep(value);
}

function unwrapDeep(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof WdlFloat) return value.value;
  if (value instanceof WdlDecimal) return value.value.toNumber();
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const plain = unwrapDeep(item);
      if (plain !== item) {
        copy ??= value.slice();
        copy[i] = plain;
      }
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const plain = unwrapDeep(item);
    if (plain !== item) {
      copy ??= { ...record };
      setOwn(copy, key, plain);
    }
  }
  return copy ?? value;
}

/** Set an own property, also for the key "__proto__" (which plain assignment would turn into a prototype change). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

export function hasOwn(target: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}
