// Reading a timestamp string the way the service does (.NET DateTime.Parse, adjusted to
// UTC): ISO 8601 with or without an offset ("2018-03-15T13:27:36Z",
// "2018-03-15 13:27:36.123+05:30"), culture dates ("03/15/2018 12:00:00" in en-US,
// "20/10/2014" in fr-FR), month and day names ("Monday, January 1, 2018",
// "20 octobre 2010", "Thu, 15 Mar 2018 13:27:36 GMT") and 12-hour times ("3:05 PM").
// A timestamp with an offset becomes UTC; one without keeps kind 'unspecified'.
import { INVARIANT_CULTURE, type DateCulture } from './dotnet-format-cultures.js';
import { applyOffset, parseIso } from './date-time-parse-iso.js';
import { addTime, dayOfWeek, fromFields, type DateTimeKind, type DateTimeValue } from './date-time-value.js';

const patternWordCache = new WeakMap<DateCulture, Set<string>>();

/** Parses a timestamp; undefined when it is not one. `today` supplies a missing date or year. */
export function parseTimestamp(text: string, culture: DateCulture, today: () => DateTimeValue): DateTimeValue | undefined {
  const iso = parseIso(text);
  if (iso !== 'not-iso') return iso;
  return parseLenient(text, culture, today);
}

type Token = { type: 'num'; text: string; value: number } | { type: 'word'; text: string } | { type: 'sep'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const re = /(\d+)|([\p{L}\p{M}]+\.?)|(\s+)|(.)/gu;
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) tokens.push({ type: 'num', text: m[1], value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ type: 'word', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ type: 'sep', text: ' ' });
    else tokens.push({ type: 'sep', text: m[4] ?? '' });
  }
  return tokens;
}

function fold(s: string): string {
  return s.toLocaleLowerCase().replace(/\.$/, '');
}

function nameIndex(word: string, lists: ReadonlyArray<readonly string[]>): number {
  const w = fold(word);
  for (const list of lists) {
    const i = list.findIndex((name) => fold(name) === w);
    if (i >= 0) return i;
  }
  return -1;
}

/** Words a culture writes inside its date patterns ('de' in "d 'de' MMMM", '年' in Japanese). */
function patternWords(culture: DateCulture): Set<string> {
  const words = new Set<string>(['t', 'of']);
  for (const pattern of Object.values(culture.patterns)) {
    for (const m of pattern.matchAll(/'([^']*)'/g)) {
      for (const w of (m[1] ?? '').split(/[^\p{L}]+/u)) if (w) words.add(fold(w));
    }
  }
  return words;
}

interface Parsed {
  date: number[];
  month?: number;
  weekday?: number;
  hour?: number;
  minute?: number;
  second?: number;
  fraction?: string;
  meridiem?: 'am' | 'pm';
  offset?: number;
}

function parseLenient(text: string, culture: DateCulture, today: () => DateTimeValue): DateTimeValue | undefined {
  const tokens = tokenize(text.trim());
  if (tokens.length === 0) return undefined;
  const p: Parsed = { date: [] };
  const months = [culture.monthNames, culture.monthGenitiveNames, culture.abbreviatedMonthNames, culture.abbreviatedMonthGenitiveNames, INVARIANT_CULTURE.monthNames, INVARIANT_CULTURE.abbreviatedMonthNames];
  const days = [culture.dayNames, culture.abbreviatedDayNames, INVARIANT_CULTURE.dayNames, INVARIANT_CULTURE.abbreviatedDayNames];
  let ignorable = patternWordCache.get(culture);
  if (!ignorable) {
    ignorable = patternWords(culture);
    patternWordCache.set(culture, ignorable);
  }
  const timeSeparators = new Set([':', culture.timeSeparator]);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (!t) break;
    if (t.type === 'num') {
      if (p.hour === undefined && next?.type === 'sep' && timeSeparators.has(next.text) && tokens[i + 2]?.type === 'num') {
        // hh:mm[:ss[.fffffff]]
        p.hour = t.value;
        p.minute = (tokens[i + 2] as { value: number }).value;
        i += 2;
        if (tokens[i + 1]?.type === 'sep' && timeSeparators.has(tokens[i + 1]?.text ?? '') && tokens[i + 2]?.type === 'num') {
          p.second = (tokens[i + 2] as { value: number }).value;
          i += 2;
          const dot = tokens[i + 1];
          if (dot?.type === 'sep' && (dot.text === '.' || dot.text === ',') && tokens[i + 2]?.type === 'num') {
            p.fraction = tokens[i + 2]?.text;
            i += 2;
          }
        }
        continue;
      }
      if (p.hour === undefined && isMeridiem(nextWord(tokens, i), culture)) {
        p.hour = t.value; // "3 PM"
        p.minute = 0;
        continue;
      }
      p.date.push(i);
      continue;
    }
    if (t.type === 'word') {
      const meridiem = isMeridiem(t.text, culture);
      if (meridiem) {
        p.meridiem = meridiem;
        continue;
      }
      const upper = t.text.toUpperCase();
      if (upper === 'Z' || upper === 'GMT' || upper === 'UTC') {
        p.offset = 0;
        continue;
      }
      if (upper === 'T' && p.hour === undefined) continue;
      const month = nameIndex(t.text, months);
      if (month >= 0 && p.month === undefined) {
        p.month = month + 1;
        continue;
      }
      // Pattern words first: Japanese '日' is both the day suffix and Sunday's short name.
      if (ignorable.has(fold(t.text))) continue;
      const weekday = nameIndex(t.text, days);
      if (weekday >= 0 && p.weekday === undefined) {
        p.weekday = weekday;
        continue;
      }
      return undefined;
    }
    // separators; a sign after the time starts an offset (+05:30, -0800, +05)
    if ((t.text === '+' || t.text === '-') && p.hour !== undefined && next?.type === 'num') {
      const digits = next.text;
      let hours: number;
      let minutes = 0;
      if (digits.length === 4) {
        hours = Number(digits.slice(0, 2));
        minutes = Number(digits.slice(2));
        i += 1;
      } else if (digits.length <= 2) {
        hours = next.value;
        i += 1;
        if (tokens[i + 1]?.text === ':' && tokens[i + 2]?.type === 'num') {
          minutes = (tokens[i + 2] as { value: number }).value;
          i += 2;
        }
      } else return undefined;
      if (minutes > 59 || hours * 60 + minutes > 14 * 60) return undefined;
      p.offset = (p.offset ?? 0) + (t.text === '-' ? -1 : 1) * (hours * 60 + minutes);
      continue;
    }
    if (!/^[\s,./\-()]$/.test(t.text)) return undefined;
  }
  return resolve(p, tokens, culture, today);
}

