import { describe, expect, it } from 'vitest';
import { dateTimeFunctions } from './date-time.js';
import { callFunction } from './date-time-test-host.js';
import { ExpressionError } from './registry.js';

const call = (name: string, ...args: unknown[]): unknown => callFunction(dateTimeFunctions, name, args);
const callAt = (now: string, name: string, ...args: unknown[]): unknown => callFunction(dateTimeFunctions, name, args, new Date(now));

function errorOf(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionError');
}

describe('reference examples', () => {
  it.each([
    ['addDays', ['2018-03-15T00:00:00Z', 10], '2018-03-25T00:00:00.0000000Z'],
    ['addDays', ['2018-03-15T00:00:00Z', -5], '2018-03-10T00:00:00.0000000Z'],
    ['addHours', ['2018-03-15T00:00:00Z', 10], '2018-03-15T10:00:00.0000000Z'],
    ['addHours', ['2018-03-15T15:00:00Z', -5], '2018-03-15T10:00:00.0000000Z'],
    ['addMinutes', ['2018-03-15T00:10:00Z', 10], '2018-03-15T00:20:00.0000000Z'],
    ['addMinutes', ['2018-03-15T00:20:00Z', -5], '2018-03-15T00:15:00.0000000Z'],
    ['addSeconds', ['2018-03-15T00:00:00Z', 10], '2018-03-15T00:00:10.0000000Z'],
    ['addSeconds', ['2018-03-15T00:00:30Z', -5], '2018-03-15T00:00:25.0000000Z'],
    ['addToTime', ['2018-01-01T00:00:00Z', 1, 'Day'], '2018-01-02T00:00:00.0000000Z'],
    ['addToTime', ['2018-01-01T00:00:00Z', 1, 'Day', 'D'], 'Tuesday, January 2, 2018'],
    ['subtractFromTime', ['2018-01-02T00:00:00Z', 1, 'Day'], '2018-01-01T00:00:00.0000000Z'],
    // The reference prints "Monday, January, 1, 2018"; .NET's "D" has no comma after the month.
    ['subtractFromTime', ['2018-01-02T00:00:00Z', 1, 'Day', 'D'], 'Monday, January 1, 2018'],
    ['convertFromUtc', ['2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time'], '2018-01-01T00:00:00.0000000'],
    ['convertFromUtc', ['2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time', 'D'], 'Monday, January 1, 2018'],
    ['convertTimeZone', ['2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time'], '2018-01-01T00:00:00.0000000'],
    ['convertTimeZone', ['2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time', 'D'], 'Monday, January 1, 2018'],
    ['convertToUtc', ['01/01/2018 00:00:00', 'Pacific Standard Time'], '2018-01-01T08:00:00.0000000Z'],
    ['convertToUtc', ['01/01/2018 00:00:00', 'Pacific Standard Time', 'D'], 'Monday, January 1, 2018'],
    ['dateDifference', ['2015-02-08', '2018-07-30'], '1268.00:00:00'],
    ['dayOfMonth', ['2018-03-15T13:27:36Z'], 15],
    ['dayOfWeek', ['2018-03-15T13:27:36Z'], 4],
    ['dayOfYear', ['2018-03-15T13:27:36Z'], 74],
    ['formatDateTime', ['03/15/2018'], '2018-03-15T00:00:00.0000000'],
    ['formatDateTime', ['03/15/2018 12:00:00', 'yyyy-MM-ddTHH:mm:ss'], '2018-03-15T12:00:00'],
    ['formatDateTime', ['01/31/2016', 'dddd MMMM d'], 'Sunday January 31'],
    ['formatDateTime', ['01/31/2016', 'dddd MMMM d', 'fr-fr'], 'dimanche janvier 31'],
    ['formatDateTime', ['01/31/2016', 'dddd MMMM d', 'fr-FR'], 'dimanche janvier 31'],
    ['formatDateTime', ['01/31/2016', 'dddd MMMM d', 'es-es'], 'domingo enero 31'],
    ['parseDateTime', ['20/10/2014', 'fr-fr'], '2014-10-20T00:00:00.0000000'],
    ['parseDateTime', ['20 octobre 2010', 'fr-FR'], '2010-10-20T00:00:00.0000000'],
    ['parseDateTime', ['martes 20 octubre 2020', 'es-es'], '2020-10-20T00:00:00.0000000'],
    ['parseDateTime', ['21052019', 'fr-fr', 'ddMMyyyy'], '2019-05-21T00:00:00.0000000'],
    ['parseDateTime', ['10/20/2014 15h', 'en-US', 'MM/dd/yyyy HH\\h'], '2014-10-20T15:00:00.0000000'],
    ['startOfDay', ['2018-03-15T13:30:30Z'], '2018-03-15T00:00:00.0000000Z'],
    ['startOfHour', ['2018-03-15T13:30:30Z'], '2018-03-15T13:00:00.0000000Z'],
    ['startOfMonth', ['2018-03-15T13:30:30Z'], '2018-03-01T00:00:00.0000000Z'],
    ['startOfMonth', ['2018-03-15T13:30:30Z', 'yyyy-MM-dd'], '2018-03-01'],
  ])('%s(%j) returns %j', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });

  it('getFutureTime and getPastTime count from the host clock', () => {
    expect(callAt('2018-03-01T00:00:00Z', 'getFutureTime', 5, 'Day')).toBe('2018-03-06T00:00:00.0000000Z');
    expect(callAt('2018-03-01T00:00:00Z', 'getFutureTime', 5, 'Day', 'D')).toBe('Tuesday, March 6, 2018');
    expect(callAt('2018-02-01T00:00:00Z', 'getPastTime', 5, 'Day')).toBe('2018-01-27T00:00:00.0000000Z');
    expect(callAt('2018-02-01T00:00:00Z', 'getPastTime', 5, 'Day', 'D')).toBe('Saturday, January 27, 2018');
  });

  it('utcNow reads the host clock, in "o" format by default', () => {
    expect(callAt('2018-04-15T13:00:00Z', 'utcNow')).toBe('2018-04-15T13:00:00.0000000Z');
    expect(callAt('2018-04-15T13:00:00Z', 'utcNow', 'D')).toBe('Sunday, April 15, 2018');
    expect(callAt('2018-04-15T13:00:00.123Z', 'utcNow', 'HH:mm:ss.fff')).toBe('13:00:00.123');
  });
});

