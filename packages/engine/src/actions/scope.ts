// Scope: runs its actions; its status follows the status rule over them.
import type { ActionHandler } from './types.js';
import { containerOutcome } from './container-outcome.js';

export const scopeAction: ActionHandler = {
  container: true,
  async run(ctx) {
    const body = ctx.action.body!;
    const outcome = await ctx.runContainer(body, ctx.frame);
    return containerOutcome(ctx, outcome.status, outcome.paused);
  },
};
