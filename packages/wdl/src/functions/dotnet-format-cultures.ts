// Culture data for .NET date and time formatting and parsing. Names (months, days, AM/PM)
// come from Node's ICU through Intl, as .NET on ICU takes them. The standard patterns
// ("d" = short date, "D" = long date, …) of the cultures flows use most are written out
// as Windows has them; other cultures derive theirs from Intl, which is close but not
// always identical to .NET.

export interface DatePatterns {
  d: string;
  D: string;
  t: string;
  T: string;
  M: string;
  Y: string;
}

export interface DateCulture {
  name: string;
  monthNames: readonly string[];
  monthGenitiveNames: readonly string[];
  abbreviatedMonthNames: readonly string[];
  abbreviatedMonthGenitiveNames: readonly string[];
  /** Sunday first, as .NET's DayOfWeek. */
  dayNames: readonly string[];
  abbreviatedDayNames: readonly string[];
  amDesignator: string;
  pmDesignator: string;
  dateSeparator: string;
  timeSeparator: string;
  eraName: string;
  patterns: DatePatterns;
}

const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ENGLISH_MONTHS_SHORT = ENGLISH_MONTHS.map((m) => m.slice(0, 3));
const ENGLISH_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ENGLISH_DAYS_SHORT = ENGLISH_DAYS.map((d) => d.slice(0, 3));

