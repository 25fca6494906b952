// Error codes of the expression language and the words its messages use. Every message
// says where (function, argument, position) and what was wrong, so a user can fix the
// definition without reading Brook's code.
import { ExpressionError } from '../functions/registry.js';
import { kindOf, WdlDecimal, WdlFloat } from './values.js';

/** Closed set of codes an ExpressionError carries. */
export type ExpressionErrorCode =
  /** The text is not a valid expression (syntax, length limit). The service's own code for this. */
  | 'InvalidTemplate'
  /** A function name that the library does not have. */
  | 'UnknownFunction'
  /** Too few or too many arguments. */
  | 'ArgumentCount'
  /** An argument of the wrong type (a number where a string is needed, …). */
  | 'ArgumentType'
  /** An argument of the right type but an unusable value (out of range, not parseable, …). */
  | 'ArgumentValue'
  /** `.x` / `['x']` on an object without that property, or on a value that has no properties. */
  | 'PropertyNotFound'
  /** `[n]` past the end of an array. */
  | 'IndexOutOfRange'
  /** Integer or decimal arithmetic beyond its range, or division by zero. */
  | 'ArithmeticError'
  /** parameters(), variables(), actions(), items() … asked for something the run does not have. */
  | 'NotFound'
  /** A function that needs a run context used where there is none (listCallbackUrl outside a webhook, …). */
  | 'NotAvailable'
  /** A function failed in a way it did not foresee; the message says how. */
  | 'FunctionFailed';

export function expressionError(code: ExpressionErrorCode, message: string, position?: number): ExpressionError {
  return new ExpressionError(code, message, position);
}

const ORDINALS = ['1st', '2nd', '3rd'];

/** "1st", "2nd", "3rd", "4th", … for a 0-based argument index. */
export function ordinal(index: number): string {
  return ORDINALS[index] ?? `${index + 1}th`;
}

/** How a value is named in messages: "the string 'abc'", "the integer 3", "null", "an object". */
export function describeValue(value: unknown): string {
  const kind = kindOf(value);
  switch (kind) {
    case 'null':
      return 'null';
    case 'boolean':
      return `the boolean ${value ? 'true' : 'false'}`;
    case 'integer':
      return `the integer ${String(value)}`;
    case 'float':
      return `the float ${value instanceof WdlFloat ? `${value.value}.0` : String(value)}`;
    case 'decimal':
      return `the decimal ${(value as WdlDecimal).toString()}`;
    case 'string': {
      const text = value as string;
      return `the string '${text.length > 60 ? `${text.slice(0, 57)}...` : text}'`;
    }
    case 'array':
      return `an array of ${(value as unknown[]).length} item${(value as unknown[]).length === 1 ? '' : 's'}`;
    case 'object':
      return 'an object';
  }
}

/** Where in the expression text an error is, as a message suffix: " at position 14 in 'concat('a', 'b''". */
export function atPosition(position: number, text: string): string {
  const shown = text.length <= 200 ? text : excerpt(text, position);
  return ` at position ${position} in '${shown}'`;
}

function excerpt(text: string, position: number): string {
  const start = Math.max(0, position - 80);
  const end = Math.min(text.length, position + 80);
  return `${start > 0 ? '...' : ''}${text.slice(start, end)}${end < text.length ? '...' : ''}`;
}
