// Group commit: every finished action is committed before its dependents start, but
// the writes of all runs in this process that arrive while a commit is in flight travel
// together in the next one. One transaction then carries the checkpoints of many runs,
// so throughput is not one transaction (or fsync) per action.
//
// Writes of one run stay in order: a flush merges each run's writes (records appended,
// the last variables and run changes win) and flushes never overlap.
import type { ActionRecord, RunStore, RunUpdate, RunVariables, RunWrite } from '../ports.js';

interface Pending {
  write: RunWrite;
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

export interface CheckpointerOptions {
  store: RunStore;
  /** Called for runs whose lease was lost: nothing of theirs was written. */
  onLeaseLost: (runId: string) => void;
  /** Called when a flush failed after retries; its writes are reported lost. */
  onError: (error: unknown) => void;
  /** Most writes per transaction. */
  maxBatch?: number;
}

export class LeaseLostError extends Error {
  constructor(readonly runId: string) {
    super(`Run ${runId} is no longer held by this worker.`);
    this.name = 'LeaseLostError';
  }
}

export class Checkpointer {
  private queue = new Map<string, Pending>();
  private flushing: Promise<void> | null = null;
  private scheduled = false;
  private readonly maxBatch: number;
  /** Flushes and writes so far (benchmarks report the batching). */
  readonly stats = { flushes: 0, writes: 0, records: 0 };

  constructor(private readonly options: CheckpointerOptions) {
    this.maxBatch = options.maxBatch ?? 2000;
  }

  /** Queues a write; resolves when it is committed, rejects with LeaseLostError when the run is no longer ours. */
  write(runId: string, leaseOwner: string, actions: ActionRecord[], variables?: RunVariables, run?: RunUpdate): Promise<void> {
    return new Promise((resolve, reject) => {
      const pending = this.queue.get(runId);
      if (pending) {
        pending.write.actions.push(...actions);
        if (variables) pending.write.variables = variables;
        if (run) pending.write.run = { ...pending.write.run, ...run };
        pending.waiters.push({ resolve, reject });
      } else {
        const write: RunWrite = { runId, leaseOwner, actions: [...actions] };
        if (variables) write.variables = variables;
        if (run) write.run = run;
        this.queue.set(runId, { write, waiters: [{ resolve, reject }] });
      }
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // setImmediate lets every run that finishes an action in this turn join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.queue.size > 0) this.schedule();
      });
    });
  }

  private async flush(): Promise<void> {
    const batch: Pending[] = [];
    for (const [runId, pending] of this.queue) {
      batch.push(pending);
      this.queue.delete(runId);
      if (batch.length >= this.maxBatch) break;
    }
    if (batch.length === 0) return;
    const writes = batch.map((p) => p.write);
    this.stats.flushes += 1;
    this.stats.writes += writes.length;
    for (const write of writes) this.stats.records += write.actions.length;
    let rejected: Set<string>;
    try {
      rejected = new Set((await this.commitWithRetry(writes)).rejected);
    } catch (error) {
      this.options.onError(error);
      for (const pending of batch) {
        for (const waiter of pending.waiters) waiter.reject(new LeaseLostError(pending.write.runId));
        this.options.onLeaseLost(pending.write.runId);
      }
      return;
    }
    for (const pending of batch) {
      if (rejected.has(pending.write.runId)) {
        this.options.onLeaseLost(pending.write.runId);
        for (const waiter of pending.waiters) waiter.reject(new LeaseLostError(pending.write.runId));
      } else {
        for (const waiter of pending.waiters) waiter.resolve();
      }
    }
  }

  private async commitWithRetry(writes: RunWrite[]): Promise<{ rejected: string[] }> {
    let delay = 50;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.options.store.checkpoint(writes);
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay *= 4;
      }
    }
  }

  /** Resolves when everything queued so far is committed. */
  async drain(): Promise<void> {
    while (this.flushing || this.queue.size > 0 || this.scheduled) {
      if (this.flushing) await this.flushing;
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
