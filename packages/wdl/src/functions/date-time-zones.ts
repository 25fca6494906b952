// convertFromUtc, convertToUtc and convertTimeZone. Zone names are Windows ids, Windows
// display names or IANA ids (time-zones.ts). A timestamp that carries an offset or "Z" is
// an absolute instant, so its source zone does not change it; one without an offset is
// wall-clock time in the source zone. Results in a zone other than UTC have no offset
// suffix, as the service returns them ("2018-01-01T00:00:00.0000000").
import { argumentError } from './date-time-args.js';
import { output, readFormat, readTimeZone, readTimestamp } from './date-time-common.js';
import type { DateTimeValue } from './date-time-value.js';
import type { EagerFunction, FunctionContext } from './registry.js';
import { fromZoneTime, toZoneTime, type TimeZone } from './time-zones.js';

function toUtc(ctx: FunctionContext, value: DateTimeValue, zone: TimeZone, zoneIndex: number): DateTimeValue {
  if (value.kind === 'utc') return value;
  const result = fromZoneTime(value, zone);
  switch (result.outcome) {
    case 'ok':
      return result.value;
    case 'invalid':
      throw argumentError(
        ctx,
        0,
        `names a time that does not exist in '${zone.id}': the clocks skip it when daylight saving time starts. Use a time before or after the change.`,
      );
    case 'out-of-range':
      throw argumentError(ctx, zoneIndex, `moves the date outside the range .NET can represent (0001-01-01 to 9999-12-31).`);
  }
}

function fromUtc(ctx: FunctionContext, value: DateTimeValue, zone: TimeZone, zoneIndex: number): DateTimeValue {
  const local = toZoneTime(value, zone);
  if (!local) throw argumentError(ctx, zoneIndex, `moves the date outside the range .NET can represent (0001-01-01 to 9999-12-31).`);
  return local;
}

export const dateTimeZoneFunctions: EagerFunction[] = [
  {
    name: 'convertFromUtc',
    category: 'date-time',
    minArgs: 2,
    maxArgs: 3,
    call(args, ctx) {
      const value = readTimestamp(ctx, args, 0);
      const zone = readTimeZone(ctx, args, 1);
      const format = readFormat(ctx, args, 2);
      return output(fromUtc(ctx, value, zone, 1), format);
    },
  },
  {
    name: 'convertToUtc',
    category: 'date-time',
    minArgs: 2,
    maxArgs: 3,
    call(args, ctx) {
      const value = readTimestamp(ctx, args, 0);
      const zone = readTimeZone(ctx, args, 1);
      const format = readFormat(ctx, args, 2);
      return output(toUtc(ctx, value, zone, 1), format);
    },
  },
  {
    name: 'convertTimeZone',
    category: 'date-time',
    minArgs: 3,
    maxArgs: 4,
    call(args, ctx) {
      const value = readTimestamp(ctx, args, 0);
      const source = readTimeZone(ctx, args, 1);
      const destination = readTimeZone(ctx, args, 2);
      const format = readFormat(ctx, args, 3);
      return output(fromUtc(ctx, toUtc(ctx, value, source, 1), destination, 2), format);
    },
  },
];
