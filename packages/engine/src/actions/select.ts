// Select: maps each element of `from` through `select` (an object of templates or one expression).
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';
import { fail, requireArray } from './inputs.js';

export const selectAction: ActionHandler = {
  run(ctx) {
    const raw = (ctx.action.definition.inputs ?? {}) as { from?: unknown; select?: unknown };
    if (raw.select === undefined) fail(ctx, "'select' is missing: give an object such as { \"id\": \"@item()?['id']\" }.");
    const from = requireArray(ctx, ctx.evaluate(raw.from, 'from'), 'from', null);
    const body = from.map((item) => ctx.evaluateWithItem(raw.select, item, 'select'));
    return succeeded({ from, select: raw.select }, { body });
  },
};