/** CultureInfo.InvariantCulture: what the "r", "s", "u" and "o" formats always use. */
export const INVARIANT_CULTURE: DateCulture = {
  name: '',
  monthNames: ENGLISH_MONTHS,
  monthGenitiveNames: ENGLISH_MONTHS,
  abbreviatedMonthNames: ENGLISH_MONTHS_SHORT,
  abbreviatedMonthGenitiveNames: ENGLISH_MONTHS_SHORT,
  dayNames: ENGLISH_DAYS,
  abbreviatedDayNames: ENGLISH_DAYS_SHORT,
  amDesignator: 'AM',
  pmDesignator: 'PM',
  dateSeparator: '/',
  timeSeparator: ':',
  eraName: 'A.D.',
  patterns: { d: 'MM/dd/yyyy', D: 'dddd, dd MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'MMMM dd', Y: 'yyyy MMMM' },
};

/** Standard patterns as Windows defines them, for the cultures flows use most. */
const KNOWN_PATTERNS: Record<string, DatePatterns & { dateSeparator?: string }> = {
  'en-US': { d: 'M/d/yyyy', D: 'dddd, MMMM d, yyyy', t: 'h:mm tt', T: 'h:mm:ss tt', M: 'MMMM d', Y: 'MMMM yyyy' },
  'en-GB': { d: 'dd/MM/yyyy', D: 'dd MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy' },
  'en-AU': { d: 'd/MM/yyyy', D: 'dddd, d MMMM yyyy', t: 'h:mm tt', T: 'h:mm:ss tt', M: 'd MMMM', Y: 'MMMM yyyy' },
  'en-CA': { d: 'yyyy-MM-dd', D: 'MMMM d, yyyy', t: 'h:mm tt', T: 'h:mm:ss tt', M: 'MMMM d', Y: 'MMMM yyyy', dateSeparator: '-' },
  'en-IN': { d: 'dd-MM-yyyy', D: 'dd MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy', dateSeparator: '-' },
  'de-DE': { d: 'dd.MM.yyyy', D: 'dddd, d. MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd. MMMM', Y: 'MMMM yyyy', dateSeparator: '.' },
  'de-AT': { d: 'dd.MM.yyyy', D: 'dddd, d. MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd. MMMM', Y: 'MMMM yyyy', dateSeparator: '.' },
  'de-CH': { d: 'dd.MM.yyyy', D: 'dddd, d. MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd. MMMM', Y: 'MMMM yyyy', dateSeparator: '.' },
  'fr-FR': { d: 'dd/MM/yyyy', D: 'dddd d MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy' },
  'fr-CA': { d: 'yyyy-MM-dd', D: "d MMMM yyyy", t: "HH 'h' mm", T: "HH 'h' mm 'min' ss 's'", M: 'd MMMM', Y: 'MMMM yyyy', dateSeparator: '-' },
  'es-ES': { d: 'dd/MM/yyyy', D: "dddd, d 'de' MMMM 'de' yyyy", t: 'H:mm', T: 'H:mm:ss', M: "d 'de' MMMM", Y: "MMMM 'de' yyyy" },
  'es-MX': { d: 'dd/MM/yyyy', D: "dddd, d 'de' MMMM 'de' yyyy", t: 'hh:mm tt', T: 'hh:mm:ss tt', M: "d 'de' MMMM", Y: "MMMM 'de' yyyy" },
  'it-IT': { d: 'dd/MM/yyyy', D: 'dddd d MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy' },
  'nl-NL': { d: 'd-M-yyyy', D: 'dddd d MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy', dateSeparator: '-' },
  'pt-BR': { d: 'dd/MM/yyyy', D: "dddd, d 'de' MMMM 'de' yyyy", t: 'HH:mm', T: 'HH:mm:ss', M: "d 'de' MMMM", Y: "MMMM 'de' yyyy" },
  'pt-PT': { d: 'dd/MM/yyyy', D: "dddd, d 'de' MMMM 'de' yyyy", t: 'HH:mm', T: 'HH:mm:ss', M: "d 'de' MMMM", Y: "MMMM 'de' yyyy" },
  'sv-SE': { d: 'yyyy-MM-dd', D: "'den' d MMMM yyyy", t: 'HH:mm', T: 'HH:mm:ss', M: "d MMMM", Y: 'MMMM yyyy', dateSeparator: '-' },
  'da-DK': { d: 'dd-MM-yyyy', D: "dddd 'den' d. MMMM yyyy", t: 'HH:mm', T: 'HH:mm:ss', M: 'd. MMMM', Y: 'MMMM yyyy', dateSeparator: '-' },
  'nb-NO': { d: 'dd.MM.yyyy', D: "dddd d. MMMM yyyy", t: 'HH:mm', T: 'HH:mm:ss', M: 'd. MMMM', Y: 'MMMM yyyy', dateSeparator: '.' },
  'fi-FI': { d: 'd.M.yyyy', D: "dddd d. MMMM'ta 'yyyy", t: 'H:mm', T: 'H:mm:ss', M: "d. MMMM'ta'", Y: 'MMMM yyyy', dateSeparator: '.' },
  'is-IS': { d: 'd.M.yyyy', D: 'd. MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd. MMMM', Y: 'MMMM yyyy', dateSeparator: '.' },
  'pl-PL': { d: 'dd.MM.yyyy', D: 'dddd, d MMMM yyyy', t: 'HH:mm', T: 'HH:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy', dateSeparator: '.' },
  'ru-RU': { d: 'dd.MM.yyyy', D: "d MMMM yyyy 'г.'", t: 'H:mm', T: 'H:mm:ss', M: 'd MMMM', Y: 'MMMM yyyy', dateSeparator: '.' },
  'ja-JP': { d: 'yyyy/MM/dd', D: "yyyy'年'M'月'd'日'", t: 'H:mm', T: 'H:mm:ss', M: "M'月'd'日'", Y: "yyyy'年'M'月'" },
  'zh-CN': { d: 'yyyy/M/d', D: "yyyy'年'M'月'd'日'", t: 'H:mm', T: 'H:mm:ss', M: "M'月'd'日'", Y: "yyyy'年'M'月'" },
  'ko-KR': { d: 'yyyy-MM-dd', D: "yyyy'년' M'월' d'일' dddd", t: 'tt h:mm', T: 'tt h:mm:ss', M: "M'월' d'일'", Y: "yyyy'년' M'월'", dateSeparator: '-' },
};

/**
 * The canonical name of a locale ("fr-fr" → "fr-FR"), "" for the invariant culture, or
 * undefined when the tag is malformed or no culture data exists for it.
 */
export function resolveLocale(tag: string): string | undefined {
  const trimmed = tag.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'iv' || trimmed.toLowerCase() === 'invariant') return '';
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(trimmed)[0] ?? '';
  } catch {
    return undefined;
  }
  if (canonical === '' || Intl.DateTimeFormat.supportedLocalesOf([canonical]).length === 0) return undefined;
  return canonical;
}

const cultureCache = new Map<string, DateCulture>();

/** Culture data for a locale already checked by resolveLocale. */
export function dateCulture(locale: string): DateCulture {
  if (locale === '') return INVARIANT_CULTURE;
  let culture = cultureCache.get(locale);
  if (!culture) {
    culture = buildCulture(locale);
    cultureCache.set(locale, culture);
  }
  return culture;
}

export const EN_US = 'en-US';

function utcDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

function partOf(format: Intl.DateTimeFormat, date: Date, type: Intl.DateTimeFormatPartTypes): string {
  return format.formatToParts(date).find((p) => p.type === type)?.value ?? '';
}

