// Query (Filter array): keeps the elements of `from` for which `where` is true.
import type { ActionHandler } from './types.js';
import { succeeded } from './types.js';
import { fail, requireArray } from './inputs.js';
import { conditionResult, evaluateCondition } from '../expressions/evaluate.js';
import { ActionFailure } from './types.js';
import { expressionFailure } from '../run/errors.js';
import type { EngineHost } from '../expressions/engine-host.js';

export const queryAction: ActionHandler = {
  run(ctx) {
    const raw = (ctx.action.definition.inputs ?? {}) as { from?: unknown; where?: unknown };
    if (raw.where === undefined) fail(ctx, "'where' is missing: give a condition such as @equals(item()?['status'], 'open').");
    const from = requireArray(ctx, ctx.evaluate(raw.from, 'from'), 'from', null);
    const inputs = { from, where: raw.where };
    const host = ctx.host as EngineHost;
    const body = from.filter((item) => {
      try {
        return conditionResult(evaluateCondition(raw.where, host.withItem(item)));
      } catch (error) {
        throw new ActionFailure(expressionFailure(ctx.action.name, 'where', error), inputs);
      }
    });
    return succeeded(inputs, { body });
  },
};
