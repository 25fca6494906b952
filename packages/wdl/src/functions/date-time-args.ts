// Argument readers for the date-and-time, formatNumber and XML functions, worded like
// every other function (args.ts): "The 2nd argument of 'formatDateTime' must be …; got …".
// Optional format and locale arguments also accept null, meaning "use the default".
import { argumentError, argumentTypeError } from './args.js';
import type { FunctionContext } from './registry.js';

export { argumentError, argumentTypeError };

export function expectString(ctx: FunctionContext, args: unknown[], index: number, what: string): string {
  const value = args[index];
  if (typeof value === 'string') return value;
  throw argumentTypeError(ctx, index, what, value);
}

/** An optional string argument: absent or null means "use the default". */
export function optionalString(ctx: FunctionContext, args: unknown[], index: number, what: string): string | undefined {
  const value = args[index];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  throw argumentTypeError(ctx, index, what, value);
}

/** An integer argument (a safe JS integer or an int64 bigint), as a JS number. */
export function expectInteger(ctx: FunctionContext, args: unknown[], index: number, what: string): number {
  const value = args[index];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'bigint') {
    throw argumentError(ctx, index, `is out of range: ${value.toString()} (${what}) cannot be added to a date.`);
  }
  throw argumentTypeError(ctx, index, `an integer (${what})`, value);
}