describe('timestamps and kinds', () => {
  it('keeps seven fractional digits through arithmetic', () => {
    expect(call('addSeconds', '2019-08-20T22:15:37.6919631Z', 1)).toBe('2019-08-20T22:15:38.6919631Z');
  });

  it('normalises an offset to UTC', () => {
    expect(call('addHours', '2018-03-15T10:00:00+02:00', 1)).toBe('2018-03-15T09:00:00.0000000Z');
    expect(call('formatDateTime', '2018-03-15T10:00:00-05:30')).toBe('2018-03-15T15:30:00.0000000Z');
  });

  it('keeps a timestamp without offset unspecified (no Z)', () => {
    expect(call('addDays', '2018-03-15T10:00:00', 1)).toBe('2018-03-16T10:00:00.0000000');
    expect(call('startOfDay', '2018-03-15 10:00:00')).toBe('2018-03-15T00:00:00.0000000');
  });

  it('treats units case-insensitively and accepts every documented unit', () => {
    const base = '2018-01-31T10:00:00Z';
    expect(call('addToTime', base, 30, 'second')).toBe('2018-01-31T10:00:30.0000000Z');
    expect(call('addToTime', base, 30, 'MINUTE')).toBe('2018-01-31T10:30:00.0000000Z');
    expect(call('addToTime', base, 14, 'Hour')).toBe('2018-02-01T00:00:00.0000000Z');
    expect(call('addToTime', base, 2, 'Week')).toBe('2018-02-14T10:00:00.0000000Z');
    expect(call('addToTime', base, 1, 'Year')).toBe('2019-01-31T10:00:00.0000000Z');
    expect(call('subtractFromTime', base, 1, 'Week')).toBe('2018-01-24T10:00:00.0000000Z');
  });
});

describe('month arithmetic clamps to the month end as .NET does', () => {
  it.each([
    ['2018-01-31T00:00:00Z', 1, '2018-02-28T00:00:00.0000000Z'],
    ['2020-01-31T00:00:00Z', 1, '2020-02-29T00:00:00.0000000Z'],
    ['2018-03-31T00:00:00Z', -1, '2018-02-28T00:00:00.0000000Z'],
    ['2018-05-31T00:00:00Z', 1, '2018-06-30T00:00:00.0000000Z'],
    ['2018-12-15T00:00:00Z', 1, '2019-01-15T00:00:00.0000000Z'],
    ['2018-01-15T00:00:00Z', -13, '2016-12-15T00:00:00.0000000Z'],
  ])('%s + %i month(s) is %s', (from, months, expected) => {
    expect(call('addToTime', from, months, 'Month')).toBe(expected);
  });

  it('moves February 29 to February 28 in a year without it', () => {
    expect(call('addToTime', '2020-02-29T12:00:00Z', 1, 'Year')).toBe('2021-02-28T12:00:00.0000000Z');
    expect(call('subtractFromTime', '2020-02-29T12:00:00Z', 4, 'Year')).toBe('2016-02-29T12:00:00.0000000Z');
  });
});

