// IncrementVariable and DecrementVariable: add or subtract (1 by default) on an Integer
// or Float variable. Safe in parallel loops: the change is made in one step in memory.
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';
import { fail, inputsObject } from './inputs.js';
import { describe, variableNamed, variableOutputs } from './variable-values.js';

function change(sign: 1 | -1): ActionHandler {
  return {
    run(ctx) {
      const inputs = inputsObject(ctx);
      const variable = variableNamed(ctx, inputs.name, inputs);
      if (variable.type !== 'Integer' && variable.type !== 'Float') fail(ctx, `the variable '${variable.name}' is ${variable.type}; only Integer and Float variables can be incremented or decremented.`, inputs, 'InvalidVariable');
      let by = inputs.value === undefined || inputs.value === null ? 1 : inputs.value;
      if (typeof by === 'string' && by.trim() !== '' && !Number.isNaN(Number(by))) by = Number(by);
      if (typeof by !== 'number') fail(ctx, `'value' must be a number; got ${describe(by)}.`, inputs, 'InvalidVariableValue');
      if (variable.type === 'Integer' && !Number.isInteger(by)) fail(ctx, `the variable '${variable.name}' is Integer, so it cannot change by ${by}.`, inputs, 'InvalidVariableValue');
      variable.value = Number(variable.value ?? 0) + sign * by;
      ctx.run.markVariablesChanged();
      return succeeded(inputs, variableOutputs(variable));
    },
  };
}

export const incrementVariableAction = change(1);
export const decrementVariableAction = change(-1);
