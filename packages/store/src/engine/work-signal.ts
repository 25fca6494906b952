// Wakes this process's idle workers when it creates or frees work, so a new run starts at
// once instead of at the next poll.
export class WorkSignal {
  private waiters = new Set<() => void>();

  notify(): void {
    const waiters = this.waiters;
    if (waiters.size === 0) return;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  wait(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
