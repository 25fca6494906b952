import { describe, expect, it } from 'vitest';
import { decideRetry, readRetryPolicy } from './retry.js';
import { classified } from './errors.js';

const retryable = classified('ServiceUnavailable', 'server', 'down', [], { retryable: true });

describe('retry policies', () => {
  it('default: four retries with exponential waits between 5 and 45 seconds', () => {
    const policy = readRetryPolicy(undefined);
    const waits = [1, 2, 3, 4].map((attempt) => decideRetry(policy, attempt, retryable, () => 0.5));
    expect(waits.map((w) => w.outcome)).toEqual(['retry', 'retry', 'retry', 'retry']);
    expect(waits.map((w) => (w.outcome === 'retry' ? w.delayMs : 0))).toEqual([6250, 11250, 22500, 37500]);
    expect(decideRetry(policy, 5, retryable).outcome).toBe('fail');
  });

  it('honours Retry-After over the computed wait, and never retries what is not retryable', () => {
    const policy = readRetryPolicy({ type: 'fixed', count: 3, interval: 'PT10S' });
    expect(decideRetry(policy, 1, { ...retryable, retryAfterMs: 1234 })).toEqual({ outcome: 'retry', delayMs: 1234 });
    expect(decideRetry(policy, 1, { ...retryable, retryable: false })).toEqual({ outcome: 'fail' });
    expect(decideRetry(readRetryPolicy({ type: 'None' }), 1, retryable)).toEqual({ outcome: 'fail' });
  });

  it('explains a malformed policy', () => {
    expect(() => readRetryPolicy({ type: 'fixed', count: 500 })).toThrow('count must be a whole number from 1 to 90');
    expect(() => readRetryPolicy({ type: 'fixed', count: 2, interval: '10 seconds' })).toThrow('retryPolicy.interval must be an ISO 8601 duration');
  });
});
