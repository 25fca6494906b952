import { describe, expect, it } from 'vitest';
import { dateCulture, resolveLocale } from './dotnet-format-cultures.js';
import { DateFormatError, formatDateTime } from './dotnet-format.js';
import { parseExact } from './dotnet-format-parse-exact.js';
import { fromFields, type DateTimeValue } from './date-time-value.js';

const at = (iso: string, kind: 'utc' | 'unspecified' = 'utc'): DateTimeValue => {
  const m = /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)(?:\.(\d+))?$/.exec(iso);
  if (!m) throw new Error(`bad test timestamp ${iso}`);
  const value = fromFields(
    { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +m[6]!, fraction: +(m[7] ?? '').padEnd(7, '0') },
    kind,
  );
  if (!value) throw new Error(`invalid test timestamp ${iso}`);
  return value;
};
const en = dateCulture('en-US');
const format = (iso: string, pattern: string, locale = 'en-US', kind: 'utc' | 'unspecified' = 'utc'): string =>
  formatDateTime(at(iso, kind), pattern, dateCulture(resolveLocale(locale) ?? 'en-US'));

describe('standard date formats (en-US)', () => {
  const value = '2009-06-15T13:45:30.1234567';
  it.each([
    ['d', '6/15/2009'],
    ['D', 'Monday, June 15, 2009'],
    ['f', 'Monday, June 15, 2009 1:45 PM'],
    ['F', 'Monday, June 15, 2009 1:45:30 PM'],
    ['g', '6/15/2009 1:45 PM'],
    ['G', '6/15/2009 1:45:30 PM'],
    ['M', 'June 15'],
    ['m', 'June 15'],
    ['o', '2009-06-15T13:45:30.1234567Z'],
    ['O', '2009-06-15T13:45:30.1234567Z'],
    ['r', 'Mon, 15 Jun 2009 13:45:30 GMT'],
    ['R', 'Mon, 15 Jun 2009 13:45:30 GMT'],
    ['s', '2009-06-15T13:45:30'],
    ['t', '1:45 PM'],
    ['T', '1:45:30 PM'],
    ['u', '2009-06-15 13:45:30Z'],
    ['U', 'Monday, June 15, 2009 1:45:30 PM'],
    ['Y', 'June 2009'],
    ['y', 'June 2009'],
  ])('%s → %s', (pattern, expected) => {
    expect(format(value, pattern)).toBe(expected);
  });

  it('omits the offset from "o" for a timestamp without one', () => {
    expect(format(value, 'o', 'en-US', 'unspecified')).toBe('2009-06-15T13:45:30.1234567');
  });

  it('uses the invariant culture for r, s, u and o whatever the locale', () => {
    expect(format(value, 'r', 'fr-FR')).toBe('Mon, 15 Jun 2009 13:45:30 GMT');
    expect(format(value, 's', 'de-DE')).toBe('2009-06-15T13:45:30');
  });
});

