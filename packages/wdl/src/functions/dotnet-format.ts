// .NET date and time format strings (DateTime.ToString(format, culture)): the standard
// one-letter formats (d, D, f, F, g, G, M, o, r, s, t, T, u, U, Y) and custom patterns
// (yyyy, MM, dd, HH, hh, mm, ss, f…fffffff, F…, tt, z…zzz, K, ddd/dddd, MMM/MMMM, g,
// quoted literals, \ escapes, % single specifiers, ':' and '/' separators).
// A pattern is compiled once into tokens and cached; formatting walks the tokens.
import { compileFormat } from './dotnet-format-compile.js';
import { dateCulture, INVARIANT_CULTURE, type DateCulture } from './dotnet-format-cultures.js';
import { dayOfWeek, fieldsOf, type DateTimeValue } from './date-time-value.js';

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "o" written directly: every date function returns it, so it is on the hot path. */
function roundTrip(value: DateTimeValue): string {
  const f = fieldsOf(value);
  const year = f.year >= 1000 ? String(f.year) : pad(f.year, 4);
  return `${year}-${two(f.month)}-${two(f.day)}T${two(f.hour)}:${two(f.minute)}:${two(f.second)}.${pad(f.fraction, 7)}${value.kind === 'utc' ? 'Z' : ''}`;
}

/** Formats a value; `culture` is ignored by the invariant standard formats. */
export function formatDateTime(value: DateTimeValue, format: string, culture: DateCulture): string {
  if (format === 'o' || format === 'O') return roundTrip(value);
  const compiled = compileFormat(format, culture);
  const c = compiled.invariant ? INVARIANT_CULTURE : culture;
  const f = fieldsOf(value);
  let out = '';
  for (const token of compiled.tokens) {
    switch (token.kind) {
      case 'literal':
        out += token.text;
        break;
      case 'year':
        out += token.width <= 2 ? pad(f.year % 100, token.width) : pad(f.year, token.width);
        break;
      case 'month':
        if (token.width <= 2) out += pad(f.month, token.width);
        else if (token.width === 3) out += (compiled.genitive ? c.abbreviatedMonthGenitiveNames : c.abbreviatedMonthNames)[f.month - 1];
        else out += (compiled.genitive ? c.monthGenitiveNames : c.monthNames)[f.month - 1];
        break;
      case 'day':
        if (token.width <= 2) out += pad(f.day, token.width);
        else out += (token.width === 3 ? c.abbreviatedDayNames : c.dayNames)[dayOfWeek(value)];
        break;
      case 'hour12':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, token.width);
        break;
      case 'hour24':
        out += pad(f.hour, token.width);
        break;
      case 'minute':
        out += pad(f.minute, token.width);
        break;
      case 'second':
        out += pad(f.second, token.width);
        break;
      case 'fraction': {
        let digits = pad(f.fraction, 7).slice(0, token.width);
        if (token.trim) {
          digits = digits.replace(/0+$/, '');
          // .NET drops the decimal point before an all-zero "F" fraction too.
          if (digits === '' && out.endsWith('.')) out = out.slice(0, -1);
        }
        out += digits;
        break;
      }
      case 'ampm': {
        const designator = f.hour < 12 ? c.amDesignator : c.pmDesignator;
        out += token.width === 1 ? designator.slice(0, 1) : designator;
        break;
      }
      case 'offset':
        // Flows run on servers whose local zone is UTC, so "z" formats always show +00:00.
        out += token.width === 1 ? '+0' : token.width === 2 ? '+00' : '+00:00';
        break;
      case 'zoneKind':
        out += value.kind === 'utc' ? 'Z' : '';
        break;
      case 'era':
        out += c.eraName;
        break;
      case 'dateSeparator':
        out += c.dateSeparator;
        break;
      case 'timeSeparator':
        out += c.timeSeparator;
        break;
    }
  }
  return out;
}

/** The default output of every date function: round-trip "o", e.g. 2018-03-15T00:00:00.0000000Z. */
export function formatRoundTrip(value: DateTimeValue): string {
  return formatDateTime(value, 'o', INVARIANT_CULTURE);
}

export { dateCulture };
export { compileFormat, DateFormatError, standardPattern, type CompiledFormat, type FormatToken } from './dotnet-format-compile.js';
