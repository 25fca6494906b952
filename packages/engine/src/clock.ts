// Clocks: the system clock, and a test clock whose sleeps advance its time at once, so
// retry delays, Wait actions and polling intervals take no real time in tests.
import type { Clock, Logger } from './ports.js';

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, Math.min(ms, 2_147_000_000));
      signal?.addEventListener('abort', done, { once: true });
      function done(): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
    });
  },
};

/** A clock for tests: `sleep(ms)` moves time forward by `ms` and resolves on the next turn. */
export class InstantClock implements Clock {
  /** Every sleep asked for, in milliseconds (tests assert the waits a policy chose). */
  readonly sleeps: number[] = [];

  constructor(private time = Date.UTC(2030, 0, 1)) {}

  now(): number {
    return this.time;
  }

  /** Moves time forward without anyone sleeping (timers of suspended runs come due). */
  advance(ms: number): void {
    this.time += ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    if (signal?.aborted) return Promise.resolve();
    this.time += Math.max(0, ms);
    return new Promise((resolve) => setImmediate(resolve));
  }
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Logs warnings and errors to stderr as JSON lines (`brook run`). */
export const stderrLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'warn', msg, ...serializable(obj) })}\n`),
  error: (obj, msg) => process.stderr.write(`${JSON.stringify({ level: 'error', msg, ...serializable(obj) })}\n`),
};

function serializable(obj: object): object {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) out[key] = value instanceof Error ? { message: value.message, stack: value.stack } : value;
  return out;
}
