// Run and flow ids sort by creation time: 10 characters of millisecond time in base 32,
// then 12 random ones (crockford alphabet, lower case).
import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export function sortableId(prefix: string, now = Date.now()): string {
  let time = '';
  let rest = now;
  for (let i = 0; i < 10; i += 1) {
    time = ALPHABET[rest % 32]! + time;
    rest = Math.floor(rest / 32);
  }
  let random = '';
  for (let i = 0; i < 12; i += 1) random += ALPHABET[nextRandomByte() % 32]!;
  return `${prefix}_${time}${random}`;
}

// Random bytes come from a pool refilled 4 KiB at a time: one system call per 340 ids.
const pool = new Uint8Array(4096);
let used = pool.length;

function nextRandomByte(): number {
  if (used >= pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++]!;
}
