// Compose: its outputs are its evaluated inputs.
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';

export const composeAction: ActionHandler = {
  run(ctx) {
    const value = ctx.evaluate(ctx.action.definition.inputs ?? null);
    return succeeded(value, value);
  },
};
