// Compiling .NET date and time format strings into tokens, once per string: the standard
// one-letter formats expand to their culture's pattern, custom patterns are split into
// fields, literals and separators, and strings .NET rejects raise DateFormatError.
import type { DateCulture } from './dotnet-format-cultures.js';

/** A format string .NET would reject; the message says why. */
export class DateFormatError extends Error {
  override readonly name = 'DateFormatError';
}

export type FormatToken =
  | { kind: 'literal'; text: string }
  | { kind: 'year' | 'month' | 'day' | 'hour12' | 'hour24' | 'minute' | 'second' | 'ampm' | 'offset'; width: number }
  | { kind: 'fraction'; width: number; trim: boolean }
  | { kind: 'zoneKind' | 'era' | 'dateSeparator' | 'timeSeparator' };

export interface CompiledFormat {
  tokens: FormatToken[];
  /** MMMM/MMM next to a day number use the genitive month names ("1 января"). */
  genitive: boolean;
  /** Standard formats r, s, u, o always format with the invariant culture. */
  invariant: boolean;
}

const RFC1123 = "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'";
const SORTABLE = "yyyy'-'MM'-'dd'T'HH':'mm':'ss";
const UNIVERSAL_SORTABLE = "yyyy'-'MM'-'dd HH':'mm':'ss'Z'";
const ROUND_TRIP = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.fffffffK";

/** The custom pattern a standard format letter stands for in a culture; undefined if not standard. */
export function standardPattern(letter: string, culture: DateCulture): { pattern: string; invariant: boolean } | undefined {
  const p = culture.patterns;
  switch (letter) {
    case 'd':
      return { pattern: p.d, invariant: false };
    case 'D':
      return { pattern: p.D, invariant: false };
    case 'f':
      return { pattern: `${p.D} ${p.t}`, invariant: false };
    case 'F':
    case 'U':
      return { pattern: `${p.D} ${p.T}`, invariant: false };
    case 'g':
      return { pattern: `${p.d} ${p.t}`, invariant: false };
    case 'G':
      return { pattern: `${p.d} ${p.T}`, invariant: false };
    case 'm':
    case 'M':
      return { pattern: p.M, invariant: false };
    case 'y':
    case 'Y':
      return { pattern: p.Y, invariant: false };
    case 't':
      return { pattern: p.t, invariant: false };
    case 'T':
      return { pattern: p.T, invariant: false };
    case 'o':
    case 'O':
      return { pattern: ROUND_TRIP, invariant: true };
    case 'r':
    case 'R':
      return { pattern: RFC1123, invariant: true };
    case 's':
      return { pattern: SORTABLE, invariant: true };
    case 'u':
      return { pattern: UNIVERSAL_SORTABLE, invariant: true };
    default:
      return undefined;
  }
}

const customCache = new Map<string, CompiledFormat>();
const standardCache = new Map<string, CompiledFormat>();

/** Compiles a format string; throws DateFormatError for strings .NET rejects. */
export function compileFormat(format: string, culture: DateCulture): CompiledFormat {
  if (format.length === 1) {
    const key = `${culture.name}\u0000${format}`;
    let compiled = standardCache.get(key);
    if (!compiled) {
      const standard = standardPattern(format, culture);
      if (!standard) {
        throw new DateFormatError(`'${format}' is not a standard format (d, D, f, F, g, G, M, o, r, s, t, T, u, U, Y); use '%${format}' for the single custom specifier.`);
      }
      compiled = { ...compileCustom(standard.pattern), invariant: standard.invariant };
      standardCache.set(key, compiled);
    }
    return compiled;
  }
  let compiled = customCache.get(format);
  if (!compiled) {
    compiled = compileCustom(format);
    if (customCache.size > 1000) customCache.clear();
    customCache.set(format, compiled);
  }
  return compiled;
}

function repeatCount(format: string, at: number): number {
  const c = format[at];
  let end = at + 1;
  while (end < format.length && format[end] === c) end++;
  return end - at;
}

function compileCustom(format: string): CompiledFormat {
  const tokens: FormatToken[] = [];
  const literal = (text: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < format.length) {
    const c = format[i] ?? '';
    let width = repeatCount(format, i);
    switch (c) {
      case 'y':
        tokens.push({ kind: 'year', width });
        break;
      case 'M':
        tokens.push({ kind: 'month', width: Math.min(width, 4) });
        break;
      case 'd':
        tokens.push({ kind: 'day', width: Math.min(width, 4) });
        break;
      case 'h':
        tokens.push({ kind: 'hour12', width: Math.min(width, 2) });
        break;
      case 'H':
        tokens.push({ kind: 'hour24', width: Math.min(width, 2) });
        break;
      case 'm':
        tokens.push({ kind: 'minute', width: Math.min(width, 2) });
        break;
      case 's':
        tokens.push({ kind: 'second', width: Math.min(width, 2) });
        break;
      case 't':
        tokens.push({ kind: 'ampm', width: Math.min(width, 2) });
        break;
      case 'z':
        tokens.push({ kind: 'offset', width: Math.min(width, 3) });
        break;
      case 'g':
        tokens.push({ kind: 'era' });
        break;
      case 'f':
      case 'F':
        if (width > 7) throw new DateFormatError(`'${c.repeat(width)}' asks for ${width} fractional digits; at most 7 are allowed.`);
        tokens.push({ kind: 'fraction', width, trim: c === 'F' });
        break;
      case 'K':
        width = 1;
        tokens.push({ kind: 'zoneKind' });
        break;
      case ':':
        width = 1;
        tokens.push({ kind: 'timeSeparator' });
        break;
      case '/':
        width = 1;
        tokens.push({ kind: 'dateSeparator' });
        break;
      case "'":
      case '"': {
        let j = i + 1;
        let text = '';
        while (j < format.length && format[j] !== c) {
          if (format[j] === '\\') {
            j++;
            if (j >= format.length) break;
          }
          text += format[j];
          j++;
        }
        if (j >= format.length) throw new DateFormatError(`the quoted text starting at position ${i + 1} is not closed with ${c}.`);
        literal(text);
        width = j - i + 1;
        break;
      }
      case '%': {
        const next = format[i + 1];
        if (next === undefined || next === '%') throw new DateFormatError(`'%' at position ${i + 1} must be followed by a single format specifier.`);
        // .NET formats the next character on its own as a complete custom pattern.
        for (const token of compileCustom(next).tokens) {
          if (token.kind === 'literal') literal(token.text);
          else tokens.push(token);
        }
        width = 2;
        break;
      }
      case '\\': {
        const next = format[i + 1];
        if (next === undefined) throw new DateFormatError('the format ends with a lone backslash; escape a character after it or remove it.');
        literal(next);
        width = 2;
        break;
      }
      default:
        width = 1;
        literal(c);
    }
    i += width;
  }
  const genitive = tokens.some((t) => t.kind === 'day' && t.width <= 2);
  return { tokens, genitive, invariant: false };
}

