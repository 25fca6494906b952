import { describe, expect, it } from 'vitest';
import { createEngine } from '../engine.js';
import { MemoryRunStore } from '../memory-store.js';
import { InstantClock } from '../clock.js';
import { scheduleKey } from './schedules.js';

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached');
}

describe('schedule timers', () => {
  it('fire a Recurrence flow once per occurrence and move to the next one', async () => {
    const store = new MemoryRunStore();
    store.addFlowVersion('hourly', {
      triggers: { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Hour', interval: 1, startTime: '2030-01-01T00:00:00Z' } } },
      actions: { Tick: { type: 'Compose', inputs: "@triggerOutputs()?['scheduledTime']" } },
    });
    const clock = new InstantClock(Date.parse('2030-01-01T00:00:00Z'));
    const key = scheduleKey('hourly', 'Recurrence');
    await store.upsertScheduleTimer({ key, flowId: 'hourly', triggerName: 'Recurrence', fireAt: clock.now() });
    const created: string[] = [];
    const engine = createEngine({ store, clock, events: { emit: (event) => void (event.type === 'run' && event.run.status === 'Waiting' && created.push(event.run.id)) } });
    const worker = engine.startWorker({ pollMs: 10 });
    try {
      await until(async () => created.length === 1 && (await store.getRun(created[0]!))?.status === 'Succeeded');
      const run = (await store.loadRun(created[0]!))!;
      expect(run.run).toMatchObject({ triggerName: 'Recurrence', triggerOutputs: { scheduledTime: '2030-01-01T00:00:00.000Z' } });
      expect(run.actions[0]?.outputs).toBe('2030-01-01T00:00:00.000Z');
      expect(await store.dueScheduleTimers(Number.MAX_SAFE_INTEGER, 10)).toEqual([{ key, flowId: 'hourly', triggerName: 'Recurrence', fireAt: Date.parse('2030-01-01T01:00:00Z') }]);
      expect(created).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });
});
