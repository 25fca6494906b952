// Arithmetic on the service's three number types. Two integers give an integer (int64,
// overflow is an error, div truncates toward zero); a float anywhere gives a float; a
// decimal anywhere gives a decimal (.NET decimal: 28 digits after the point at most, scale
// kept as .NET keeps it). Division or remainder by zero is an error.
import { expressionError } from '../expressions/errors.js';
import {
  DECIMAL_MAX,
  DecimalMath,
  kindOf,
  makeDecimal,
  makeFloat,
  makeInteger,
  toBigInt,
  toJsNumber,
  toWdlDecimal,
  type DecimalValue,
  type WdlDecimal,
} from '../expressions/values.js';
import type { FunctionContext } from './registry.js';

export type ArithmeticOperation = 'add' | 'sub' | 'mul' | 'div' | 'mod';

/** The type two numbers combine to. */
export function promotedKind(a: unknown, b: unknown): 'integer' | 'float' | 'decimal' {
  const kindA = kindOf(a);
  const kindB = kindOf(b);
  if (kindA === 'decimal' || kindB === 'decimal') return 'decimal';
  if (kindA === 'float' || kindB === 'float') return 'float';
  return 'integer';
}

export function arithmetic(operation: ArithmeticOperation, a: unknown, b: unknown, ctx: FunctionContext): unknown {
  switch (promotedKind(a, b)) {
    case 'integer':
      return integerArithmetic(operation, a as number | bigint, b as number | bigint, ctx);
    case 'float':
      return floatArithmetic(operation, toJsNumber(a), toJsNumber(b), ctx);
    case 'decimal':
      return decimalArithmetic(operation, asDecimal(a, ctx), asDecimal(b, ctx), ctx);
  }
}

function divideByZero(ctx: FunctionContext): Error {
  return expressionError('ArithmeticError', `'${ctx.name}' cannot divide by zero: its 2nd argument is 0.`);
}

function overflow(ctx: FunctionContext, what: string): Error {
  return expressionError('ArithmeticError', `The result of '${ctx.name}' is outside the range of ${what}.`);
}

function integerArithmetic(operation: ArithmeticOperation, a: number | bigint, b: number | bigint, ctx: FunctionContext): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') {
    let result: number;
    switch (operation) {
      case 'add':
        result = a + b;
        break;
      case 'sub':
        result = a - b;
        break;
      case 'mul':
        result = a * b;
        break;
      case 'div':
        if (b === 0) throw divideByZero(ctx);
        result = Math.trunc(a / b);
        break;
      case 'mod':
        if (b === 0) throw divideByZero(ctx);
        result = a % b;
        break;
    }
    if (Number.isSafeInteger(result)) return result + 0; // + 0 turns -0 into 0
  }
  const bigA = toBigInt(a);
  const bigB = toBigInt(b);
  let result: bigint;
  switch (operation) {
    case 'add':
      result = bigA + bigB;
      break;
    case 'sub':
      result = bigA - bigB;
      break;
    case 'mul':
      result = bigA * bigB;
      break;
    case 'div':
      if (bigB === 0n) throw divideByZero(ctx);
      result = bigA / bigB;
      break;
    case 'mod':
      if (bigB === 0n) throw divideByZero(ctx);
      result = bigA % bigB;
      break;
  }
  const integer = makeInteger(result);
  if (integer === undefined) throw overflow(ctx, '64-bit integers; use float() or decimal() for larger numbers');
  return integer;
}

function floatArithmetic(operation: ArithmeticOperation, a: number, b: number, ctx: FunctionContext): unknown {
  let result: number;
  switch (operation) {
    case 'add':
      result = a + b;
      break;
    case 'sub':
      result = a - b;
      break;
    case 'mul':
      result = a * b;
      break;
    case 'div':
      if (b === 0) throw divideByZero(ctx);
      result = a / b;
      break;
    case 'mod':
      if (b === 0) throw divideByZero(ctx);
      result = a % b;
      break;
  }
  return makeFloat(result);
}

/** A number as a decimal, or an error when it has no decimal form (NaN, Infinity, beyond ±7.9e28). */
export function asDecimal(value: unknown, ctx: FunctionContext): WdlDecimal {
  const decimal = toWdlDecimal(value);
  if (!decimal) throw overflow(ctx, 'decimals (±79228162514264337593543950335); NaN and Infinity have no decimal form');
  return decimal;
}

const TEN = new DecimalMath(10);

function decimalArithmetic(operation: ArithmeticOperation, a: WdlDecimal, b: WdlDecimal, ctx: FunctionContext): WdlDecimal {
  let value: DecimalValue;
  let scale: number;
  switch (operation) {
    case 'add':
      value = a.value.plus(b.value);
      scale = Math.max(a.scale, b.scale);
      break;
    case 'sub':
      value = a.value.minus(b.value);
      scale = Math.max(a.scale, b.scale);
      break;
    case 'mul':
      value = a.value.times(b.value);
      scale = a.scale + b.scale;
      break;
    case 'mod':
      if (b.value.isZero()) throw divideByZero(ctx);
      value = a.value.mod(b.value);
      scale = Math.max(a.scale, b.scale);
      break;
    case 'div': {
      if (b.value.isZero()) throw divideByZero(ctx);
      return decimalDivide(a, b, ctx);
    }
  }
  return fitDecimal(value, scale, ctx);
}

/** Round to the scale, shrinking the scale while the digits exceed what a .NET decimal holds. */
function fitDecimal(value: DecimalValue, scale: number, ctx: FunctionContext): WdlDecimal {
  if (value.abs().greaterThan(DECIMAL_MAX)) throw overflow(ctx, 'decimals (±79228162514264337593543950335)');
  let fitted = Math.min(scale, 28);
  while (fitted > 0 && value.abs().times(TEN.pow(fitted)).round().greaterThan(DECIMAL_MAX)) fitted--;
  return makeDecimal(value.toDecimalPlaces(fitted), fitted);
}

/** .NET decimal division: the smallest scale ≥ scaleA - scaleB that is exact, else as many digits as fit. */
function decimalDivide(a: WdlDecimal, b: WdlDecimal, ctx: FunctionContext): WdlDecimal {
  const quotient = a.value.dividedBy(b.value);
  for (let scale = Math.max(0, a.scale - b.scale); scale <= 28; scale++) {
    if (quotient.times(TEN.pow(scale)).isInteger()) return fitDecimal(quotient, scale, ctx);
  }
  return fitDecimal(quotient, 28, ctx);
}
