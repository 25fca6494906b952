// ParseJson: `content` (JSON text or a value) checked against `schema`; outputs { body }.
import type { ActionHandler } from './types.js';
import { ActionFailure, succeeded } from './types.js';
import { inputsObject } from './inputs.js';
import { validateJsonSchema } from './json-schema.js';
import { classified } from '../run/errors.js';

export const parseJsonAction: ActionHandler = {
  run(ctx) {
    const inputs = inputsObject(ctx);
    let content = inputs.content;
    if (typeof content === 'string') {
      try {
        content = JSON.parse(content);
      } catch (error) {
        throw new ActionFailure(
          classified('InvalidJSON', 'expression', `Action '${ctx.action.name}' could not parse its content as JSON: ${(error as Error).message}`, [
            `The content given to '${ctx.action.name}' is not JSON.`,
            'Check what the previous action returns, or give ParseJson an object.',
          ]),
          inputs,
        );
      }
    }
    if (inputs.schema !== undefined && inputs.schema !== null) {
      const problems = validateJsonSchema(inputs.schema, content);
      if (problems.length > 0) {
        throw new ActionFailure(
          classified('InvalidJSON', 'expression', `The content of '${ctx.action.name}' does not match its schema: ${problems.slice(0, 5).join('; ')}.`, [
            `The data given to '${ctx.action.name}' does not match its schema.`,
            'Adjust the schema (e.g. allow null with "type": ["string", "null"]) or fix the data.',
          ]),
          inputs,
        );
      }
    }
    return succeeded(inputs, { body: content });
  },
};