describe('leap years', () => {
  it('knows which years have February 29', () => {
    expect(call('dayOfYear', '2020-12-31')).toBe(366);
    expect(call('dayOfYear', '2100-12-31')).toBe(365);
    expect(call('dayOfYear', '2000-12-31')).toBe(366);
    expect(call('addDays', '2024-02-28T00:00:00Z', 1)).toBe('2024-02-29T00:00:00.0000000Z');
    expect(call('addDays', '2023-02-28T00:00:00Z', 1)).toBe('2023-03-01T00:00:00.0000000Z');
  });

  it('rejects February 29 of a common year', () => {
    const error = errorOf(() => call('dayOfMonth', '2019-02-29'));
    expect(error.code).toBe('ArgumentValue');
    expect(error.message).toBe(
      "The 1st argument of 'dayOfMonth' is not a valid timestamp: '2019-02-29'. Use ISO 8601 such as '2018-03-15T13:27:36Z', or a date like '03/15/2018 13:27:36'.",
    );
  });
});

describe('ticks', () => {
  it('counts 100-ns intervals since 0001-01-01', () => {
    expect(call('ticks', '0001-01-01T00:00:00Z')).toBe(0);
    expect(call('ticks', '0001-01-01T00:00:00.0000001Z')).toBe(1);
    expect(call('ticks', '2018-01-01T00:00:00Z')).toBe(636503616000000000n);
  });

  it('keeps every tick of a fractional timestamp as a BigInt', () => {
    expect(call('ticks', '2018-01-01T00:00:00.0000001Z')).toBe(636503616000000001n);
    expect(call('ticks', '9999-12-31T23:59:59.9999999Z')).toBe(3155378975999999999n);
  });
});

describe('dateDifference', () => {
  it('formats the span as a .NET TimeSpan', () => {
    expect(call('dateDifference', '2018-03-15T10:00:00Z', '2018-03-15T10:30:00Z')).toBe('00:30:00');
    expect(call('dateDifference', '2018-03-16T12:00:00Z', '2018-03-15T10:00:00Z')).toBe('-1.02:00:00');
    expect(call('dateDifference', '2018-03-15T10:00:00Z', '2018-03-15T10:00:01.5Z')).toBe('00:00:01.5000000');
    expect(call('dateDifference', '0001-01-01', '9999-12-31T23:59:59.9999999')).toBe('3652058.23:59:59.9999999');
  });
});

