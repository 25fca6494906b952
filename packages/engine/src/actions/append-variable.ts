// AppendToArrayVariable and AppendToStringVariable.
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';
import { fail, inputsObject } from './inputs.js';
import { variableNamed, variableOutputs } from './variable-values.js';
import { interpolated } from '../expressions/text.js';

export const appendToArrayVariableAction: ActionHandler = {
  run(ctx) {
    const inputs = inputsObject(ctx);
    const variable = variableNamed(ctx, inputs.name, inputs);
    if (variable.type !== 'Array') fail(ctx, `the variable '${variable.name}' is ${variable.type}; Append to array variable needs an Array variable.`, inputs, 'InvalidVariable');
    // A new array, never the old one grown: values read earlier (an action's outputs, a
    // record waiting to be committed, variables('x') held by a Compose) must not change.
    const list: unknown[] = Array.isArray(variable.value) ? variable.value : [];
    variable.value = [...list, inputs.value === undefined ? null : inputs.value];
    ctx.run.markVariablesChanged();
    return succeeded(inputs, variableOutputs(variable));
  },
};

export const appendToStringVariableAction: ActionHandler = {
  run(ctx) {
    const inputs = inputsObject(ctx);
    const variable = variableNamed(ctx, inputs.name, inputs);
    if (variable.type !== 'String') fail(ctx, `the variable '${variable.name}' is ${variable.type}; Append to string variable needs a String variable.`, inputs, 'InvalidVariable');
    variable.value = `${typeof variable.value === 'string' ? variable.value : ''}${interpolated(inputs.value)}`;
    ctx.run.markVariablesChanged();
    return succeeded(inputs, variableOutputs(variable));
  },
};
