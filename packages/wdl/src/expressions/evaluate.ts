// The front door of the expression language for the engine, the validator and `brook expr`:
// evaluate one expression, evaluate every template inside a JSON value, and find the
// templates that do not parse.
import { ExpressionError } from '../functions/registry.js';
import { lookupFunction } from '../functions/library.js';
import { arityMessage, compileExpression, type CompiledExpression } from './evaluator.js';
import type { ExpressionHost } from './host.js';
import { parseExpressionText } from './parser.js';
import { atPosition, expressionError } from './errors.js';
import { toInterpolatedString } from './stringify.js';
import { compileTemplate, isTemplate, type TemplateExpression } from './template.js';
import { isPlainObject, setOwn, toJsonValue, wrapperCount } from './values.js';

const EXPRESSION_CACHE_LIMIT = 10_000;
const expressionCache = new Map<string, CompiledExpression | ExpressionError>();

function compiledExpression(text: string): CompiledExpression {
  let compiled = expressionCache.get(text);
  if (!compiled) {
    const parsed = parseExpressionText(text);
    compiled =
      'ast' in parsed
        ? compileExpression(parsed.ast)
        : new ExpressionError('InvalidTemplate', `${parsed.reason}${atPosition(parsed.position, text)}`, parsed.position);
    if (expressionCache.size >= EXPRESSION_CACHE_LIMIT) {
      const oldest = expressionCache.keys().next();
      if (!oldest.done) expressionCache.delete(oldest.value);
    }
    expressionCache.set(text, compiled);
  }
  if (compiled instanceof ExpressionError) throw compiled;
  return compiled;
}

/** Evaluate one expression (text without the leading '@'); the result is plain JSON. Throws ExpressionError. */
export function evaluateExpression(text: string, host: ExpressionHost): unknown {
  const run = compiledExpression(text);
  const before = wrapperCount();
  try {
    return toJsonValue(run(host), before);
  } catch (error) {
    throw tooDeep(error);
  }
}

/**
 * Call a library function by name with arguments that are already values (plain JSON), as
 * the condition objects of If and Until do ({ "equals": [a, b] }). Throws ExpressionError.
 */
export function callFunction(name: string, args: unknown[], host: ExpressionHost): unknown {
  const fn = lookupFunction(name);
  if (!fn) throw expressionError('UnknownFunction', `The function '${name}' is not defined or not valid. Check the spelling; function names are those of the Logic Apps expression reference.`);
  if (args.length < fn.minArgs || args.length > fn.maxArgs) throw expressionError('ArgumentCount', arityMessage(fn, args.length));
  const before = wrapperCount();
  const context = { host, name: fn.name };
  try {
    const result = fn.lazy ? fn.call(args.map((arg) => () => arg), context) : fn.call(args, context);
    return toJsonValue(result, before);
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    throw tooDeep(error instanceof RangeError ? error : new ExpressionError('FunctionFailed', `'${fn.name}' failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`));
  }
}

/**
 * Evaluate every template in a JSON value: each string value and object key that is a
 * template (see isTemplate) is evaluated, everything else copied. Throws ExpressionError
 * naming the failed expression and where it sits in the value (a JSON pointer).
 */
export function evaluateTemplate(value: unknown, host: ExpressionHost): unknown {
  const before = wrapperCount();
  try {
    return toJsonValue(evaluateValue(value, host, ''), before);
  } catch (error) {
    throw tooDeep(error);
  }
}

/** A value nested deeper than the call stack allows is reported, not thrown as a RangeError. */
function tooDeep(error: unknown): unknown {
  if (!(error instanceof RangeError)) return error;
  return new ExpressionError('FunctionFailed', `The value is nested too deeply to evaluate (${error.message}).`);
}

function evaluateValue(value: unknown, host: ExpressionHost, path: string): unknown {
  if (typeof value === 'string') return evaluateString(value, host, path);
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = evaluateValue(value[i], host, `${path}/${i}`);
    return copy;
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const childPath = `${path}/${escapePointer(key)}`;
      const evaluatedKey = isTemplate(key) ? toInterpolatedString(evaluateString(key, host, childPath)) : key;
      setOwn(copy, evaluatedKey, evaluateValue(value[key], host, childPath));
    }
    return copy;
  }
  return value === undefined ? null : value;
}

function evaluateString(value: string, host: ExpressionHost, path: string): unknown {
  const template = compileTemplate(value);
  switch (template.kind) {
    case 'literal':
      return template.value;
    case 'invalid':
      throw new ExpressionError('InvalidTemplate', `${template.error.message}${where(path)}`, template.error.position);
    case 'expression':
      return runPart(template.expression, value, host, path);
    case 'interpolation': {
      let text = '';
      for (const part of template.parts) text += typeof part === 'string' ? part : toInterpolatedString(runPart(part, value, host, path));
      return text;
    }
  }
}

function runPart(part: TemplateExpression, template: string, host: ExpressionHost, path: string): unknown {
  try {
    return part.run(host);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    const shown = template.length > 200 ? `${template.slice(0, 197)}...` : template;
    const position = error.position === undefined ? part.offset : part.offset + error.position;
    throw new ExpressionError(error.code, `Unable to evaluate '${shown}'${where(path)}: ${error.message}`, position);
  }
}

function where(path: string): string {
  return path ? ` at ${path}` : '';
}

/** JSON pointer escaping of one key (RFC 6901). */
export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** True when some string or key inside the value is a template. */
export function containsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return isTemplate(value);
  if (Array.isArray(value)) return value.some(containsTemplate);
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) if (isTemplate(key) || containsTemplate(value[key])) return true;
  }
  return false;
}

export interface TemplateProblem {
  /** JSON pointer of the string (or key) that holds the template, under the path given. */
  path: string;
  /** 0-based offset in that string. */
  position: number;
  code: string;
  message: string;
}

/** Every template in the value that does not parse, with where it is. Never throws. */
export function findTemplateProblems(value: unknown, path: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  collectProblems(value, path, problems, 0);
  return problems;
}

function collectProblems(value: unknown, path: string, problems: TemplateProblem[], depth: number): void {
  if (depth > 1000) return;
  if (typeof value === 'string') {
    checkString(value, path, problems);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collectProblems(value[i], `${path}/${i}`, problems, depth + 1);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const childPath = `${path}/${escapePointer(key)}`;
      checkString(key, childPath, problems);
      collectProblems(value[key], childPath, problems, depth + 1);
    }
  }
}

function checkString(value: string, path: string, problems: TemplateProblem[]): void {
  if (!isTemplate(value)) return;
  const template = compileTemplate(value);
  if (template.kind === 'invalid') {
    problems.push({ path, position: template.error.position, code: 'InvalidTemplate', message: template.error.message });
  }
}