describe('time zones', () => {
  it('follows daylight saving time in a Windows zone', () => {
    expect(call('convertFromUtc', '2018-07-01T12:00:00Z', 'Pacific Standard Time')).toBe('2018-07-01T05:00:00.0000000');
    expect(call('convertFromUtc', '2018-03-11T09:59:59Z', 'Pacific Standard Time')).toBe('2018-03-11T01:59:59.0000000');
    expect(call('convertFromUtc', '2018-03-11T10:00:00Z', 'Pacific Standard Time')).toBe('2018-03-11T03:00:00.0000000');
    expect(call('convertFromUtc', '2018-03-25T01:00:00Z', 'W. Europe Standard Time')).toBe('2018-03-25T03:00:00.0000000');
    expect(call('convertToUtc', '2018-07-01T05:00:00', 'Pacific Standard Time')).toBe('2018-07-01T12:00:00.0000000Z');
  });

  it('reads a time that occurs twice (clocks go back) as standard time', () => {
    expect(call('convertToUtc', '2018-11-04T01:30:00', 'Pacific Standard Time')).toBe('2018-11-04T09:30:00.0000000Z');
    expect(call('convertToUtc', '2018-10-28T02:30:00', 'W. Europe Standard Time')).toBe('2018-10-28T01:30:00.0000000Z');
  });

  it('rejects a time skipped when clocks go forward', () => {
    const error = errorOf(() => call('convertToUtc', '2018-03-11T02:30:00', 'Pacific Standard Time'));
    expect(error.code).toBe('ArgumentValue');
    expect(error.message).toContain("The 1st argument of 'convertToUtc' names a time that does not exist in 'Pacific Standard Time'");
  });

  it('accepts display names with or without punctuation, IANA ids, and any case', () => {
    expect(call('convertFromUtc', '2018-01-01T12:00:00Z', '(UTC-05:00) Eastern Time (US & Canada)')).toBe('2018-01-01T07:00:00.0000000');
    expect(call('convertFromUtc', '2018-01-01T12:00:00Z', 'UTC-05:00 Eastern Time US Canada')).toBe('2018-01-01T07:00:00.0000000');
    expect(call('convertFromUtc', '2018-01-01T12:00:00Z', 'india standard time')).toBe('2018-01-01T17:30:00.0000000');
    expect(call('convertFromUtc', '2018-01-01T12:00:00Z', 'Europe/Paris')).toBe('2018-01-01T13:00:00.0000000');
  });

  it('converts between two zones, keeping Z only for UTC', () => {
    expect(call('convertTimeZone', '2018-06-01T09:00:00', 'W. Europe Standard Time', 'Tokyo Standard Time')).toBe('2018-06-01T16:00:00.0000000');
    expect(call('convertTimeZone', '2018-06-01T09:00:00', 'Romance Standard Time', 'UTC')).toBe('2018-06-01T07:00:00.0000000Z');
    expect(call('convertFromUtc', '2018-06-01T09:00:00Z', 'UTC')).toBe('2018-06-01T09:00:00.0000000Z');
  });

  it('treats a timestamp with an offset as an absolute instant whatever the source zone', () => {
    expect(call('convertToUtc', '2018-01-01T08:00:00Z', 'Pacific Standard Time')).toBe('2018-01-01T08:00:00.0000000Z');
    expect(call('convertTimeZone', '2018-01-01T08:00:00+01:00', 'Pacific Standard Time', 'UTC')).toBe('2018-01-01T07:00:00.0000000Z');
  });

  it('names an unknown zone and how to fix it', () => {
    const error = errorOf(() => call('convertFromUtc', '2018-01-01T08:00:00Z', 'Mars Standard Time'));
    expect(error.code).toBe('ArgumentValue');
    expect(error.message).toMatch(/^The 2nd argument of 'convertFromUtc' is not a known time zone: 'Mars Standard Time'\. Use a Windows time zone id/);
  });
});

describe('formats and locales', () => {
  it('rejects an invalid format string with the reason', () => {
    const error = errorOf(() => call('formatDateTime', '2018-03-15T00:00:00Z', 'ffffffff'));
    expect(error.code).toBe('ArgumentValue');
    expect(error.message).toBe(
      "The 2nd argument of 'formatDateTime' is not a valid format string: 'ffffffff' asks for 8 fractional digits; at most 7 are allowed.",
    );
    expect(errorOf(() => call('addDays', '2018-03-15T00:00:00Z', 1, 'Q')).message).toContain("The 3rd argument of 'addDays' is not a valid format string: 'Q' is not a standard format");
    expect(errorOf(() => call('utcNow', "yyyy 'open")).message).toContain('is not closed');
  });

  it('rejects an unknown locale', () => {
    const error = errorOf(() => call('formatDateTime', '2018-03-15T00:00:00Z', 'D', 'yyyy-MM-dd'));
    expect(error.message).toBe("The 3rd argument of 'formatDateTime' is not a valid locale: 'yyyy-MM-dd'. Use a culture name such as 'en-US', 'fr-FR' or 'ja-JP'.");
    expect(errorOf(() => call('parseDateTime', '2018-03-15', 'xx-XX')).message).toContain("The 2nd argument of 'parseDateTime' is not a valid locale: 'xx-XX'");
  });

  it('treats a null format or locale as the default', () => {
    expect(call('formatDateTime', '2018-03-15T00:00:00Z', null, null)).toBe('2018-03-15T00:00:00.0000000Z');
    expect(call('addDays', '2018-03-15T00:00:00Z', 1, null)).toBe('2018-03-16T00:00:00.0000000Z');
  });

  it('formats in other cultures', () => {
    expect(call('formatDateTime', '2018-03-15T13:05:00Z', 'D', 'de-DE')).toBe('Donnerstag, 15. März 2018');
    expect(call('formatDateTime', '2018-03-15T13:05:00Z', 'd', 'fr-FR')).toBe('15/03/2018');
    expect(call('formatDateTime', '2018-03-15T13:05:00Z', 'D', 'ja-JP')).toBe('2018年3月15日');
    expect(call('formatDateTime', '2018-03-15T13:05:00Z', 'd', 'de-DE')).toBe('15.03.2018');
  });

  it('parses with the locale and without a format in several styles', () => {
    expect(call('parseDateTime', '2018-03-15T13:27:36+01:00')).toBe('2018-03-15T12:27:36.0000000Z');
    expect(call('parseDateTime', 'Thu, 15 Mar 2018 13:27:36 GMT')).toBe('2018-03-15T13:27:36.0000000Z');
    expect(call('parseDateTime', '15.03.2018 13:27', 'de-DE')).toBe('2018-03-15T13:27:00.0000000');
    expect(call('parseDateTime', '2018年3月15日', 'ja-JP')).toBe('2018-03-15T00:00:00.0000000');
  });

  it('reports a value that does not match the parse format', () => {
    const error = errorOf(() => call('parseDateTime', '2019-05-21', 'fr-fr', 'ddMMyyyy'));
    expect(error.message).toBe("The 1st argument of 'parseDateTime' does not match the format 'ddMMyyyy': '2019-05-21'.");
  });
});