describe('custom date formats', () => {
  it.each([
    ['2009-06-15T13:45:30.1234567', 'yyyy-MM-dd HH:mm:ss.fffffff', '2009-06-15 13:45:30.1234567'],
    ['2009-06-15T13:45:30.1234567', 'y yy yyy yyyy yyyyy', '9 09 2009 2009 02009'],
    ['0005-01-02T03:04:05', 'y yy yyy yyyy', '5 05 005 0005'],
    ['2009-06-05T01:04:05', 'M MM MMM MMMM d dd ddd dddd', '6 06 Jun June 5 05 Fri Friday'],
    ['2009-06-15T00:05:09', 'h hh H HH m mm s ss t tt', '12 12 0 00 5 05 9 09 A AM'],
    ['2009-06-15T13:45:30.0500000', 'ff fff FF FFF', '05 050 05 05'],
    ['2009-06-15T13:45:30', 'ss.FFF', '30'],
    ['2009-06-15T13:45:30.1000000', 'ss.FFF', '30.1'],
    ['2009-06-15T13:45:30', 'zzz z zz K', '+00:00 +0 +00 Z'],
    ['2009-06-15T13:45:30', "'Year' yyyy \"and\" \\d\\d d", 'Year 2009 and dd 15'],
    ['2009-06-15T13:45:30', '%d', '15'],
    ['2009-06-15T13:45:30', '%h', '1'],
    ['2009-06-15T13:45:30', 'g', '6/15/2009 1:45 PM'],
    ['2009-06-15T13:45:30', 'gg yyyy', 'A.D. 2009'],
    ['2009-06-15T13:45:30', 'hh:mm:ss tt', '01:45:30 PM'],
    ['2009-06-15T13:45:30', 'dddddd MMMMMM HHH', 'Monday June 13'],
    ['2009-06-15T13:45:30', 'yyyy-MM-ddTHH:mm:ss', '2009-06-15T13:45:30'],
  ])('%s with %j is %j', (value, pattern, expected) => {
    expect(format(value, pattern)).toBe(expected);
  });

  it('uses the culture date and time separators for / and :', () => {
    expect(format('2009-06-15T13:45:30', 'dd/MM/yyyy HH:mm', 'de-DE')).toBe('15.06.2009 13:45');
    expect(format('2009-06-15T13:45:30', "dd'/'MM", 'de-DE')).toBe('15/06');
  });

  it('uses genitive month names next to a day number', () => {
    expect(format('2009-06-15T13:45:30', 'd MMMM', 'ru-RU')).toBe('15 июня');
    expect(format('2009-06-15T13:45:30', 'MMMM', 'ru-RU')).toBe('июнь');
  });

  it.each([
    ['fffffffff', /at most 7/],
    ["yyyy 'unclosed", /not closed/],
    ['yyyy%', /single format specifier/],
    ['%%', /single format specifier/],
    ['yyyy\\', /lone backslash/],
    ['Q', /not a standard format/],
  ])('rejects %j', (pattern, reason) => {
    expect(() => formatDateTime(at('2009-06-15T13:45:30'), pattern, en)).toThrow(DateFormatError);
    expect(() => formatDateTime(at('2009-06-15T13:45:30'), pattern, en)).toThrow(reason);
  });
});

describe('parseExact', () => {
  const today = (): DateTimeValue => at('2024-02-10T00:00:00');
  const parse = (text: string, pattern: string, locale = 'en-US'): string | undefined => {
    const value = parseExact(text, pattern, dateCulture(resolveLocale(locale) ?? 'en-US'), today);
    return value && formatDateTime(value, 'o', en);
  };

  it('reads the fields of a custom pattern', () => {
    expect(parse('21052019', 'ddMMyyyy', 'fr-FR')).toBe('2019-05-21T00:00:00.0000000');
    expect(parse('10/20/2014 15h', 'MM/dd/yyyy HH\\h')).toBe('2014-10-20T15:00:00.0000000');
    expect(parse('Monday, 15 June 2009 01:45:30.25 PM', 'dddd, d MMMM yyyy hh:mm:ss.FF tt')).toBe('2009-06-15T13:45:30.2500000');
    expect(parse('15 juin 2009', 'd MMMM yyyy', 'fr-FR')).toBe('2009-06-15T00:00:00.0000000');
    expect(parse('2009-06-15T13:45:30+02:00', "yyyy-MM-dd'T'HH:mm:sszzz")).toBe('2009-06-15T11:45:30.0000000Z');
    expect(parse('2009-06-15T13:45:30.1234567Z', 'o')).toBe('2009-06-15T13:45:30.1234567Z');
    expect(parse('13:45', 'HH:mm')).toBe('2024-02-10T13:45:00.0000000');
    expect(parse('09', 'yy')).toBe('2009-01-01T00:00:00.0000000');
  });

  it('refuses text that does not match', () => {
    expect(parse('2019-05-21', 'ddMMyyyy')).toBeUndefined();
    expect(parse('21052019 ', 'ddMMyyyy')).toBeUndefined();
    expect(parse('31022019', 'ddMMyyyy')).toBeUndefined();
    expect(parse('Tuesday, 15 June 2009', 'dddd, d MMMM yyyy')).toBeUndefined();
  });
});
