// Argument checks shared by every function category, so all functions word their errors
// alike: "The 2nd argument of 'substring' must be an integer; got the string 'x'."
// The evaluator has already checked the argument count against minArgs/maxArgs.
import { describeValue, expressionError, ordinal, type ExpressionErrorCode } from '../expressions/errors.js';
import { isInteger, isNumber, isPlainObject } from '../expressions/values.js';
import type { ExpressionError, FunctionContext } from './registry.js';

export function argumentTypeError(ctx: FunctionContext, index: number, expected: string, value: unknown): ExpressionError {
  return expressionError('ArgumentType', `The ${ordinal(index)} argument of '${ctx.name}' must be ${expected}; got ${describeValue(value)}.`);
}

/** "The 2nd argument of 'substring' <problem>" with code ArgumentValue (or another). */
export function argumentError(ctx: FunctionContext, index: number, problem: string, code: ExpressionErrorCode = 'ArgumentValue'): ExpressionError {
  return expressionError(code, `The ${ordinal(index)} argument of '${ctx.name}' ${problem}`);
}

/** An error about the call as a whole: "'range' <problem>". */
export function functionError(ctx: FunctionContext, problem: string, code: ExpressionErrorCode = 'ArgumentValue'): ExpressionError {
  return expressionError(code, `'${ctx.name}' ${problem}`);
}

export function stringArg(args: unknown[], index: number, ctx: FunctionContext): string {
  const value = args[index];
  if (typeof value === 'string') return value;
  throw argumentTypeError(ctx, index, 'a string', value);
}

export function optionalStringArg(args: unknown[], index: number, ctx: FunctionContext): string | undefined {
  return index < args.length ? stringArg(args, index, ctx) : undefined;
}

/** An integer argument as a JS number; integers beyond 2^53 are refused as out of range. */
export function integerArg(args: unknown[], index: number, ctx: FunctionContext): number {
  const value = args[index];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'bigint') throw argumentError(ctx, index, `is out of range: ${value.toString()}.`);
  throw argumentTypeError(ctx, index, 'an integer', value);
}

/** An integer argument with the full int64 range (number or bigint). */
export function int64Arg(args: unknown[], index: number, ctx: FunctionContext): number | bigint {
  const value = args[index];
  if (isInteger(value)) return value;
  throw argumentTypeError(ctx, index, 'an integer', value);
}

/** Any number: integer (number or bigint), float (number or WdlFloat) or decimal (WdlDecimal). */
export function numberArg(args: unknown[], index: number, ctx: FunctionContext): unknown {
  const value = args[index];
  if (isNumber(value)) return value;
  throw argumentTypeError(ctx, index, 'a number', value);
}

export function booleanArg(args: unknown[], index: number, ctx: FunctionContext): boolean {
  const value = args[index];
  if (typeof value === 'boolean') return value;
  throw argumentTypeError(ctx, index, 'a boolean (true or false)', value);
}

export function arrayArg(args: unknown[], index: number, ctx: FunctionContext): unknown[] {
  const value = args[index];
  if (Array.isArray(value)) return value;
  throw argumentTypeError(ctx, index, 'an array', value);
}

export function objectArg(args: unknown[], index: number, ctx: FunctionContext): Record<string, unknown> {
  const value = args[index];
  if (isPlainObject(value)) return value;
  throw argumentTypeError(ctx, index, 'an object', value);
}
