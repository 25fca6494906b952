// A .NET DateTime as the expression language sees it: an instant with 100-nanosecond
// precision (a "tick") between 0001-01-01 and 9999-12-31, and a kind. Timestamps with an
// offset or "Z" are normalised to UTC and keep kind 'utc' (they format with a trailing Z);
// timestamps without one keep kind 'unspecified' and format without an offset, as the
// service does ("03/15/2018" formats as "2018-03-15T00:00:00.0000000").
//
// Stored as milliseconds since the Unix epoch (always a safe integer in this range) plus
// the ticks below the millisecond, so no BigInt is needed on the hot path.

export type DateTimeKind = 'utc' | 'unspecified';

export interface DateTimeValue {
  /** Whole milliseconds since 1970-01-01T00:00:00, as if the wall clock were UTC. */
  readonly ms: number;
  /** Ticks (100 ns) beyond `ms`: 0..9999. */
  readonly sub: number;
  readonly kind: DateTimeKind;
}

export interface DateTimeFields {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
  hour: number;
  minute: number;
  second: number;
  /** Fraction of the second in ticks: 0..9_999_999. */
  fraction: number;
}

export const MS_PER_DAY = 86_400_000;
export const TICKS_PER_MS = 10_000;
const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
}

export const MIN_MS = daysFromCivil(1, 1, 1) * MS_PER_DAY;
export const MAX_MS = daysFromCivil(10_000, 1, 1) * MS_PER_DAY - 1;

export function isInRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS;
}

/** Builds a value from calendar fields; undefined when a field is out of its range. */
export function fromFields(f: DateTimeFields, kind: DateTimeKind): DateTimeValue | undefined {
  if (f.year < 1 || f.year > 9999 || f.month < 1 || f.month > 12) return undefined;
  if (f.day < 1 || f.day > daysInMonth(f.year, f.month)) return undefined;
  if (f.hour < 0 || f.hour > 23 || f.minute < 0 || f.minute > 59 || f.second < 0 || f.second > 59) return undefined;
  if (f.fraction < 0 || f.fraction > 9_999_999) return undefined;
  const days = daysFromCivil(f.year, f.month, f.day);
  const ms = days * MS_PER_DAY + ((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + Math.floor(f.fraction / TICKS_PER_MS);
  return { ms, sub: f.fraction % TICKS_PER_MS, kind };
}

export function fieldsOf(value: DateTimeValue): DateTimeFields {
  const days = Math.floor(value.ms / MS_PER_DAY);
  const msOfDay = value.ms - days * MS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const seconds = Math.floor(msOfDay / 1000);
  return {
    year,
    month,
    day,
    hour: Math.floor(seconds / 3600),
    minute: Math.floor(seconds / 60) % 60,
    second: seconds % 60,
    fraction: (msOfDay % 1000) * TICKS_PER_MS + value.sub,
  };
}

/** 0 = Sunday … 6 = Saturday, as .NET's DayOfWeek. */
export function dayOfWeek(value: DateTimeValue): number {
  const days = Math.floor(value.ms / MS_PER_DAY);
  return (((days + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function dayOfYear(value: DateTimeValue): number {
  const days = Math.floor(value.ms / MS_PER_DAY);
  const { year } = civilFromDays(days);
  return days - daysFromCivil(year, 1, 1) + 1;
}

/** Shifts by whole milliseconds and ticks; undefined when the result leaves 0001..9999. */
export function addTime(value: DateTimeValue, deltaMs: number, deltaTicks = 0): DateTimeValue | undefined {
  let sub = value.sub + deltaTicks;
  let ms = value.ms + deltaMs + Math.floor(sub / TICKS_PER_MS);
  sub = ((sub % TICKS_PER_MS) + TICKS_PER_MS) % TICKS_PER_MS;
  if (!Number.isSafeInteger(ms)) return undefined;
  ms = ms + 0; // normalise -0
  return isInRange(ms) ? { ms, sub, kind: value.kind } : undefined;
}

/** .NET AddMonths: the day is clamped to the last day of the target month (Jan 31 + 1 → Feb 28/29). */
export function addMonths(value: DateTimeValue, months: number): DateTimeValue | undefined {
  const f = fieldsOf(value);
  const total = f.year * 12 + (f.month - 1) + months;
  if (!Number.isSafeInteger(total)) return undefined;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  if (year < 1 || year > 9999) return undefined;
  return fromFields({ ...f, year, month, day: Math.min(f.day, daysInMonth(year, month)) }, value.kind);
}

/** .NET DateTime.Ticks: 100-ns intervals since 0001-01-01T00:00:00. */
export function ticksOf(value: DateTimeValue): bigint {
  return UNIX_EPOCH_TICKS + BigInt(value.ms) * 10_000n + BigInt(value.sub);
}

export function fromDate(date: Date): DateTimeValue {
  return { ms: date.getTime(), sub: 0, kind: 'utc' };
}

/** Ticks between two values (b - a), as a bigint: spans can exceed 2^53 ticks. */
export function ticksBetween(a: DateTimeValue, b: DateTimeValue): bigint {
  return (BigInt(b.ms) - BigInt(a.ms)) * 10_000n + BigInt(b.sub - a.sub);
}
