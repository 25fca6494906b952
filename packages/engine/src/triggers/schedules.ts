// Firing Recurrence schedules from the timers table: each due timer creates one run and
// moves to the next occurrence in one transaction, so it fires once across all workers.
import type { RunStore, TriggerDefinitionLike } from './types.js';
import type { EngineDeps } from '../run/deps.js';
import { nextOccurrence } from './recurrence.js';
import { normalizeTypeName } from '@brook/wdl';

export function scheduleKey(flowId: string, triggerName: string): string {
  return `schedule:${flowId}:${triggerName}`;
}

/** The trigger outputs of a Recurrence run. */
export function recurrenceTriggerOutputs(scheduledAt: number): unknown {
  return { headers: {}, body: null, scheduledTime: new Date(scheduledAt).toISOString() };
}

export async function fireDueSchedules(deps: EngineDeps, now: number): Promise<number> {
  const due = await deps.store.dueScheduleTimers(now, 50);
  let fired = 0;
  for (const timer of due) {
    const version = await deps.store.getCurrentFlowVersion(timer.flowId);
    const trigger = version?.definition.triggers?.[timer.triggerName] as TriggerDefinitionLike | undefined;
    const recurrence = trigger && normalizeTypeName(trigger.type) === 'recurrence' ? trigger.recurrence : undefined;
    let next: number | null = null;
    if (recurrence) {
      const after = Math.max(now, timer.fireAt);
      next = nextOccurrence(recurrence, after)?.getTime() ?? null;
    }
    if (!version || !recurrence) {
      // The flow or its Recurrence trigger is gone: the schedule goes with it.
      await deps.store.deleteScheduleTimers(timer.flowId);
      continue;
    }
    const run = await deps.store.fireScheduleTimer(timer.key, timer.fireAt, next, {
      flowId: timer.flowId,
      flowVersion: version.version,
      triggerName: timer.triggerName,
      triggerOutputs: recurrenceTriggerOutputs(timer.fireAt),
      createdAt: now,
    });
    if (run) {
      fired += 1;
      deps.events?.emit({ type: 'run', run });
    }
  }
  return fired;
}

export type { RunStore };
