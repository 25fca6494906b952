// Foreach: runs its actions once per element, `repetitions` iterations at a time (20 by
// default, 1 with operationOptions "Sequential"). Each iteration is a scope; a failed
// iteration fails the loop while the others still run. The items are saved before the
// first iteration so a resumed run walks the same list.
import type { ActionHandler } from './types.js';
import { ActionFailure } from './types.js';
import { containerOutcome } from './container-outcome.js';
import { iterationFrame } from '../run/frame.js';
import { mergeStatuses, type ContainerStatus } from '../run/status-rule.js';
import { definitionError } from '../run/errors.js';

export const DEFAULT_FOREACH_CONCURRENCY = 20;
const MAX_ITEMS = 100_000;

export function foreachConcurrency(definition: { operationOptions?: unknown; runtimeConfiguration?: { concurrency?: { repetitions?: unknown } } }): number {
  if (typeof definition.operationOptions === 'string' && /(^|,)\s*sequential\s*(,|$)/i.test(definition.operationOptions)) return 1;
  const repetitions = Number(definition.runtimeConfiguration?.concurrency?.repetitions);
  return Number.isInteger(repetitions) && repetitions >= 1 ? Math.min(repetitions, 50) : DEFAULT_FOREACH_CONCURRENCY;
}

export const foreachAction: ActionHandler = {
  container: true,
  async run(ctx) {
    const action = ctx.action;
    let items = ctx.previousInputs as unknown[] | null;
    if (!Array.isArray(items)) {
      const value = ctx.evaluate(action.definition.foreach, 'foreach');
      if (!Array.isArray(value)) {
        throw new ActionFailure(
          definitionError(`The 'foreach' of action '${action.name}' must be an array; it evaluated to ${value === null ? 'null' : typeof value}. Point it at an array, e.g. @body('Get_items')?['value'].`, 'InvalidTemplate'),
        );
      }
      if (value.length > MAX_ITEMS) throw new ActionFailure(definitionError(`Action '${action.name}' has ${value.length} items; a Foreach takes at most ${MAX_ITEMS}.`, 'ForeachItemsLimitExceeded'));
      items = value;
      ctx.saveState(null, items);
    }
    const list = items;
    const concurrency = foreachConcurrency(action.definition);
    const statuses: ContainerStatus[] = [];
    let next = 0;
    let paused = false;
    const worker = async (): Promise<void> => {
      while (next < list.length && !paused && !ctx.run.aborted && !ctx.run.pausing) {
        const index = next++;
        const outcome = await ctx.runContainer(action.body!, iterationFrame(ctx.frame, action.name, index, { value: list[index] }));
        if (outcome.paused) paused = true;
        else statuses.push(outcome.status);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, list.length) }, worker));
    const stoppedEarly = paused || next < list.length || statuses.length < list.length;
    return containerOutcome(ctx, mergeStatuses(statuses), stoppedEarly, list, null);
  },
};
