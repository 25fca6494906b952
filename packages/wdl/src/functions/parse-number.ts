// Parsing numbers from strings the way .NET's Double/Decimal/Int64.TryParse do with the
// NumberStyles the service uses, so int(), float(), decimal(), isInt() and isFloat()
// accept what the service accepts: "  +1,000 ", "200-" (float only), "1.0" (int), "10.000,5"
// with a German locale, and refuse "(200)" or "3e-1" for decimals.

export interface NumberStyle {
  trailingSign: boolean;
  decimalPoint: boolean;
  thousands: boolean;
  exponent: boolean;
  /** NaN / Infinity symbols of the culture. */
  symbols: boolean;
}

/** Double.TryParse(s, NumberStyles.Float | NumberStyles.Number): float() and isFloat(). */
export const FLOAT_STYLE: NumberStyle = { trailingSign: true, decimalPoint: true, thousands: true, exponent: true, symbols: true };
/** Double.TryParse(s, NumberStyles.Float | NumberStyles.AllowThousands): int(), which parses through a double. */
export const INT_STYLE: NumberStyle = { trailingSign: false, decimalPoint: true, thousands: true, exponent: true, symbols: true };
/** Int64.TryParse(s, Integer | AllowExponent | AllowThousands): isInt(). */
export const IS_INT_STYLE: NumberStyle = { trailingSign: false, decimalPoint: false, thousands: true, exponent: true, symbols: false };
/** Decimal.TryParse(s, NumberStyles.Number): decimal(). */
export const DECIMAL_STYLE: NumberStyle = { trailingSign: true, decimalPoint: true, thousands: true, exponent: false, symbols: false };

export interface Culture {
  group: string;
  decimal: string;
  nan: string;
  positiveInfinity: string;
  negativeInfinity: string;
}

/** .NET's invariant culture (locale ''). */
export const INVARIANT: Culture = { group: ',', decimal: '.', nan: 'NaN', positiveInfinity: 'Infinity', negativeInfinity: '-Infinity' };

const cultures = new Map<string, Culture>();

/**
 * Number symbols of a locale (RFC 4646 tag such as 'de-DE'); '' is the invariant culture.
 * Returns undefined for a tag that is not a locale.
 */
export function cultureFor(locale: string): Culture | undefined {
  if (locale === '') return INVARIANT;
  const key = locale.toLowerCase();
  const cached = cultures.get(key);
  if (cached) return cached;
  let parts: Intl.NumberFormatPart[];
  try {
    if (Intl.NumberFormat.supportedLocalesOf([locale]).length === 0) return undefined;
    parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(-12345.5);
  } catch {
    return undefined;
  }
  const culture: Culture = {
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    nan: 'NaN',
    positiveInfinity: '∞',
    negativeInfinity: '-∞',
  };
  cultures.set(key, culture);
  return culture;
}

/** The culture the service uses when no locale is given. */
export const DEFAULT_CULTURE: Culture = { group: ',', decimal: '.', nan: 'NaN', positiveInfinity: '∞', negativeInfinity: '-∞' };

export type ParsedNumber =
  | { kind: 'finite'; negative: boolean; digits: string; /** digits after the point */ scale: number; exponent: number }
  | { kind: 'nan' }
  | { kind: 'infinity'; negative: boolean };

function isParseWhite(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** Parse per style and culture; undefined when the text is not a number. */
export function parseNumberText(text: string, style: NumberStyle, culture: Culture): ParsedNumber | undefined {
  let start = 0;
  let end = text.length;
  while (start < end && isParseWhite(text.charCodeAt(start))) start++;
  while (end > start && (isParseWhite(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === 0)) end--;
  const body = text.slice(start, end);
  if (body.length === 0) return undefined;
  if (style.symbols) {
    const lower = body.toLowerCase();
    if (lower === culture.nan.toLowerCase()) return { kind: 'nan' };
    if (lower === culture.positiveInfinity.toLowerCase()) return { kind: 'infinity', negative: false };
    if (lower === culture.negativeInfinity.toLowerCase()) return { kind: 'infinity', negative: true };
  }
  let pos = 0;
  let negative = false;
  let signed = false;
  const first = body[0];
  if (first === '-' || first === '+') {
    negative = first === '-';
    signed = true;
    pos++;
  }
  let digits = '';
  let scale = 0;
  let sawDigit = false;
  let sawPoint = false;
  while (pos < body.length) {
    const char = body[pos] as string;
    const code = body.charCodeAt(pos);
    if (code >= 0x30 && code <= 0x39) {
      sawDigit = true;
      digits += char;
      if (sawPoint) scale++;
      pos++;
    } else if (style.decimalPoint && !sawPoint && body.startsWith(culture.decimal, pos)) {
      sawPoint = true;
      pos += culture.decimal.length;
    } else if (style.thousands && !sawPoint && sawDigit && body.startsWith(culture.group, pos)) {
      pos += culture.group.length;
    } else {
      break;
    }
  }
  if (!sawDigit) return undefined;
  let exponent = 0;
  if (style.exponent && (body[pos] === 'e' || body[pos] === 'E')) {
    let look = pos + 1;
    let exponentNegative = false;
    if (body[look] === '+' || body[look] === '-') {
      exponentNegative = body[look] === '-';
      look++;
    }
    let exponentDigits = '';
    while (look < body.length && body.charCodeAt(look) >= 0x30 && body.charCodeAt(look) <= 0x39) exponentDigits += body[look++];
    if (exponentDigits.length > 0) {
      exponent = Math.min(Number(exponentDigits), 100_000) * (exponentNegative ? -1 : 1);
      pos = look;
    }
  }
  if (style.trailingSign && !signed && (body[pos] === '-' || body[pos] === '+')) {
    negative = body[pos] === '-';
    pos++;
  }
  if (pos !== body.length) return undefined;
  return { kind: 'finite', negative, digits, scale, exponent };
}

/** The parsed number as a double. */
export function parsedToDouble(parsed: ParsedNumber): number {
  switch (parsed.kind) {
    case 'nan':
      return NaN;
    case 'infinity':
      return parsed.negative ? -Infinity : Infinity;
    case 'finite': {
      const value = Number(`${parsed.digits}e${parsed.exponent - parsed.scale}`);
      return parsed.negative ? -value : value;
    }
  }
}