describe('bad input', () => {
  it.each([
    ['null', null, 'ArgumentType', "The 1st argument of 'formatDateTime' must be a timestamp string (ISO 8601 such as '2018-03-15T13:27:36Z'); got null."],
    ['a number', 20180315, 'ArgumentType', "The 1st argument of 'formatDateTime' must be a timestamp string (ISO 8601 such as '2018-03-15T13:27:36Z'); got the integer 20180315."],
    ['an empty string', '', 'ArgumentValue', "The 1st argument of 'formatDateTime' is not a valid timestamp: ''. Use ISO 8601 such as '2018-03-15T13:27:36Z', or a date like '03/15/2018 13:27:36'."],
    ['text', 'next tuesday-ish', 'ArgumentValue', "The 1st argument of 'formatDateTime' is not a valid timestamp: 'next tuesday-ish'. Use ISO 8601 such as '2018-03-15T13:27:36Z', or a date like '03/15/2018 13:27:36'."],
    ['hour 80 (the reference example typo)', '2018-01-01T80:00:00.0000000Z', 'ArgumentValue', "The 1st argument of 'formatDateTime' is not a valid timestamp: '2018-01-01T80:00:00.0000000Z'. Use ISO 8601 such as '2018-03-15T13:27:36Z', or a date like '03/15/2018 13:27:36'."],
  ])('formatDateTime refuses %s', (_label, value, code, message) => {
    const error = errorOf(() => call('formatDateTime', value));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('requires integer amounts and a known unit', () => {
    expect(errorOf(() => call('addDays', '2018-03-15T00:00:00Z', '10')).message).toBe(
      "The 2nd argument of 'addDays' must be an integer (the number of days to add); got the string '10'.",
    );
    expect(errorOf(() => call('addDays', '2018-03-15T00:00:00Z', 1.5)).code).toBe('ArgumentType');
    const unknownUnit = errorOf(() => call('addToTime', '2018-03-15T00:00:00Z', 1, 'Fortnight'));
    expect(unknownUnit.code).toBe('ArgumentValue');
    expect(unknownUnit.message).toBe("The 3rd argument of 'addToTime' is not a time unit: 'Fortnight'. Use 'Second', 'Minute', 'Hour', 'Day', 'Week', 'Month' or 'Year'.");
    expect(errorOf(() => call('getPastTime', 1, null)).message).toBe(
      "The 2nd argument of 'getPastTime' must be a time unit: 'Second', 'Minute', 'Hour', 'Day', 'Week', 'Month' or 'Year'; got null.",
    );
  });

  it('refuses results outside 0001-01-01 .. 9999-12-31', () => {
    const error = errorOf(() => call('addDays', '9999-12-31T00:00:00Z', 1));
    expect(error.code).toBe('ArgumentValue');
    expect(error.message).toBe(
      "The 2nd argument of 'addDays' moves the date outside the range .NET can represent (0001-01-01 to 9999-12-31): 1 day(s) is too far.",
    );
    expect(errorOf(() => call('subtractFromTime', '0001-01-01T00:00:00Z', 1, 'Second')).code).toBe('ArgumentValue');
    expect(errorOf(() => call('addToTime', '2018-01-01T00:00:00Z', 9000, 'Year')).code).toBe('ArgumentValue');
    expect(errorOf(() => call('addDays', '2018-01-01T00:00:00Z', 2n ** 60n)).message).toContain('is out of range');
    expect(call('addDays', '9999-12-30T00:00:00Z', 1)).toBe('9999-12-31T00:00:00.0000000Z');
  });
});