function buildCulture(locale: string): DateCulture {
  const fmt = (options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
    new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options });
  const months = Array.from({ length: 12 }, (_, i) => utcDate(2001, i + 1, 15));
  // 2006-01-01 was a Sunday, so day i of that week is .NET's DayOfWeek i.
  const days = Array.from({ length: 7 }, (_, i) => utcDate(2006, 1, 1 + i));
  const longMonth = fmt({ month: 'long' });
  const shortMonth = fmt({ month: 'short' });
  const longMonthWithDay = fmt({ month: 'long', day: 'numeric' });
  const shortMonthWithDay = fmt({ month: 'short', day: 'numeric' });
  const hour12 = fmt({ hour: 'numeric', hour12: true });
  const known = KNOWN_PATTERNS[locale] ?? KNOWN_PATTERNS[Object.keys(KNOWN_PATTERNS).find((k) => k.split('-')[0] === locale) ?? ''];
  const derived = known ?? derivePatterns(locale);
  const english = locale.split('-')[0] === 'en';
  return {
    name: locale,
    monthNames: months.map((d) => longMonth.format(d)),
    monthGenitiveNames: months.map((d) => genitive(longMonth.format(d), partOf(longMonthWithDay, d, 'month'))),
    abbreviatedMonthNames: months.map((d) => shortMonth.format(d)),
    abbreviatedMonthGenitiveNames: months.map((d) => genitive(shortMonth.format(d), partOf(shortMonthWithDay, d, 'month'))),
    dayNames: days.map((d) => fmt({ weekday: 'long' }).format(d)),
    abbreviatedDayNames: days.map((d) => fmt({ weekday: 'short' }).format(d)),
    amDesignator: partOf(hour12, utcDate(2001, 1, 1, 9), 'dayPeriod') || 'AM',
    pmDesignator: partOf(hour12, utcDate(2001, 1, 1, 21), 'dayPeriod') || 'PM',
    dateSeparator: known?.dateSeparator ?? (known ? '/' : deriveDateSeparator(locale)),
    timeSeparator: ':',
    eraName: english ? 'A.D.' : partOf(fmt({ era: 'short', year: 'numeric' }), utcDate(2001, 1, 1), 'era') || 'A.D.',
    patterns: { d: derived.d, D: derived.D, t: derived.t, T: derived.T, M: derived.M, Y: derived.Y },
  };
}

/** Intl splits "1月" into a number and a literal next to a day; such a part is not a genitive name. */
function genitive(nominative: string, withDay: string): string {
  return withDay === '' || /^\d+$/.test(withDay) ? nominative : withDay;
}

function deriveDateSeparator(locale: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(utcDate(2009, 6, 5));
  const literal = parts.find((p) => p.type === 'literal')?.value.trim();
  return literal && literal.length === 1 ? literal : '/';
}

/** Turns Intl's rendering of a sample date into a .NET pattern (2009-06-05 09:07:08 shows zero padding). */
function derivePatterns(locale: string): DatePatterns {
  const sample = utcDate(2009, 6, 5, 9, 7, 8);
  const pattern = (options: Intl.DateTimeFormatOptions): string => {
    const format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options });
    const h12 = format.resolvedOptions().hourCycle === 'h12' || format.resolvedOptions().hourCycle === 'h11';
    return format
      .formatToParts(sample)
      .map((p) => {
        switch (p.type) {
          case 'year':
            return 'yyyy';
          case 'month':
            return /^\d+$/.test(p.value) ? (p.value.length === 2 ? 'MM' : 'M') : 'MMMM';
          case 'day':
            return p.value.length === 2 ? 'dd' : 'd';
          case 'weekday':
            return 'dddd';
          case 'hour':
            return (h12 ? 'h' : 'H').repeat(p.value.length === 2 ? 2 : 1);
          case 'minute':
            return 'mm';
          case 'second':
            return 'ss';
          case 'dayPeriod':
            return 'tt';
          case 'literal':
            return quoteLiteral(p.value.replace(/[\u202f\u00a0]/g, ' '));
          default:
            return '';
        }
      })
      .join('');
  };
  return {
    d: pattern({ year: 'numeric', month: 'numeric', day: 'numeric' }),
    D: pattern({ weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }),
    t: pattern({ hour: 'numeric', minute: '2-digit' }),
    T: pattern({ hour: 'numeric', minute: '2-digit', second: '2-digit' }),
    M: pattern({ month: 'long', day: 'numeric' }),
    Y: pattern({ year: 'numeric', month: 'long' }),
  };
}

function quoteLiteral(text: string): string {
  if (text === '') return '';
  if (/^[\s,./:-]+$/.test(text)) return text.replace(/[/:]/g, (c) => `\\${c}`);
  return `'${text.replace(/'/g, "'\\''")}'`;
}
