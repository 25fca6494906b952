// ISO 8601 timestamps, the form flows pass around most ("2018-03-15T13:27:36.1234567Z",
// as every date function returns): read directly on the hot path, then by a regular
// expression for the rarer ISO shapes (no seconds, "+0530" offsets, surrounding spaces).
import { addTime, fromFields, type DateTimeValue } from './date-time-value.js';

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i;

function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/**
 * The canonical ISO 8601 forms flows pass around ("2018-03-15T13:27:36.1234567Z", as
 * every date function returns), read without a regular expression because they are on
 * the hot path. Anything else returns undefined and takes the general route.
 */
function parseIsoFast(text: string): DateTimeValue | undefined {
  const n = text.length;
  if (n < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const t = text.charCodeAt(10);
  if (t !== 84 && t !== 32) return undefined; // 'T' or ' '
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let i = 19;
  let fraction = 0;
  if (text.charCodeAt(i) === 46) {
    let count = 0;
    i++;
    while (i < n && count < 7) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      fraction = fraction * 10 + d;
      count++;
      i++;
    }
    if (count === 0) return undefined;
    for (; count < 7; count++) fraction *= 10;
    const next = text.charCodeAt(i) - 48;
    if (next >= 0 && next <= 9) return undefined; // more than 7 digits: rounded by the general route
  }
  let offset: number | undefined;
  if (i < n) {
    const c = text.charCodeAt(i);
    if ((c === 90 || c === 122) && i + 1 === n) offset = 0;
    else if ((c === 43 || c === 45) && i + 6 === n && text.charCodeAt(i + 3) === 58) {
      const oh = digitsAt(text, i + 1, 2);
      const om = digitsAt(text, i + 4, 2);
      if (oh < 0 || om < 0 || om > 59 || oh * 60 + om > 14 * 60) return undefined;
      offset = (c === 45 ? -1 : 1) * (oh * 60 + om);
    } else return undefined;
  }
  const value = fromFields({ year, month, day, hour, minute, second, fraction }, offset === undefined ? 'unspecified' : 'utc');
  if (!value || offset === undefined || offset === 0) return value;
  return applyOffset(value, offset);
}

/** Minutes east of UTC; undefined beyond .NET's ±14:00. */
function offsetMinutes(zone: string): number | undefined {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
  return sign * (hours * 60 + minutes);
}

/** Local time at `offset` minutes east of UTC → UTC. */
export function applyOffset(value: DateTimeValue, offset: number): DateTimeValue | undefined {
  const shifted = addTime(value, -offset * 60_000);
  return shifted && { ...shifted, kind: 'utc' };
}

/** The timestamp when `text` is ISO 8601 (undefined when its fields are invalid), or 'not-iso'. */
export function parseIso(text: string): DateTimeValue | undefined | 'not-iso' {
  const fast = parseIsoFast(text);
  if (fast) return fast;
  const iso = ISO.exec(text);
  if (!iso) return 'not-iso';
  const [, y, mo, d, h, mi, s, frac, zone] = iso;
  const value = fromFields(
    { year: +(y ?? 0), month: +(mo ?? 0), day: +(d ?? 0), hour: +(h ?? 0), minute: +(mi ?? 0), second: +(s ?? 0), fraction: +(frac ?? '').padEnd(7, '0') },
    zone ? 'utc' : 'unspecified',
  );
  if (!value || !zone) return value;
  const offset = offsetMinutes(zone);
  return offset === undefined ? undefined : applyOffset(value, offset);
}
