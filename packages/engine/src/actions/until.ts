// Until: runs its actions, then checks its condition (do-while), until the condition
// holds or a limit is reached: `limit.count` cycles (60) or `limit.timeout` (PT1H),
// checked between cycles. Reaching a limit ends the loop Succeeded, or TimedOut with
// operationOptions "FailWhenLimitsReached". The cycle number is saved at each start.
import type { ActionHandler } from './types.js';
import { ActionFailure } from './types.js';
import { containerOutcome } from './container-outcome.js';
import { iterationFrame } from '../run/frame.js';
import { mergeStatuses, type ContainerStatus } from '../run/status-rule.js';
import { conditionResult, evaluateCondition } from '../expressions/evaluate.js';
import { EngineHost } from '../expressions/engine-host.js';
import { definitionError, expressionFailure, timeoutError } from '../run/errors.js';
import { parseDuration } from '../durations.js';

const MAX_COUNT = 5000;

export const untilAction: ActionHandler = {
  container: true,
  async run(ctx) {
    const action = ctx.action;
    const limit = action.definition.limit ?? {};
    const count = limit.count === undefined ? 60 : Number(typeof limit.count === 'string' ? ctx.evaluate(limit.count, 'limit.count') : limit.count);
    if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) throw new ActionFailure(definitionError(`limit.count of Until '${action.name}' must be a whole number from 1 to ${MAX_COUNT}; got ${JSON.stringify(limit.count)}.`));
    const timeoutMs = limit.timeout === undefined ? 3_600_000 : parseDuration(typeof limit.timeout === 'string' && limit.timeout.startsWith('@') ? ctx.evaluate(limit.timeout, 'limit.timeout') : limit.timeout);
    if (timeoutMs === undefined) throw new ActionFailure(definitionError(`limit.timeout of Until '${action.name}' must be an ISO 8601 duration such as PT1H; got ${JSON.stringify(limit.timeout)}.`));
    const failOnLimit = typeof action.definition.operationOptions === 'string' && /failwhenlimitsreached/i.test(action.definition.operationOptions);
    const saved = ctx.previousState as { iteration?: number } | null;
    const statuses: ContainerStatus[] = [];
    let iteration = saved?.iteration ?? 0;
    for (;;) {
      ctx.saveState({ iteration });
      const frame = iterationFrame(ctx.frame, action.name, iteration);
      const outcome = await ctx.runContainer(action.body!, frame);
      if (outcome.paused || ctx.run.aborted) return containerOutcome(ctx, mergeStatuses(statuses), true);
      statuses.push(outcome.status);
      let done: boolean;
      try {
        done = conditionResult(evaluateCondition(action.definition.expression, new EngineHost(ctx.run, frame, ctx.key)));
      } catch (error) {
        throw new ActionFailure(expressionFailure(action.name, 'expression', error));
      }
      iteration += 1;
      if (done) break;
      const outOfTime = ctx.run.deps.clock.now() - ctx.startedAt >= timeoutMs;
      if (iteration >= count || outOfTime) {
        if (failOnLimit) {
          const error = outOfTime ? timeoutError(action.name, 'the Until loop') : { ...timeoutError(action.name, 'the Until loop'), message: `The Until loop '${action.name}' reached its limit of ${count} cycles.` };
          return { kind: 'done', status: 'TimedOut', code: 'ActionTimedOut', error, inputs: null, outputs: { iterations: iteration } };
        }
        break;
      }
    }
    return containerOutcome(ctx, mergeStatuses(statuses), false, null, { iterations: iteration });
  },
};
