import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateCulture } from './dotnet-format-cultures.js';
import { formatRoundTrip } from './dotnet-format.js';
import { parseTimestamp } from './date-time-parse.js';
import type { DateTimeValue } from './date-time-value.js';

const today = (): DateTimeValue => ({ ms: Date.UTC(2024, 5, 1, 12), sub: 0, kind: 'utc' });
const parse = (text: string, locale = 'en-US'): string | undefined => {
  const value = parseTimestamp(text, dateCulture(locale), today);
  return value && formatRoundTrip(value);
};

describe('parseTimestamp', () => {
  it.each([
    ['2018-03-15T13:27:36Z', '2018-03-15T13:27:36.0000000Z'],
    ['2018-03-15t13:27:36z', '2018-03-15T13:27:36.0000000Z'],
    ['2018-03-15T13:27:36.1234567+05:30', '2018-03-15T07:57:36.1234567Z'],
    ['2018-03-15T13:27:36-0800', '2018-03-15T21:27:36.0000000Z'],
    ['2018-03-15T13:27:36+01', '2018-03-15T12:27:36.0000000Z'],
    ['2018-03-15T13:27', '2018-03-15T13:27:00.0000000'],
    ['2018-03-15 13:27:36', '2018-03-15T13:27:36.0000000'],
    ['2018-03-15', '2018-03-15T00:00:00.0000000'],
    ['  2018-03-15T13:27:36Z  ', '2018-03-15T13:27:36.0000000Z'],
    ['2018-03-15T13:27:36.123456789Z', '2018-03-15T13:27:36.1234568Z'],
    ['2018-3-5', '2018-03-05T00:00:00.0000000'],
    ['2018/03/15 13:27', '2018-03-15T13:27:00.0000000'],
    ['03/15/2018', '2018-03-15T00:00:00.0000000'],
    ['3/15/18 1:05 PM', '2018-03-15T13:05:00.0000000'],
    ['12/31/2001 12:00 AM', '2001-12-31T00:00:00.0000000'],
    ['12/31/2001 3 PM', '2001-12-31T15:00:00.0000000'],
    ['Monday, January 1, 2018', '2018-01-01T00:00:00.0000000'],
    ['January 1, 2018 10:00', '2018-01-01T10:00:00.0000000'],
    ['1 Jan 2018', '2018-01-01T00:00:00.0000000'],
    ['Thu, 15 Mar 2018 13:27:36 GMT', '2018-03-15T13:27:36.0000000Z'],
    ['March 2018', '2018-03-01T00:00:00.0000000'],
    ['March 15', '2024-03-15T00:00:00.0000000'],
    ['3/15', '2024-03-15T00:00:00.0000000'],
    ['15:30', '2024-06-01T15:30:00.0000000'],
    ['2018-03-15 13:27:36 UTC', '2018-03-15T13:27:36.0000000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.0000000Z'],
    ['9999-12-31T23:59:59.9999999Z', '9999-12-31T23:59:59.9999999Z'],
  ])('%j is %s', (text, expected) => {
    expect(parse(text)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'tomorrow',
    '2018-02-29',
    '2018-13-01',
    '2018-01-01T24:00:00',
    '2018-01-01T80:00:00.0000000Z',
    '13/15/2018',
    'Tuesday, January 1, 2018',
    '2018-03-15T13:27:36+25:00',
    '2018-03-15 # 13:27',
    '0000-12-31',
    '20180315',
    '13:00 PM',
  ])('refuses %j', (text) => {
    expect(parse(text)).toBeUndefined();
  });

  it('reads dates in the order of the culture', () => {
    expect(parse('20/10/2014', 'fr-FR')).toBe('2014-10-20T00:00:00.0000000');
    expect(parse('10/20/2014', 'fr-FR')).toBeUndefined();
    expect(parse('15.03.2018 13:27', 'de-DE')).toBe('2018-03-15T13:27:00.0000000');
    expect(parse('2018/03/15', 'ja-JP')).toBe('2018-03-15T00:00:00.0000000');
    expect(parse('20 octobre 2010', 'fr-FR')).toBe('2010-10-20T00:00:00.0000000');
    expect(parse('20 oct. 2010', 'fr-FR')).toBe('2010-10-20T00:00:00.0000000');
    expect(parse('martes 20 octubre 2020', 'es-ES')).toBe('2020-10-20T00:00:00.0000000');
    expect(parse('martes, 20 de octubre de 2020', 'es-ES')).toBe('2020-10-20T00:00:00.0000000');
    expect(parse('2018年3月15日', 'ja-JP')).toBe('2018-03-15T00:00:00.0000000');
  });
});

describe('round trips', () => {
  const first = new Date(0);
  first.setUTCFullYear(1, 0, 1);
  const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

  it('reads back every instant it writes in "o" format, to the tick', () => {
    fc.assert(
      fc.property(fc.integer({ min: first.getTime(), max: last }), fc.integer({ min: 0, max: 9999 }), fc.boolean(), (ms, sub, isUtc) => {
        const value: DateTimeValue = { ms, sub, kind: isUtc ? 'utc' : 'unspecified' };
        expect(parseTimestamp(formatRoundTrip(value), dateCulture('en-US'), today)).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const value = parseTimestamp(text, dateCulture('en-US'), today);
        expect(value === undefined || typeof value.ms === 'number').toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
