// Reading evaluated inputs with errors that name the action and the member.
import type { ActionContext } from './types.js';
import { ActionFailure } from './types.js';
import { definitionError } from '../run/errors.js';

export function inputsObject(ctx: ActionContext): Record<string, unknown> {
  const value = ctx.evaluate(ctx.action.definition.inputs ?? {});
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ActionFailure(definitionError(`The inputs of action '${ctx.action.name}' must be an object.`));
  }
  return value as Record<string, unknown>;
}

export function requireArray(ctx: ActionContext, value: unknown, member: string, inputs: unknown): unknown[] {
  if (!Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new ActionFailure(definitionError(`The '${member}' of action '${ctx.action.name}' must be an array; got ${got}.`, 'InvalidTemplate'), inputs);
  }
  return value;
}

export function fail(ctx: ActionContext, message: string, inputs?: unknown, code = 'InvalidTemplate'): never {
  throw new ActionFailure(definitionError(`Action '${ctx.action.name}': ${message}`, code), inputs);
}
