// Holds webhook callers until their run's Response action answers, the run ends, or the
// timeout passes. Fed by the engine's events in this process; a slow poll of the run
// covers runs executed by workers in other processes.
import type { EngineEvent } from '@brook/engine';
import type { RunStore } from '@brook/engine';
import type { RunResponse } from '@brook/store';

export type WaitOutcome =
  | { kind: 'response'; response: RunResponse }
  | { kind: 'ended'; status: string }
  | { kind: 'timeout' };

interface Waiter {
  resolve(outcome: WaitOutcome): void;
}

const FINAL = new Set(['Succeeded', 'Failed', 'Cancelled', 'TimedOut', 'Skipped']);

export class ResponseWaiter {
  private readonly waiters = new Map<string, Waiter>();

  constructor(
    private readonly runStore: Pick<RunStore, 'getRun'>,
    private readonly pollMs = 1000,
  ) {}

  /** The event sink listener. */
  readonly onEvent = (event: EngineEvent): void => {
    if (this.waiters.size === 0) return;
    if (event.type === 'response') this.settle(event.runId, { kind: 'response', response: event.response });
    else if (event.type === 'run' && FINAL.has(event.run.status)) {
      this.settle(event.run.id, event.run.response ? { kind: 'response', response: event.run.response } : { kind: 'ended', status: event.run.status });
    }
  };

  /** Register before the run is created, so no event can be missed. */
  wait(runId: string, timeoutMs: number): Promise<WaitOutcome> {
    return new Promise<WaitOutcome>((resolve) => {
      const timeout = setTimeout(() => this.settle(runId, { kind: 'timeout' }), timeoutMs);
      const poll = setInterval(() => {
        void this.runStore.getRun(runId).then((run) => {
          if (run?.response) this.settle(runId, { kind: 'response', response: run.response });
          else if (run && FINAL.has(run.status)) this.settle(runId, { kind: 'ended', status: run.status });
        }, () => undefined);
      }, this.pollMs);
      this.waiters.set(runId, {
        resolve: (outcome) => {
          clearTimeout(timeout);
          clearInterval(poll);
          resolve(outcome);
        },
      });
    });
  }

  /** Another process says the run has answered (with the response when it fits the notice): settle now instead of at the next poll. */
  nudge(runId: string, response?: RunResponse): void {
    if (!this.waiters.has(runId)) return;
    if (response) return this.settle(runId, { kind: 'response', response });
    void this.runStore.getRun(runId).then((run) => {
      if (run?.response) this.settle(runId, { kind: 'response', response: run.response });
      else if (run && FINAL.has(run.status)) this.settle(runId, { kind: 'ended', status: run.status });
    }, () => undefined);
  }

  cancel(runId: string): void {
    this.settle(runId, { kind: 'timeout' });
  }

  get size(): number {
    return this.waiters.size;
  }

  private settle(runId: string, outcome: WaitOutcome): void {
    const waiter = this.waiters.get(runId);
    if (!waiter) return;
    this.waiters.delete(runId);
    waiter.resolve(outcome);
  }
}
