// The date and time functions of the reference. Dates are strings; results default to the
// .NET round-trip format "o" (2018-03-15T13:27:36.0000000Z) and accept an optional .NET
// format string. See date-time-common.ts for argument handling and date-time-value.ts for
// the value model.
import { argumentError, expectInteger } from './date-time-args.js';
import {
  now,
  output,
  readFormat,
  readLocale,
  readTimeUnit,
  readTimestamp,
  shift,
  type TimeUnit,
} from './date-time-common.js';
import { dateTimeZoneFunctions } from './date-time-zones.js';
import { parseTimestamp } from './date-time-parse.js';
import {
  dayOfWeek,
  dayOfYear,
  fieldsOf,
  fromFields,
  ticksBetween,
  ticksOf,
  type DateTimeValue,
} from './date-time-value.js';
import { parseExact } from './dotnet-format-parse-exact.js';
import type { EagerFunction, FunctionContext, WdlFunction } from './registry.js';
import { makeInteger } from '../expressions/values.js';

function dateFunction(name: string, minArgs: number, maxArgs: number, call: (args: unknown[], ctx: FunctionContext) => unknown): EagerFunction {
  return { name, category: 'date-time', minArgs, maxArgs, call };
}

/** addDays/addHours/addMinutes/addSeconds(timestamp, amount, format?). */
function addUnit(name: string, unit: TimeUnit, what: string): EagerFunction {
  return dateFunction(name, 2, 3, (args, ctx) => {
    const value = readTimestamp(ctx, args, 0);
    const amount = expectInteger(ctx, args, 1, `the number of ${what} to add`);
    const format = readFormat(ctx, args, 2);
    return output(shift(ctx, value, amount, unit, 1), format);
  });
}

/** addToTime / subtractFromTime(timestamp, interval, timeUnit, format?). */
function addInterval(name: string, sign: 1 | -1): EagerFunction {
  return dateFunction(name, 3, 4, (args, ctx) => {
    const value = readTimestamp(ctx, args, 0);
    const interval = expectInteger(ctx, args, 1, 'the number of time units');
    const unit = readTimeUnit(ctx, args, 2);
    const format = readFormat(ctx, args, 3);
    return output(shift(ctx, value, sign * interval, unit, 1), format);
  });
}

/** getFutureTime / getPastTime(interval, timeUnit, format?), from the host's clock. */
function fromNow(name: string, sign: 1 | -1): EagerFunction {
  return dateFunction(name, 2, 3, (args, ctx) => {
    const interval = expectInteger(ctx, args, 0, 'the number of time units');
    const unit = readTimeUnit(ctx, args, 1);
    const format = readFormat(ctx, args, 2);
    return output(shift(ctx, now(ctx), sign * interval, unit, 0), format);
  });
}

/** startOfDay/startOfHour/startOfMonth(timestamp, format?); the kind (Z or none) is kept. */
function startOf(name: string, truncate: (f: ReturnType<typeof fieldsOf>) => ReturnType<typeof fieldsOf>): EagerFunction {
  return dateFunction(name, 1, 2, (args, ctx) => {
    const value = readTimestamp(ctx, args, 0);
    const format = readFormat(ctx, args, 1);
    const start = fromFields(truncate(fieldsOf(value)), value.kind) as DateTimeValue;
    return output(start, format);
  });
}

function datePart(name: string, part: (value: DateTimeValue) => number): EagerFunction {
  return dateFunction(name, 1, 1, (args, ctx) => part(readTimestamp(ctx, args, 0)));
}

/**
 * ticks() is a .NET Int64, and every date after 0029-07-13 is more than 2^53 ticks. It
 * follows the expression values' integer model (values.ts makeInteger): a JS number when
 * the value is a safe integer, otherwise a BigInt, so no precision is lost inside the
 * evaluator; toJsonValue turns it into a JSON number at the edge (exact for whole-second
 * timestamps, whose ticks are multiples of 10^7).
 */
export function int64Result(value: bigint): number | bigint {
  return makeInteger(value) ?? value;
}

/** TimeSpan.ToString(): [-][d.]hh:mm:ss[.fffffff], e.g. "1268.00:00:00". */
export function formatTimeSpan(ticks: bigint): string {
  const negative = ticks < 0n;
  let rest = negative ? -ticks : ticks;
  const fraction = rest % 10_000_000n;
  rest /= 10_000_000n;
  const seconds = rest % 60n;
  rest /= 60n;
  const minutes = rest % 60n;
  rest /= 60n;
  const hours = rest % 24n;
  const days = rest / 24n;
  const two = (n: bigint): string => n.toString().padStart(2, '0');
  return (
    (negative ? '-' : '') +
    (days > 0n ? `${days}.` : '') +
    `${two(hours)}:${two(minutes)}:${two(seconds)}` +
    (fraction > 0n ? `.${fraction.toString().padStart(7, '0')}` : '')
  );
}

export const dateTimeFunctions: WdlFunction[] = [
  addUnit('addDays', 'day', 'days'),
  addUnit('addHours', 'hour', 'hours'),
  addUnit('addMinutes', 'minute', 'minutes'),
  addUnit('addSeconds', 'second', 'seconds'),
  addInterval('addToTime', 1),
  addInterval('subtractFromTime', -1),
  fromNow('getFutureTime', 1),
  fromNow('getPastTime', -1),
  startOf('startOfDay', (f) => ({ ...f, hour: 0, minute: 0, second: 0, fraction: 0 })),
  startOf('startOfHour', (f) => ({ ...f, minute: 0, second: 0, fraction: 0 })),
  startOf('startOfMonth', (f) => ({ ...f, day: 1, hour: 0, minute: 0, second: 0, fraction: 0 })),
  datePart('dayOfMonth', (v) => fieldsOf(v).day),
  datePart('dayOfWeek', dayOfWeek),
  datePart('dayOfYear', dayOfYear),
  dateFunction('ticks', 1, 1, (args, ctx) => int64Result(ticksOf(readTimestamp(ctx, args, 0)))),
  dateFunction('utcNow', 0, 1, (args, ctx) => output(now(ctx), readFormat(ctx, args, 0))),
  dateFunction('dateDifference', 2, 2, (args, ctx) => {
    const start = readTimestamp(ctx, args, 0);
    const end = readTimestamp(ctx, args, 1);
    return formatTimeSpan(ticksBetween(start, end));
  }),
  // formatDateTime(timestamp, format?, locale?): the timestamp is read as en-US, the output uses the locale.
  dateFunction('formatDateTime', 1, 3, (args, ctx) => {
    const value = readTimestamp(ctx, args, 0);
    const culture = readLocale(ctx, args, 2);
    return output(value, readFormat(ctx, args, 1, culture), culture);
  }),
  // parseDateTime(timestamp, locale?, format?): returns the round-trip "o" form.
  dateFunction('parseDateTime', 1, 3, (args, ctx) => {
    const culture = readLocale(ctx, args, 1);
    if (args[2] === undefined || args[2] === null) return output(readTimestamp(ctx, args, 0, culture), 'o');
    const format = readFormat(ctx, args, 2, culture);
    const text = args[0];
    if (typeof text !== 'string') return readTimestamp(ctx, args, 0, culture); // reports the type error
    const value = parseExact(text, format, culture, () => now(ctx)) ?? (format === 'o' ? parseTimestamp(text, culture, () => now(ctx)) : undefined);
    if (!value) throw argumentError(ctx, 0, `does not match the format '${format}': '${text}'.`);
    return output(value, 'o');
  }),
  ...dateTimeZoneFunctions,
];
