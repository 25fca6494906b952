// Per-key request budgets (sign-in per address, webhooks per flow): a token bucket that
// holds `perMinute` tokens and refills at that rate. In memory, per process.
import { ApiError } from './errors.js';

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; returns the milliseconds to wait when there is none. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.now();
    this.sweep(now);
    const refillPerMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * refillPerMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / refillPerMs) };
  }

  /** Throws 429 RateLimited with a retry-after header when `key` has no budget left. */
  enforce(key: string, what: string): void {
    const result = this.take(key);
    if (result.ok) return;
    const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
    throw new ApiError(429, 'RateLimited', `Too many ${what}; try again in ${seconds} s.`, undefined, { 'retry-after': String(seconds) });
  }

  /** Forgets buckets that are full again, so the map does not grow without bound. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= 60_000) this.buckets.delete(key);
  }
}
