// What the expression tests share: evaluate a definition value as the engine would, and
// catch the ExpressionError a failing one throws.
import { ExpressionError } from '../functions/registry.js';
import { evaluateTemplate } from './evaluate.js';
import { createJsonHost, type JsonContext } from './json-host.js';

export const FIXED_NOW = new Date('2018-03-01T00:00:00Z');

/** Evaluate `value` (e.g. "@add(1,2)") with a JSON context, a fixed clock and a fixed random source. */
export function wdl(value: unknown, context: JsonContext = {}, random: () => number = () => 0.5): unknown {
  return evaluateTemplate(value, createJsonHost(context, { now: () => FIXED_NOW, random }));
}

/** The ExpressionError evaluating `value` throws; fails the test when there is none. */
export function wdlError(value: unknown, context: JsonContext = {}): ExpressionError {
  try {
    const result = wdl(value, context);
    throw new Error(`expected ${JSON.stringify(value)} to fail, but it gave ${JSON.stringify(result)}`);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
}
