// Retry policies (wdl.md 4.4): which failures are retried and how long to wait.
// Default: exponential, 4 retries, 7.5 s scale, between 5 and 45 s (the service's documented
// default); fixed; exponential; none. A Retry-After from the service wins over the
// computed delay.
import type { ClassifiedError } from '@brook/wdl';
import { parseDuration } from '../durations.js';

export type RetryDecision = { outcome: 'retry'; delayMs: number } | { outcome: 'fail' };

export interface RetryPolicySpec {
  type: 'default' | 'none' | 'fixed' | 'exponential';
  count: number;
  intervalMs: number;
  minimumMs: number;
  maximumMs: number;
}

const DEFAULT: RetryPolicySpec = { type: 'default', count: 4, intervalMs: 7500, minimumMs: 5000, maximumMs: 45_000 };

export class RetryPolicyError extends Error {}

/** Reads `inputs.retryPolicy`; throws RetryPolicyError with what is wrong. */
export function readRetryPolicy(value: unknown): RetryPolicySpec {
  if (value === undefined || value === null) return DEFAULT;
  if (typeof value !== 'object' || Array.isArray(value)) throw new RetryPolicyError('retryPolicy must be an object such as { "type": "fixed", "count": 3, "interval": "PT10S" }.');
  const policy = value as Record<string, unknown>;
  const type = String(policy.type ?? 'default').toLowerCase();
  const duration = (name: string, fallback: number): number => {
    if (policy[name] === undefined) return fallback;
    const ms = parseDuration(policy[name]);
    if (ms === undefined) throw new RetryPolicyError(`retryPolicy.${name} must be an ISO 8601 duration such as PT10S; got ${JSON.stringify(policy[name])}.`);
    return ms;
  };
  const count = (): number => {
    const raw = policy.count ?? 4;
    const n = typeof raw === 'string' ? Number(raw) : raw;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 90) throw new RetryPolicyError(`retryPolicy.count must be a whole number from 1 to 90; got ${JSON.stringify(raw)}.`);
    return n;
  };
  switch (type) {
    case 'none':
      return { type: 'none', count: 0, intervalMs: 0, minimumMs: 0, maximumMs: 0 };
    case 'default':
      return DEFAULT;
    case 'fixed':
      return { type: 'fixed', count: count(), intervalMs: duration('interval', 7500), minimumMs: 0, maximumMs: Number.MAX_SAFE_INTEGER };
    case 'exponential':
      return { type: 'exponential', count: count(), intervalMs: duration('interval', 7500), minimumMs: duration('minimumInterval', 5000), maximumMs: duration('maximumInterval', 86_400_000) };
    default:
      throw new RetryPolicyError(`retryPolicy.type must be default, none, fixed or exponential; got ${JSON.stringify(policy.type)}.`);
  }
}

/**
 * After failed attempt number `attempt` (1-based): retry or give up. Only retryable
 * failures (408, 429, 5xx, connection failures, timeouts of one call) are retried.
 */
export function decideRetry(policy: RetryPolicySpec, attempt: number, error: ClassifiedError, random: () => number = Math.random): RetryDecision {
  if (!error.retryable || attempt > policy.count) return { outcome: 'fail' };
  let delay: number;
  if (policy.type === 'fixed') {
    delay = policy.intervalMs;
  } else {
    // Retry n waits between max(2^(n-2)·interval, min) and min(2^(n-1)·interval, max); retry 1 between min and interval.
    const low = attempt === 1 ? Math.max(0, policy.minimumMs) : Math.max(2 ** (attempt - 2) * policy.intervalMs, policy.minimumMs);
    const high = attempt === 1 ? Math.min(policy.intervalMs, policy.maximumMs) : Math.min(2 ** (attempt - 1) * policy.intervalMs, policy.maximumMs);
    delay = high <= low ? low : low + random() * (high - low);
  }
  if (error.retryAfterMs !== undefined) delay = error.retryAfterMs;
  return { outcome: 'retry', delayMs: Math.max(0, Math.round(delay)) };
}
