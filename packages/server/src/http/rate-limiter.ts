// Per-key request budgets. Webhooks per flow: a token bucket that holds `perMinute`
// tokens and refills at that rate, in memory, per process (the hot path stays off the
// database). Sign-in per client address: counted in the database, shared by every process.
import type { RateLimitRepository } from '@brook/store';
import { ApiError } from './errors.js';

function rateLimited(what: string, retryAfterMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new ApiError(429, 'RateLimited', `Too many ${what}; try again in ${seconds} s.`, undefined, { 'retry-after': String(seconds) });
}

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
    if (!result.ok) throw rateLimited(what, result.retryAfterMs);
  }

  /** Forgets buckets that are full again, so the map does not grow without bound. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= 60_000) this.buckets.delete(key);
  }
}

/** `perMinute` attempts per key and clock minute, counted in the database so every process of an installation shares them. */
export class SharedRateLimiter {
  private lastSweep = 0;

  constructor(
    private readonly store: RateLimitRepository,
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws 429 RateLimited with a retry-after header when `key` has no attempt left this minute. */
  async enforce(key: string, what: string): Promise<void> {
    const now = this.now();
    if (now - this.lastSweep >= 60_000) {
      this.lastSweep = now;
      await this.store.sweep(now - 60_000);
    }
    const result = await this.store.take(key, this.perMinute, 60_000, now);
    if (!result.ok) throw rateLimited(what, result.retryAfterMs);
  }
}
