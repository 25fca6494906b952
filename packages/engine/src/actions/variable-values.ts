// Shared by the variable actions: types, type checks and lookups (names are case-insensitive).
import type { VariableState, VariableType } from '../ports.js';
import type { ActionContext } from './types.js';
import { fail } from './inputs.js';

const TYPES: Record<string, VariableType> = {
  boolean: 'Boolean',
  bool: 'Boolean',
  integer: 'Integer',
  int: 'Integer',
  float: 'Float',
  string: 'String',
  object: 'Object',
  array: 'Array',
};

export function variableType(ctx: ActionContext, value: unknown): VariableType {
  const type = typeof value === 'string' ? TYPES[value.toLowerCase()] : undefined;
  if (!type) fail(ctx, `the variable type must be Boolean, Integer, Float, String, Object or Array; got ${JSON.stringify(value)}.`);
  return type;
}

export function defaultValue(type: VariableType): unknown {
  switch (type) {
    case 'Boolean':
      return false;
    case 'Integer':
    case 'Float':
      return 0;
    case 'String':
      return '';
    case 'Object':
      return {};
    case 'Array':
      return [];
  }
}

export function matchesType(type: VariableType, value: unknown): boolean {
  switch (type) {
    case 'Boolean':
      return typeof value === 'boolean';
    case 'Integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'Float':
      return typeof value === 'number';
    case 'String':
      return typeof value === 'string';
    case 'Object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'Array':
      return Array.isArray(value);
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a float';
  return `a ${typeof value}`;
}

export function variableNamed(ctx: ActionContext, name: unknown, inputs: unknown): VariableState {
  if (typeof name !== 'string' || name === '') fail(ctx, "'name' must name a variable.", inputs);
  const variable = ctx.run.variables[name.toLowerCase()];
  if (!variable) fail(ctx, `the variable '${name}' has not been initialized; add an 'Initialize variable' action for it at the top level before this one.`, inputs, 'InvalidVariable');
  return variable;
}

/** Outputs of Set/Increment/Decrement/Append as the service shows them. */
export function variableOutputs(variable: VariableState): unknown {
  return { body: { name: variable.name, value: variable.value } };
}
