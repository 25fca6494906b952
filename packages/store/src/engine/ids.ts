// Run and flow ids sort by creation time: 10 characters of millisecond time in base 32,
// then 12 random ones (crockford alphabet, lower case).
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function sortableId(prefix: string, now = Date.now()): string {
  let time = '';
  let rest = now;
  for (let i = 0; i < 10; i += 1) {
    time = ALPHABET[rest % 32]! + time;
    rest = Math.floor(rest / 32);
  }
  let random = '';
  for (const byte of randomBytes(12)) random += ALPHABET[byte % 32]!;
  return `${prefix}_${time}${random}`;
}
