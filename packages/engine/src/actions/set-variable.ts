// SetVariable: replaces a variable's value; the value must match the declared type.
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';
import { fail, inputsObject } from './inputs.js';
import { describe, matchesType, variableNamed, variableOutputs } from './variable-values.js';

export const setVariableAction: ActionHandler = {
  run(ctx) {
    const inputs = inputsObject(ctx);
    const variable = variableNamed(ctx, inputs.name, inputs);
    let value = inputs.value === undefined ? null : inputs.value;
    if (variable.type === 'Float' && typeof value === 'number') value = Number(value);
    if (value !== null && !matchesType(variable.type, value)) {
      fail(ctx, `the variable '${variable.name}' is ${variable.type} but the new value is ${describe(value)}.`, inputs, 'InvalidVariableValue');
    }
    variable.value = value;
    ctx.run.markVariablesChanged();
    return succeeded(inputs, variableOutputs(variable));
  },
};