function nextWord(tokens: Token[], i: number): string {
  let j = i + 1;
  while (tokens[j]?.type === 'sep' && tokens[j]?.text === ' ') j++;
  const t = tokens[j];
  return t?.type === 'word' ? t.text : '';
}

function isMeridiem(word: string, culture: DateCulture): 'am' | 'pm' | undefined {
  const w = fold(word);
  if (w === '') return undefined;
  if (w === 'am' || w === fold(culture.amDesignator)) return 'am';
  if (w === 'pm' || w === fold(culture.pmDesignator)) return 'pm';
  return undefined;
}

/** Order of year, month and day numbers in the culture's short date pattern. */
function dateOrder(culture: DateCulture): Array<'y' | 'M' | 'd'> {
  const order: Array<'y' | 'M' | 'd'> = [];
  for (const c of culture.patterns.d.replace(/'[^']*'/g, '')) {
    if ((c === 'y' || c === 'M' || c === 'd') && !order.includes(c)) order.push(c);
  }
  return order.length === 3 ? order : ['M', 'd', 'y'];
}

function expandYear(token: Token & { type: 'num' }): number {
  if (token.text.length > 2) return token.value;
  return token.value < 50 ? 2000 + token.value : 1900 + token.value; // .NET TwoDigitYearMax 2049
}

function resolve(p: Parsed, tokens: Token[], culture: DateCulture, today: () => DateTimeValue): DateTimeValue | undefined {
  const nums = p.date.map((i) => tokens[i] as Token & { type: 'num' });
  let year: number | undefined;
  let month = p.month;
  let day: number | undefined;
  const isYear = (t: Token & { type: 'num' }): boolean => t.text.length > 2 || t.value > 31;
  const [a, b, c] = nums;
  if (month !== undefined) {
    if (nums.length === 2 && a && b) {
      if (isYear(a)) [year, day] = [a.value, b.value];
      else [day, year] = [a.value, expandYear(b)];
    } else if (nums.length === 1 && a) {
      if (isYear(a)) [year, day] = [a.value, 1];
      else day = a.value;
    } else return undefined;
  } else if (nums.length === 3 && a && b && c) {
    if (isYear(a)) [year, month, day] = [a.value, b.value, c.value];
    else {
      const values: Record<string, Token & { type: 'num' }> = {};
      dateOrder(culture).forEach((field, i) => (values[field] = nums[i] as Token & { type: 'num' }));
      const y = values.y;
      if (!y || !values.M || !values.d) return undefined;
      [year, month, day] = [expandYear(y), values.M.value, values.d.value];
    }
  } else if (nums.length === 2 && a && b) {
    if (a.text.length === 4) [year, month, day] = [a.value, b.value, 1];
    else if (b.text.length === 4) [year, month, day] = [b.value, a.value, 1];
    else {
      const order = dateOrder(culture).filter((f) => f !== 'y');
      [month, day] = order[0] === 'M' ? [a.value, b.value] : [b.value, a.value];
    }
  } else if (nums.length !== 0 || p.hour === undefined) {
    return undefined;
  }
  if (nums.some((t) => t.text.length > 4)) return undefined;
  const now = today();
  const reference = fieldsOfToday(now);
  let hour = p.hour ?? 0;
  if (p.meridiem) {
    if (p.hour === undefined || hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (p.meridiem === 'pm' ? 12 : 0);
  }
  const fractionDigits = p.fraction ?? '';
  const value = fromFields(
    {
      year: year ?? reference.year,
      month: month ?? reference.month,
      day: day ?? reference.day,
      hour,
      minute: p.minute ?? 0,
      second: p.second ?? 0,
      fraction: Number(fractionDigits.slice(0, 7).padEnd(7, '0')),
    },
    p.offset === undefined ? 'unspecified' : 'utc',
  );
  if (!value) return undefined;
  if (p.weekday !== undefined && p.weekday !== dayOfWeek(value)) return undefined;
  // Digits beyond the seventh round to the nearest tick, as .NET does.
  const rounded = fractionDigits.length > 7 && Number(fractionDigits[7]) >= 5 ? addTime(value, 0, 1) : value;
  if (!rounded) return undefined;
  return p.offset === undefined ? rounded : applyOffset(rounded, p.offset);
}

function fieldsOfToday(now: DateTimeValue): { year: number; month: number; day: number } {
  const d = new Date(now.ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export type { DateTimeKind };
