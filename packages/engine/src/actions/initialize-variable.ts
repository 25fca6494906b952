// InitializeVariable: declares variables with a type and an optional value.
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';
import { fail, inputsObject } from './inputs.js';
import { defaultValue, describe, matchesType, variableType } from './variable-values.js';

export const initializeVariableAction: ActionHandler = {
  run(ctx) {
    const inputs = inputsObject(ctx);
    const list = inputs.variables;
    if (!Array.isArray(list) || list.length === 0) fail(ctx, "'variables' must be a list such as [{ \"name\": \"count\", \"type\": \"integer\", \"value\": 0 }].", inputs);
    const declared: Array<{ key: string; name: string; type: ReturnType<typeof variableType>; value: unknown }> = [];
    for (const entry of list as Array<Record<string, unknown>>) {
      const name = entry?.name;
      if (typeof name !== 'string' || name === '') fail(ctx, 'each variable needs a name.', inputs);
      const type = variableType(ctx, entry.type);
      let value = entry.value === undefined ? defaultValue(type) : entry.value;
      if (type === 'Float' && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) value = Number(value);
      if (type === 'Integer' && typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) value = Number(value);
      if (type === 'Boolean' && typeof value === 'string' && /^(true|false)$/i.test(value)) value = value.toLowerCase() === 'true';
      if (value !== null && !matchesType(type, value)) fail(ctx, `the variable '${name}' is declared ${type} but its value is ${describe(value)}.`, inputs, 'InvalidVariableValue');
      const key = name.toLowerCase();
      if (ctx.run.variables[key]) fail(ctx, `the variable '${name}' is already initialized; initialize each variable once.`, inputs, 'InvalidVariable');
      declared.push({ key, name, type, value });
    }
    for (const { key, name, type, value } of declared) ctx.run.variables[key] = { name, type, value };
    ctx.run.markVariablesChanged();
    return succeeded(inputs, null);
  },
};
