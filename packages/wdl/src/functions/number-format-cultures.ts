// Culture data for .NET number formatting (NumberFormatInfo), taken from Node's ICU via
// Intl as .NET on ICU takes it: separators, group sizes, minus sign, and the currency and
// percent patterns. Patterns are templates: 'n' the number, '$' the currency symbol, '%'
// the percent symbol, '-' the negative sign; spaces are written as plain spaces, as
// .NET's fixed pattern list does.

export interface NumberCulture {
  name: string;
  decimalSeparator: string;
  groupSeparator: string;
  /** Digits per group from the decimal point outwards; the last size repeats ([3], or [3, 2] in India). */
  groupSizes: number[];
  negativeSign: string;
  percentSymbol: string;
  perMilleSymbol: string;
  nanSymbol: string;
  positiveInfinity: string;
  negativeInfinity: string;
  numberDecimalDigits: number;
  currencySymbol: string;
  currencyDecimalDigits: number;
  currencyPositive: string;
  currencyNegative: string;
  percentPositive: string;
  percentNegative: string;
}

export const INVARIANT_NUMBERS: NumberCulture = {
  name: '',
  decimalSeparator: '.',
  groupSeparator: ',',
  groupSizes: [3],
  negativeSign: '-',
  percentSymbol: '%',
  perMilleSymbol: '‰',
  nanSymbol: 'NaN',
  positiveInfinity: 'Infinity',
  negativeInfinity: '-Infinity',
  numberDecimalDigits: 2,
  currencySymbol: '¤',
  currencyDecimalDigits: 2,
  currencyPositive: '$n',
  currencyNegative: '($n)',
  percentPositive: 'n %',
  percentNegative: '-n %',
};

/** The currency of a region, for the cultures whose currency flows format most. */
const REGION_CURRENCY: Record<string, string> = {
  US: 'USD', GB: 'GBP', CA: 'CAD', AU: 'AUD', NZ: 'NZD', IE: 'EUR', IN: 'INR', ZA: 'ZAR', SG: 'SGD', HK: 'HKD',
  DE: 'EUR', AT: 'EUR', FR: 'EUR', BE: 'EUR', NL: 'EUR', LU: 'EUR', ES: 'EUR', PT: 'EUR', IT: 'EUR', FI: 'EUR',
  GR: 'EUR', SK: 'EUR', SI: 'EUR', EE: 'EUR', LV: 'EUR', LT: 'EUR', MT: 'EUR', CY: 'EUR', HR: 'EUR',
  CH: 'CHF', LI: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK', IS: 'ISK', PL: 'PLN', CZ: 'CZK', HU: 'HUF', RO: 'RON',
  BG: 'BGN', RU: 'RUB', UA: 'UAH', TR: 'TRY', IL: 'ILS', AE: 'AED', SA: 'SAR', EG: 'EGP', MA: 'MAD', NG: 'NGN',
  KE: 'KES', JP: 'JPY', CN: 'CNY', TW: 'TWD', KR: 'KRW', TH: 'THB', VN: 'VND', ID: 'IDR', MY: 'MYR', PH: 'PHP',
  BR: 'BRL', MX: 'MXN', AR: 'ARS', CL: 'CLP', CO: 'COP', PE: 'PEN', UY: 'UYU',
};

/**
 * Where Windows' symbol differs from ICU's and the reference documents it:
 * formatNumber(17.35, 'C2', 'is-is') is "17,35 kr".
 */
const SYMBOL_OVERRIDES: Record<string, string> = { 'is-IS': 'kr' };

const cache = new Map<string, NumberCulture>();

/** Number formatting data for a locale already checked by resolveLocale ('' is invariant). */
export function numberCulture(locale: string): NumberCulture {
  if (locale === '') return INVARIANT_NUMBERS;
  let culture = cache.get(locale);
  if (!culture) {
    culture = buildNumberCulture(locale);
    cache.set(locale, culture);
  }
  return culture;
}

function template(parts: Intl.NumberFormatPart[]): { text: string; symbol: string } {
  let text = '';
  let symbol = '';
  for (const part of parts) {
    switch (part.type) {
      case 'integer':
      case 'group':
      case 'decimal':
      case 'fraction':
        if (!text.endsWith('n')) text += 'n';
        break;
      case 'currency':
        text += '$';
        symbol = part.value;
        break;
      case 'percentSign':
        text += '%';
        break;
      case 'minusSign':
        text += '-';
        break;
      case 'literal':
        text += /^\s+$/u.test(part.value) ? ' ' : part.value;
        break;
      default:
        text += part.value;
    }
  }
  return { text, symbol };
}

function buildNumberCulture(locale: string): NumberCulture {
  const plain = new Intl.NumberFormat(locale, { useGrouping: true, maximumFractionDigits: 2 });
  const parts = plain.formatToParts(-1234567890.5);
  const value = (type: Intl.NumberFormatPartTypes, fallback: string): string => parts.find((p) => p.type === type)?.value ?? fallback;
  const integerGroups = parts.filter((p) => p.type === 'integer').map((p) => p.value.length);
  const last = integerGroups[integerGroups.length - 1] ?? 3;
  const previous = integerGroups[integerGroups.length - 2];
  const groupSizes = previous !== undefined && previous !== last && integerGroups.length > 2 ? [last, previous] : [last];
  const percent = new Intl.NumberFormat(locale, { style: 'percent' });
  const region = new Intl.Locale(locale).maximize().region ?? '';
  const currencyCode = REGION_CURRENCY[region];
  let currency = { positive: '$n', negative: '-$n', symbol: '¤', digits: 2 };
  if (currencyCode) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode });
    const positive = template(format.formatToParts(1234.5));
    currency = {
      positive: positive.text,
      negative: template(format.formatToParts(-1234.5)).text,
      symbol: positive.symbol,
      digits: format.resolvedOptions().maximumFractionDigits ?? 2,
    };
  }
  const infinity = new Intl.NumberFormat(locale).format(Infinity);
  return {
    name: locale,
    decimalSeparator: value('decimal', '.'),
    groupSeparator: value('group', ','),
    groupSizes,
    negativeSign: value('minusSign', '-'),
    percentSymbol: percent.formatToParts(0.5).find((p) => p.type === 'percentSign')?.value ?? '%',
    perMilleSymbol: '‰',
    nanSymbol: new Intl.NumberFormat(locale).format(NaN),
    positiveInfinity: infinity,
    negativeInfinity: `${value('minusSign', '-')}${infinity}`,
    numberDecimalDigits: 2,
    currencySymbol: SYMBOL_OVERRIDES[locale] ?? currency.symbol,
    currencyDecimalDigits: currency.digits,
    currencyPositive: currency.positive,
    currencyNegative: currency.negative,
    percentPositive: template(percent.formatToParts(0.5)).text,
    percentNegative: template(percent.formatToParts(-0.5)).text,
  };
}
