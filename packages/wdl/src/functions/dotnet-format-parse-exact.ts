// .NET DateTime.ParseExact: reading a timestamp that must match a given format string
// exactly (parseDateTime's third argument), e.g. '21052019' with 'ddMMyyyy' or
// '10/20/2014 15h' with 'MM/dd/yyyy HH\h'. Uses the same compiled tokens as formatting.
import { compileFormat, type FormatToken } from './dotnet-format-compile.js';
import { INVARIANT_CULTURE, type DateCulture } from './dotnet-format-cultures.js';
import { addTime, dayOfWeek, fromFields, type DateTimeValue } from './date-time-value.js';

interface Fields {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
  hour?: number;
  minute?: number;
  second?: number;
  fraction?: number;
  meridiem?: 'am' | 'pm';
  offset?: number;
}

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}

  digits(min: number, max: number): number | undefined {
    let end = this.pos;
    while (end < this.text.length && end - this.pos < max && /\d/.test(this.text[end] ?? '')) end++;
    if (end - this.pos < min) return undefined;
    const value = Number(this.text.slice(this.pos, end));
    this.pos = end;
    return value;
  }

  /** Longest case-insensitive match among names; returns its index. */
  name(names: readonly string[]): number | undefined {
    const rest = this.text.slice(this.pos).toLocaleLowerCase();
    let best = -1;
    let bestLength = 0;
    names.forEach((n, i) => {
      if (n.length > bestLength && rest.startsWith(n.toLocaleLowerCase())) [best, bestLength] = [i, n.length];
    });
    if (best < 0) return undefined;
    this.pos += bestLength;
    return best;
  }

  literal(text: string): boolean {
    if (!this.text.startsWith(text, this.pos)) return false;
    this.pos += text.length;
    return true;
  }
}

/** Undefined when the text does not match. Throws DateFormatError for an invalid format. */
export function parseExact(text: string, format: string, culture: DateCulture, today: () => DateTimeValue): DateTimeValue | undefined {
  const compiled = compileFormat(format, culture);
  const c = compiled.invariant ? INVARIANT_CULTURE : culture;
  const cursor = new Cursor(text);
  const f: Fields = {};
  for (const token of compiled.tokens) {
    if (!readToken(cursor, token, c, f)) return undefined;
  }
  if (cursor.pos !== text.length) return undefined;
  return build(f, today);
}

function readToken(cursor: Cursor, token: FormatToken, c: DateCulture, f: Fields): boolean {
  const width = 'width' in token ? token.width : 1;
  const number = (exact: boolean): number | undefined => cursor.digits(exact ? 2 : 1, 2);
  switch (token.kind) {
    case 'literal':
      return cursor.literal(token.text);
    case 'dateSeparator':
      return cursor.literal(c.dateSeparator);
    case 'timeSeparator':
      return cursor.literal(c.timeSeparator);
    case 'year': {
      const value = width <= 2 ? cursor.digits(width, 2) : cursor.digits(width, Math.max(4, width));
      if (value === undefined) return false;
      f.year = width <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value;
      return true;
    }
    case 'month': {
      const value =
        width <= 2
          ? number(width === 2)
          : width === 3
            ? cursor.name([...c.abbreviatedMonthGenitiveNames, ...c.abbreviatedMonthNames])
            : cursor.name([...c.monthGenitiveNames, ...c.monthNames]);
      if (value === undefined) return false;
      f.month = width <= 2 ? value : (value % 12) + 1;
      return true;
    }
    case 'day': {
      if (width <= 2) return (f.day = number(width === 2)) !== undefined;
      return (f.weekday = cursor.name(width === 3 ? c.abbreviatedDayNames : c.dayNames)) !== undefined;
    }
    case 'hour12':
    case 'hour24':
      return (f.hour = number(width === 2)) !== undefined;
    case 'minute':
      return (f.minute = number(width === 2)) !== undefined;
    case 'second':
      return (f.second = number(width === 2)) !== undefined;
    case 'fraction': {
      const start = cursor.pos;
      const value = cursor.digits(token.trim ? 0 : width, width);
      if (value === undefined) return false;
      f.fraction = Number(cursor.text.slice(start, cursor.pos).padEnd(7, '0') || '0');
      return true;
    }
    case 'ampm': {
      const designators = width === 1 ? [c.amDesignator.slice(0, 1), c.pmDesignator.slice(0, 1)] : [c.amDesignator, c.pmDesignator];
      const which = cursor.name(designators);
      if (which === undefined) return false;
      f.meridiem = which === 0 ? 'am' : 'pm';
      return true;
    }
    case 'offset':
      return readOffset(cursor, f, width === 3);
    case 'zoneKind':
      if (cursor.literal('Z') || cursor.literal('z')) {
        f.offset = 0;
        return true;
      }
      if (cursor.text[cursor.pos] === '+' || cursor.text[cursor.pos] === '-') return readOffset(cursor, f, true);
      return true;
    case 'era':
      return cursor.name([c.eraName, 'A.D.', 'AD']) !== undefined;
  }
}

function readOffset(cursor: Cursor, f: Fields, needMinutes: boolean): boolean {
  const sign = cursor.text[cursor.pos];
  if (sign !== '+' && sign !== '-') return false;
  cursor.pos++;
  const hours = cursor.digits(1, 2);
  if (hours === undefined || hours > 14) return false;
  let minutes = 0;
  if (cursor.literal(':')) {
    const m = cursor.digits(2, 2);
    if (m === undefined || m > 59) return false;
    minutes = m;
  } else if (needMinutes) return false;
  f.offset = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  return true;
}

function build(f: Fields, today: () => DateTimeValue): DateTimeValue | undefined {
  const noDate = f.year === undefined && f.month === undefined && f.day === undefined;
  const now = new Date(today().ms);
  let hour = f.hour ?? 0;
  if (f.meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (f.meridiem === 'pm' ? 12 : 0);
  }
  const value = fromFields(
    {
      year: f.year ?? now.getUTCFullYear(),
      month: f.month ?? (noDate ? now.getUTCMonth() + 1 : 1),
      day: f.day ?? (noDate ? now.getUTCDate() : 1),
      hour,
      minute: f.minute ?? 0,
      second: f.second ?? 0,
      fraction: f.fraction ?? 0,
    },
    f.offset === undefined ? 'unspecified' : 'utc',
  );
  if (!value || (f.weekday !== undefined && f.weekday !== dayOfWeek(value))) return undefined;
  if (f.offset === undefined) return value;
  const utc = addTime(value, -f.offset * 60_000);
  return utc && { ...utc, kind: 'utc' };
}
