// Random tokens and their stored hashes. Session cookies and API tokens are high-entropy
// random values, so one SHA-256 is enough to keep a database copy from being usable.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_TOKEN_PREFIX = 'brk_';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomToken(30)}`;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
