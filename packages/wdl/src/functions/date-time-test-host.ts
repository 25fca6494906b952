// A small expression host for calling functions directly in tests: a fixed clock and no
// workflow state. Used by the date-time, number-format and xml tests.
import type { ExpressionHost } from '../expressions/host.js';
import type { WdlFunction } from './registry.js';

function missing(what: string): never {
  throw new Error(`the test host has no ${what}`);
}

export function testHost(now: Date = new Date('2018-03-01T00:00:00Z')): ExpressionHost {
  return {
    parameters: () => missing('parameters'),
    variables: () => missing('variables'),
    trigger: () => missing('trigger'),
    actions: () => missing('actions'),
    action: () => missing('action'),
    item: () => missing('item'),
    items: () => missing('items'),
    iterationIndexes: () => missing('iterationIndexes'),
    result: () => missing('result'),
    workflow: () => missing('workflow'),
    listCallbackUrl: () => missing('listCallbackUrl'),
    appsetting: () => missing('appsetting'),
    now: () => new Date(now.getTime()),
    random: () => 0.5,
  };
}

/** Calls a function of `functions` by name with already-evaluated arguments, checking its arity as the evaluator does. */
export function callFunction(functions: WdlFunction[], name: string, args: unknown[], now?: Date): unknown {
  const fn = functions.find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (!fn) throw new Error(`no function named ${name}`);
  if (args.length < fn.minArgs || args.length > fn.maxArgs) {
    throw new Error(`'${fn.name}' takes ${fn.minArgs}..${fn.maxArgs} arguments; the test passed ${args.length}`);
  }
  if (fn.lazy) return fn.call(args.map((a) => () => a), { host: testHost(now), name: fn.name });
  return fn.call(args, { host: testHost(now), name: fn.name });
}
