// The engine's door to the expression language of @brook/wdl: templates (every string
// of a JSON value), single expressions, and the condition objects of If/Until
// (`{ "and": [ { "equals": [a, b] } ] }`), which are function calls written as JSON.
import { ExpressionError, evaluateExpression as evaluateText, evaluateTemplate as evaluateAll, type ExpressionHost } from '@brook/wdl';

function needsEvaluation(text: string): boolean {
  return text.length >= 2 && (text.charCodeAt(0) === 64 /* @ */ || text.includes('@{'));
}

/** Evaluates every template in `value` (strings starting with '@' or holding '@{…}'); plain values come back as they are. */
export function evaluateTemplate(value: unknown, host: ExpressionHost): unknown {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string' && !needsEvaluation(value)) return value;
  return evaluateAll(value, host);
}

/** Evaluates one expression written without its leading '@'. */
export function evaluateExpression(text: string, host: ExpressionHost): unknown {
  return evaluateText(text, host);
}

const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ARGUMENT = '__brook_condition_argument_';

/** A host that answers parameters('__brook_condition_argument_N') with already evaluated values. */
function argumentHost(host: ExpressionHost, values: unknown[]): ExpressionHost {
  return new Proxy(host, {
    get(target, property, receiver) {
      if (property === 'parameters') {
        return (name: string) => (name.startsWith(ARGUMENT) ? values[Number(name.slice(ARGUMENT.length))] : target.parameters(name));
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Evaluates a condition: a template string ("@equals(…)") or a condition object. `and`,
 * `or` and `not` short-circuit; any other key names a function of the library, called
 * with its evaluated arguments (nested objects are nested calls).
 */
export function evaluateCondition(condition: unknown, host: ExpressionHost): unknown {
  if (typeof condition === 'string' || typeof condition === 'boolean') return evaluateTemplate(condition, host);
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) {
    throw new ExpressionError('InvalidTemplate', `A condition must be an expression or an object such as { "equals": [a, b] }; got ${JSON.stringify(condition)}.`);
  }
  const entries = Object.entries(condition as Record<string, unknown>);
  if (entries.length !== 1) {
    throw new ExpressionError('InvalidTemplate', `A condition object must have exactly one member (the function); got ${entries.length}: ${entries.map(([k]) => k).join(', ') || 'none'}.`);
  }
  const [name, rawArgs] = entries[0]!;
  const args = Array.isArray(rawArgs) ? rawArgs : [rawArgs];
  const lower = name.toLowerCase();
  if (lower === 'and') return args.every((arg) => isTrue(evaluateCondition(arg, host), name));
  if (lower === 'or') return args.some((arg) => isTrue(evaluateCondition(arg, host), name));
  if (lower === 'not') {
    if (args.length !== 1) throw new ExpressionError('InvalidTemplate', `'not' takes one condition; got ${args.length}.`);
    return !isTrue(evaluateCondition(args[0], host), name);
  }
  if (!FUNCTION_NAME.test(name)) throw new ExpressionError('InvalidTemplate', `'${name}' is not a function name.`);
  const values = args.map((arg) => (isConditionObject(arg) ? evaluateCondition(arg, host) : evaluateTemplate(arg, host)));
  const call = `${name}(${values.map((_, i) => `parameters('${ARGUMENT}${i}')`).join(', ')})`;
  return evaluateExpression(call, argumentHost(host, values));
}

function isConditionObject(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1;
}

function isTrue(value: unknown, where: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw new ExpressionError('InvalidTemplate', `The arguments of '${where}' must be booleans; got ${JSON.stringify(value)}.`);
}

/** Conditions of If/Until must come out boolean ('true'/'false' strings are accepted). */
export function conditionResult(value: unknown): boolean {
  return isTrue(value, 'expression');
}
