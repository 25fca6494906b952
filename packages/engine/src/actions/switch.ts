// Switch: evaluates its expression, runs the case whose constant equals it (strings
// and numbers, compared exactly), or the default; the other cases are Skipped.
import type { ActionHandler } from './types.js';
import { containerOutcome } from './container-outcome.js';

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

export const switchAction: ActionHandler = {
  container: true,
  async run(ctx) {
    const action = ctx.action;
    const saved = ctx.previousInputs as { expressionResult?: unknown; case?: string | null } | null;
    let value: unknown;
    let chosen: string | null;
    if (saved && 'case' in saved) {
      value = saved.expressionResult;
      chosen = saved.case ?? null;
    } else {
      value = ctx.evaluate(action.definition.expression, 'expression');
      chosen = action.cases!.find((c) => sameValue(c.value, value))?.name ?? null;
      ctx.saveState(null, { expressionResult: value, case: chosen });
    }
    const inputs = { expressionResult: value, case: chosen };
    const message = `The expression of '${action.name}' did not select this case.`;
    let taken = action.otherwise!;
    for (const branch of action.cases!) {
      if (branch.name === chosen) taken = branch.container;
      else await ctx.skipContainer(branch.container, ctx.frame, 'ActionBranchingConditionNotSatisfied', message);
    }
    if (chosen !== null) await ctx.skipContainer(action.otherwise!, ctx.frame, 'ActionBranchingConditionNotSatisfied', message);
    const outcome = await ctx.runContainer(taken, ctx.frame);
    return containerOutcome(ctx, outcome.status, outcome.paused, inputs, { expression: value, case: chosen ?? 'default' });
  },
};
