// How a function of the expression language is declared. One file per category of
// Microsoft's reference (string.ts, collection.ts, logical.ts, conversion.ts, math.ts,
// date-time.ts, workflow.ts, uri.ts, manipulation.ts, xml.ts, …) exports an array of
// these; library.ts gathers them into one case-insensitive table.
import type { ExpressionHost } from '../expressions/host.js';

export type FunctionCategory =
  | 'string'
  | 'collection'
  | 'logical'
  | 'conversion'
  | 'implicit-conversion'
  | 'math'
  | 'date-time'
  | 'workflow'
  | 'uri'
  | 'manipulation';

export interface FunctionContext {
  host: ExpressionHost;
  /** Canonical name of the function being called, for error messages. */
  name: string;
}

export interface EagerFunction {
  /** Canonical spelling, as in the reference ("formatDateTime"). Lookup is case-insensitive. */
  name: string;
  category: FunctionCategory;
  minArgs: number;
  /** Use Infinity for variadic functions. */
  maxArgs: number;
  lazy?: false;
  call(args: unknown[], ctx: FunctionContext): unknown;
}

/** if/and/or evaluate their arguments on demand so the untaken ones never run. */
export interface LazyFunction {
  name: string;
  category: FunctionCategory;
  minArgs: number;
  maxArgs: number;
  lazy: true;
  call(args: Array<() => unknown>, ctx: FunctionContext): unknown;
}

export type WdlFunction = EagerFunction | LazyFunction;

/**
 * A failure while evaluating an expression. `code` follows the service
 * ("InvalidTemplate" for syntax, "ExpressionEvaluationFailed" / "InvalidFunctionArgument"
 * … for runtime); the message names the function, the argument (1-based) and what was
 * wrong: "The 2nd argument of 'formatDateTime' must be a format string; got the number 3."
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    readonly code: string,
    message: string,
    /** 0-based character offset in the expression text, when known. */
    readonly position?: number,
  ) {
    super(message);
  }
}
