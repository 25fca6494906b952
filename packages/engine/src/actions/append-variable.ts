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
    const list = Array.isArray(variable.value) ? variable.value : [];
    list.push(inputs.value === undefined ? null : inputs.value);
    variable.value = list;
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
