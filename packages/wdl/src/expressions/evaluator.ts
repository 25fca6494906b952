// Evaluation of an expression tree. A tree is compiled once into nested closures (the
// function table lookups, arity checks and step kinds are decided up front), so evaluating
// a cached expression is a handful of direct calls.
//
// Semantics: arguments evaluate left to right; lazy functions (if, and, or, coalesce) get
// thunks and evaluate only what they need; errors from a call carry the position of that
// call in the expression text.
import { lookupFunction } from '../functions/library.js';
import { ExpressionError, type FunctionContext, type WdlFunction } from '../functions/registry.js';
import { selectIndex, selectProperty } from './access.js';
import { positionOf, type ExpressionNode } from './ast.js';
import { expressionError } from './errors.js';
import type { ExpressionHost } from './host.js';
import { noteNonJsonValue, WdlFloat } from './values.js';

export type CompiledExpression = (host: ExpressionHost) => unknown;

const NO_ARGS: unknown[] = [];

/** Calls whose results are trigger or action records: string indexes with '/' walk nested properties on them. */
const SLASH_PATH_ROOTS = new Set([
  'trigger',
  'triggeroutputs',
  'triggerbody',
  'actions',
  'action',
  'outputs',
  'actionoutputs',
  'body',
  'actionbody',
  'item',
  'items',
]);

export function compileExpression(node: ExpressionNode): CompiledExpression {
  switch (node.kind) {
    case 'string':
    case 'boolean': {
      const value = node.value;
      return () => value;
    }
    case 'null':
      return () => null;
    case 'integer': {
      const value = node.value;
      if (typeof value === 'bigint') {
        return () => {
          noteNonJsonValue();
          return value;
        };
      }
      return () => value;
    }
    case 'float': {
      const value = node.value;
      // Integral floats are boxed fresh each time so the result's boxes are always counted.
      return Number.isInteger(value) ? () => new WdlFloat(value) : () => value;
    }
    case 'call':
      return compileCall(node);
    case 'property': {
      const target = compileExpression(node.target);
      const { name, nullSafe } = node;
      const slashPaths = rootsAtRecord(node.target);
      const position = positionOf(node);
      return (host) => {
        try {
          return selectProperty(target(host), name, nullSafe, slashPaths);
        } catch (error) {
          throw placeError(error, position);
        }
      };
    }
    case 'index': {
      const target = compileExpression(node.target);
      const index = compileExpression(node.index);
      const { nullSafe } = node;
      const slashPaths = rootsAtRecord(node.target);
      const position = positionOf(node);
      return (host) => {
        try {
          return selectIndex(target(host), index(host), nullSafe, slashPaths);
        } catch (error) {
          throw placeError(error, position);
        }
      };
    }
  }
}

function rootsAtRecord(node: ExpressionNode): boolean {
  let current = node;
  while (current.kind === 'property' || current.kind === 'index') current = current.target;
  return current.kind === 'call' && SLASH_PATH_ROOTS.has(current.name.toLowerCase());
}

function compileCall(node: Extract<ExpressionNode, { kind: 'call' }>): CompiledExpression {
  const position = positionOf(node);
  const fn = lookupFunction(node.name);
  if (!fn) {
    const message = `The function '${node.name}' is not defined or not valid. Check the spelling; function names are those of the Logic Apps expression reference.`;
    return () => {
      throw expressionError('UnknownFunction', message, position);
    };
  }
  const argc = node.args.length;
  if (argc < fn.minArgs || argc > fn.maxArgs) {
    const message = arityMessage(fn, argc);
    return () => {
      throw expressionError('ArgumentCount', message, position);
    };
  }
  const args = node.args.map(compileExpression);
  const name = fn.name;
  // Each shape below catches errors itself (rather than through a wrapper closure) to give
  // them this call's position: one closure call less per node on the hot path.
  if (fn.lazy) {
    const call = fn.call.bind(fn);
    return (host) => {
      try {
        return call(
          args.map((arg) => () => arg(host)),
          { host, name },
        );
      } catch (error) {
        throw placeError(error, position);
      }
    };
  }
  const call = fn.call.bind(fn);
  switch (argc) {
    case 0:
      return (host) => {
        try {
          return call(NO_ARGS, { host, name });
        } catch (error) {
          throw placeError(error, position);
        }
      };
    case 1: {
      const a = args[0] as CompiledExpression;
      return (host) => {
        try {
          return call([a(host)], { host, name });
        } catch (error) {
          throw placeError(error, position);
        }
      };
    }
    case 2: {
      const a = args[0] as CompiledExpression;
      const b = args[1] as CompiledExpression;
      return (host) => {
        try {
          const first = a(host);
          return call([first, b(host)], { host, name });
        } catch (error) {
          throw placeError(error, position);
        }
      };
    }
    case 3: {
      const a = args[0] as CompiledExpression;
      const b = args[1] as CompiledExpression;
      const c = args[2] as CompiledExpression;
      return (host) => {
        try {
          const first = a(host);
          const second = b(host);
          return call([first, second, c(host)], { host, name });
        } catch (error) {
          throw placeError(error, position);
        }
      };
    }
    default:
      return (host) => {
        try {
          const values = new Array<unknown>(argc);
          for (let i = 0; i < argc; i++) values[i] = (args[i] as CompiledExpression)(host);
          return call(values, { host, name } satisfies FunctionContext);
        } catch (error) {
          throw placeError(error, position);
        }
      };
  }
}

export function arityMessage(fn: WdlFunction, argc: number): string {
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  let expected: string;
  if (fn.minArgs === fn.maxArgs) expected = plural(fn.minArgs);
  else if (fn.maxArgs === Infinity) expected = `at least ${plural(fn.minArgs)}`;
  else expected = `${fn.minArgs} to ${plural(fn.maxArgs)}`;
  return `The function '${fn.name}' expects ${expected} but got ${argc}.`;
}

/**
 * Give errors that have no position the position of this node, and turn unexpected
 * exceptions (bugs, stack overflow on absurd data) into expression errors.
 */
function placeError(error: unknown, position: number | undefined): ExpressionError {
  if (error instanceof ExpressionError) {
    if (error.position !== undefined || position === undefined) return error;
    return new ExpressionError(error.code, error.message, position);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ExpressionError('FunctionFailed', `The expression failed unexpectedly: ${message}`, position);
}
