// What every date-and-time function does with its arguments: read a timestamp string,
// a format (default "o"), a locale (default en-US), a time zone or a time unit, and fail
// with a message that names the argument and the fix.
import { argumentError, argumentTypeError, expectString, optionalString } from './date-time-args.js';
import { parseTimestamp } from './date-time-parse.js';
import { addMonths, addTime, fromDate, MS_PER_DAY, type DateTimeValue } from './date-time-value.js';
import { compileFormat, DateFormatError, formatDateTime } from './dotnet-format.js';
import { dateCulture, EN_US, resolveLocale, type DateCulture } from './dotnet-format-cultures.js';
import { findTimeZone, type TimeZone } from './time-zones.js';
import type { FunctionContext } from './registry.js';

export const ISO_EXAMPLE = "ISO 8601 such as '2018-03-15T13:27:36Z'";

export function now(ctx: FunctionContext): DateTimeValue {
  return fromDate(ctx.host.now());
}

export function readTimestamp(ctx: FunctionContext, args: unknown[], index: number, culture: DateCulture = dateCulture(EN_US)): DateTimeValue {
  const text = expectString(ctx, args, index, `a timestamp string (${ISO_EXAMPLE})`);
  const value = parseTimestamp(text, culture, () => now(ctx));
  if (!value) {
    throw argumentError(ctx, index, `is not a valid timestamp: '${text}'. Use ${ISO_EXAMPLE}, or a date like '03/15/2018 13:27:36'.`);
  }
  return value;
}

/** A format argument, checked now so a bad one is reported even before any date is formatted. */
export function readFormat(ctx: FunctionContext, args: unknown[], index: number, culture: DateCulture = dateCulture(EN_US)): string {
  const format = optionalString(ctx, args, index, "a .NET date format string such as 'yyyy-MM-dd' or 'o'") ?? 'o';
  const effective = format === '' ? 'G' : format; // DateTime.ToString("") is the general "G" format
  try {
    compileFormat(effective, culture);
  } catch (error) {
    if (error instanceof DateFormatError) throw argumentError(ctx, index, `is not a valid format string: ${error.message}`);
    throw error;
  }
  return effective;
}

export function readLocale(ctx: FunctionContext, args: unknown[], index: number): DateCulture {
  const tag = optionalString(ctx, args, index, "a locale name such as 'en-US' or 'fr-FR'");
  if (tag === undefined) return dateCulture(EN_US);
  const locale = resolveLocale(tag);
  if (locale === undefined) throw argumentError(ctx, index, `is not a valid locale: '${tag}'. Use a culture name such as 'en-US', 'fr-FR' or 'ja-JP'.`);
  return dateCulture(locale);
}

export function readTimeZone(ctx: FunctionContext, args: unknown[], index: number): TimeZone {
  const name = expectString(ctx, args, index, "a time zone name such as 'Pacific Standard Time'");
  const zone = findTimeZone(name);
  if (!zone) {
    throw argumentError(
      ctx,
      index,
      `is not a known time zone: '${name}'. Use a Windows time zone id such as 'Pacific Standard Time', 'W. Europe Standard Time' or 'UTC', or an IANA id such as 'Europe/Paris'.`,
    );
  }
  return zone;
}

export type TimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
const UNITS: readonly TimeUnit[] = ['second', 'minute', 'hour', 'day', 'week', 'month', 'year'];

export function readTimeUnit(ctx: FunctionContext, args: unknown[], index: number): TimeUnit {
  const value = args[index];
  const units = "'Second', 'Minute', 'Hour', 'Day', 'Week', 'Month' or 'Year'";
  if (typeof value !== 'string') throw argumentTypeError(ctx, index, `a time unit: ${units}`, value);
  const text = value.trim().toLowerCase().replace(/s$/, '');
  const unit = UNITS.find((u) => u === text);
  // A string of the wrong value is an ArgumentValue problem, like every other unusable value.
  if (!unit) throw argumentError(ctx, index, `is not a time unit: '${value}'. Use ${units}.`);
  return unit;
}

const MS_PER_UNIT: Record<Exclude<TimeUnit, 'month' | 'year'>, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: MS_PER_DAY,
  week: 7 * MS_PER_DAY,
};

/** Adds `amount` units; month and year arithmetic clamps to the month's last day as .NET does. */
export function shift(ctx: FunctionContext, value: DateTimeValue, amount: number, unit: TimeUnit, amountIndex: number): DateTimeValue {
  let result: DateTimeValue | undefined;
  switch (unit) {
    case 'month':
      result = addMonths(value, amount);
      break;
    case 'year':
      result = addMonths(value, amount * 12);
      break;
    default:
      result = addTime(value, amount * MS_PER_UNIT[unit]);
  }
  if (!result) {
    throw argumentError(ctx, amountIndex, `moves the date outside the range .NET can represent (0001-01-01 to 9999-12-31): ${amount} ${unit}(s) is too far.`);
  }
  return result;
}

export function output(value: DateTimeValue, format: string, culture: DateCulture = dateCulture(EN_US)): string {
  return formatDateTime(value, format, culture);
}
