// A worker: claims runnable runs from the store (up to `concurrency` at a time), renews
// their leases, wakes suspended runs whose timers are due and fires due schedules. It
// idles on the store's wake-up signal (PostgreSQL LISTEN/NOTIFY) between polls. Stopping
// lets in-flight actions finish and checkpoint, then releases the runs for others.
import type { RunRecord } from '../ports.js';
import type { EngineDeps } from './deps.js';
import { executeHeld } from '../engine.js';
import { fireDueSchedules } from '../triggers/schedules.js';

export interface WorkerOptions {
  /** Runs executed at once. Default 64. */
  concurrency?: number;
  /** Longest idle wait between polls. Default 1 s. */
  pollMs?: number;
  /** Fire due Recurrence schedules from the timers table. Default true. */
  schedules?: boolean;
}

export interface Worker {
  readonly workerId: string;
  /** Runs executing now. */
  readonly activeRuns: number;
  /** Runs this worker has finished or left (suspended, released). */
  readonly completed: number;
  /** Stops claiming; in-flight actions finish and checkpoint; runs are released. */
  stop(): Promise<void>;
}

export function startClaimLoop(deps: EngineDeps, options: WorkerOptions): Worker {
  const concurrency = options.concurrency ?? 64;
  const pollMs = options.pollMs ?? 1000;
  const stopping = new AbortController();
  const running = new Map<string, Promise<void>>();
  let completed = 0;

  const launch = (run: RunRecord): void => {
    const done = executeHeld(deps, run, false)
      .then(() => undefined)
      .catch((error: unknown) => deps.logger.error({ err: error, runId: run.id }, 'run failed inside the engine'))
      .finally(() => {
        running.delete(run.id);
        completed += 1;
        wake();
      });
    running.set(run.id, done);
  };

  let wakeIdle: (() => void) | null = null;
  const wake = (): void => wakeIdle?.();

  const renewal = setInterval(() => {
    const ids = [...running.keys()];
    if (ids.length === 0) return;
    deps.store.renewLeases(deps.workerId, ids, deps.leaseMs, deps.clock.now()).then(
      ({ lost, cancelRequested }) => {
        for (const id of lost) deps.active.get(id)?.abort({ kind: 'lost' });
        for (const id of cancelRequested) deps.active.get(id)?.abort({ kind: 'cancelled' });
      },
      (error: unknown) => deps.logger.warn({ err: error }, 'lease renewal failed'),
    );
  }, Math.max(250, deps.leaseMs / 3));
  renewal.unref?.();

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let claimedAny = false;
      try {
        const now = deps.clock.now();
        await deps.store.wakeDueRuns(now, 100);
        if (options.schedules !== false) await fireDueSchedules(deps, now);
        const capacity = concurrency - running.size;
        if (capacity > 0) {
          const claimed = await deps.store.claimRuns(deps.workerId, capacity, deps.leaseMs, deps.clock.now());
          for (const run of claimed) launch(run);
          claimedAny = claimed.length > 0;
        }
      } catch (error) {
        deps.logger.error({ err: error }, 'worker poll failed');
      }
      if (stopping.signal.aborted) break;
      if (claimedAny && running.size < concurrency) continue;
      const idle = new AbortController();
      const onStop = (): void => idle.abort();
      stopping.signal.addEventListener('abort', onStop, { once: true });
      wakeIdle = running.size >= concurrency ? () => idle.abort() : null;
      if (running.size >= concurrency) {
        // Full: wait for a slot (or the poll interval, to keep timers firing).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          idle.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          }, { once: true });
        });
      } else if (deps.store.waitForWork) {
        wakeIdle = () => idle.abort();
        await deps.store.waitForWork(pollMs, idle.signal);
      } else {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      wakeIdle = null;
      stopping.signal.removeEventListener('abort', onStop);
    }
  })();

  return {
    workerId: deps.workerId,
    get activeRuns() {
      return running.size;
    },
    get completed() {
      return completed;
    },
    async stop() {
      stopping.abort();
      wake();
      await loop;
      for (const id of running.keys()) deps.active.get(id)?.pause();
      await Promise.all(running.values());
      clearInterval(renewal);
      await deps.checkpointer.drain();
    },
  };
}
