// If: evaluates its expression (a template or a condition object), runs the chosen
// branch and records the other branch's actions as Skipped
// (ActionBranchingConditionNotSatisfied). The decision is saved before the branch runs,
// so a resumed run takes the same branch.
import type { ActionHandler } from './types.js';
import { ActionFailure } from './types.js';
import { containerOutcome } from './container-outcome.js';
import { conditionResult, evaluateCondition } from '../expressions/evaluate.js';
import { expressionFailure } from '../run/errors.js';

export const ifAction: ActionHandler = {
  container: true,
  async run(ctx) {
    const saved = ctx.previousInputs as { expressionResult?: boolean } | null;
    let result: boolean;
    if (typeof saved?.expressionResult === 'boolean') {
      result = saved.expressionResult;
    } else {
      try {
        result = conditionResult(evaluateCondition(ctx.action.definition.expression, ctx.host));
      } catch (error) {
        throw new ActionFailure(expressionFailure(ctx.action.name, 'expression', error));
      }
      ctx.saveState(null, { expressionResult: result });
    }
    const inputs = { expressionResult: result };
    const taken = result ? ctx.action.body! : ctx.action.otherwise!;
    const other = result ? ctx.action.otherwise! : ctx.action.body!;
    await ctx.skipContainer(other, ctx.frame, 'ActionBranchingConditionNotSatisfied', `The condition of '${ctx.action.name}' was ${result}.`);
    const outcome = await ctx.runContainer(taken, ctx.frame);
    return containerOutcome(ctx, outcome.status, outcome.paused, inputs, { expression: result });
  },
};
