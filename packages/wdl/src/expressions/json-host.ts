// An ExpressionHost made from a plain JSON context — what `brook expr` and tests use:
//   { variables, parameters, triggerBody, triggerOutputs, actions: { NAME: { outputs, status } },
//     items, item, iterationIndexes, results, workflow, trigger, callbackUrl, appsettings }
// Names of variables, parameters, actions and loops match case-insensitively (exact case first).
import { lookupProperty } from './access.js';
import { expressionError } from './errors.js';
import type { ExpressionHost } from './host.js';
import { isPlainObject } from './values.js';

export interface JsonContext {
  variables?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  /** Shorthand for triggerOutputs.body. */
  triggerBody?: unknown;
  triggerOutputs?: unknown;
  /** The whole trigger record, when a test needs more than outputs. */
  trigger?: Record<string, unknown>;
  actions?: Record<string, { outputs?: unknown; status?: string; inputs?: unknown; [member: string]: unknown }>;
  /** The current item for item(). */
  item?: unknown;
  /** items('Loop') values by loop name; also item()'s value when `item` is absent. */
  items?: unknown;
  iterationIndexes?: Record<string, number>;
  /** result('Scope') values by scope name. */
  results?: Record<string, unknown>;
  workflow?: unknown;
  callbackUrl?: string;
  appsettings?: Record<string, unknown>;
}

export interface JsonHostOptions {
  /** The clock for utcNow() and friends; defaults to the system clock. */
  now?: () => Date;
  /** Random numbers in [0, 1) for rand() and guid(); defaults to Math.random. */
  random?: () => number;
}

const MISSING: unique symbol = Symbol('missing');

function find(map: unknown, name: string): unknown {
  if (!isPlainObject(map)) return MISSING;
  const value = lookupProperty(map, name);
  return typeof value === 'symbol' ? MISSING : value;
}

function known(map: unknown): string {
  const names = isPlainObject(map) ? Object.keys(map) : [];
  return names.length === 0 ? 'none are defined' : `defined: ${names.slice(0, 20).map((n) => `'${n}'`).join(', ')}`;
}

export function createJsonHost(context: JsonContext, options: JsonHostOptions = {}): ExpressionHost {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;

  let trigger: Record<string, unknown> | undefined;
  const buildTrigger = (): Record<string, unknown> => {
    const outputs: unknown =
      context.triggerOutputs !== undefined
        ? context.triggerBody !== undefined && isPlainObject(context.triggerOutputs) && !('body' in context.triggerOutputs)
          ? { ...context.triggerOutputs, body: context.triggerBody }
          : context.triggerOutputs
        : context.triggerBody !== undefined
          ? { body: context.triggerBody }
          : {};
    return { name: 'manual', status: 'Succeeded', code: 'OK', outputs, ...(context.trigger ?? {}) };
  };

  return {
    parameters(name) {
      const value = find(context.parameters, name);
      if (value === MISSING) {
        throw expressionError('NotFound', `The workflow parameter '${name}' is not defined (${known(context.parameters)}). Add it to the definition's parameters.`);
      }
      return value;
    },
    variables(name) {
      const value = find(context.variables, name);
      if (value === MISSING) {
        throw expressionError('NotFound', `The variable '${name}' is not initialized (${known(context.variables)}). Initialize it with an InitializeVariable action first.`);
      }
      return value;
    },
    trigger: () => (trigger ??= buildTrigger()),
    actions(name) {
      const record = find(context.actions, name);
      if (record === MISSING || !isPlainObject(record)) {
        throw expressionError('NotFound', `The action '${name}' does not exist or has not run (${known(context.actions)}).`);
      }
      return { name, status: 'Succeeded', ...record };
    },
    action() {
      throw expressionError('NotAvailable', "action() is only available in an action's trackedProperties, an Until condition or a webhook's unsubscribe.");
    },
    item() {
      if (context.item !== undefined) return context.item;
      if (context.items !== undefined) return context.items;
      throw expressionError('NotAvailable', 'item() is only available inside a Foreach loop or a Select, Filter array or Table action.');
    },
    items(loopName) {
      const value = find(context.items, loopName);
      if (value === MISSING) throw expressionError('NotFound', `items('${loopName}') is only available inside the Foreach loop '${loopName}'.`);
      return value;
    },
    iterationIndexes(loopName) {
      const value = find(context.iterationIndexes, loopName);
      if (typeof value !== 'number') throw expressionError('NotFound', `iterationIndexes('${loopName}') is only available inside the Until loop '${loopName}'.`);
      return value;
    },
    result(scopeName) {
      const value = find(context.results, scopeName);
      if (value === MISSING) throw expressionError('NotFound', `result('${scopeName}') needs '${scopeName}' to be a Scope, Foreach or Until that has run.`);
      return value;
    },
    workflow() {
      return context.workflow ?? { id: '/workflows/brook-expr', name: 'brook-expr', type: 'Microsoft.Logic/workflows', location: 'local', run: { id: '/workflows/brook-expr/runs/local', name: 'local', type: 'Microsoft.Logic/workflows/runs' }, tags: {} };
    },
    listCallbackUrl() {
      if (context.callbackUrl === undefined) {
        throw expressionError('NotAvailable', 'listCallbackUrl() is only available in HttpWebhook and ApiConnectionWebhook triggers and actions.');
      }
      return context.callbackUrl;
    },
    appsetting(name) {
      const value = find(context.appsettings, name);
      return value === MISSING ? null : value;
    },
    now,
    random,
  };
}
