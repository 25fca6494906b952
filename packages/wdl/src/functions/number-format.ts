// formatNumber(number, format, locale?): a number as text with a .NET numeric format
// string, standard ("C2", "N0", "P1", "X8", "E3") or custom ("0.00", "#,##0", "0,0.00",
// "(###) ###-####"), in a culture (default en-US; "is-is", "de-DE", "fr-FR", "ja-JP", …).
import { argumentError, argumentTypeError, expectString, optionalString } from './date-time-args.js';
import { resolveLocale } from './dotnet-format-cultures.js';
import { formatCustom } from './number-format-custom.js';
import { numberCulture, type NumberCulture } from './number-format-cultures.js';
import { toDigitBuffer, type DigitBuffer } from './number-format-digits.js';
import { floatDigitsFor, formatStandard, NumberFormatError, parseStandardFormat, type StandardFormat } from './number-format-standard.js';
import type { FunctionContext, WdlFunction } from './registry.js';

function readCulture(ctx: FunctionContext, args: unknown[]): NumberCulture {
  const tag = optionalString(ctx, args, 2, "a locale name such as 'en-US' or 'de-DE'");
  if (tag === undefined) return numberCulture('en-US');
  const locale = resolveLocale(tag);
  if (locale === undefined) throw argumentError(ctx, 2, `is not a valid locale: '${tag}'. Use a culture name such as 'en-US', 'de-DE' or 'ja-JP'.`);
  return numberCulture(locale);
}

function special(buffer: DigitBuffer, culture: NumberCulture): string | undefined {
  if (buffer.special === 'nan') return culture.nanSymbol;
  if (buffer.special === 'infinity') return buffer.negative ? culture.negativeInfinity : culture.positiveInfinity;
  return undefined;
}

/** Formats an expression number the way .NET's number.ToString(format, culture) does. */
export function formatNumberValue(value: unknown, format: string, culture: NumberCulture): string | undefined {
  const effective = format === '' ? 'G' : format; // ToString("") is ToString("G")
  const standard: StandardFormat | undefined = parseStandardFormat(effective);
  const buffer = toDigitBuffer(value, floatDigitsFor(standard));
  if (!buffer) return undefined;
  const symbol = special(buffer, culture);
  if (symbol !== undefined) return symbol;
  return standard ? formatStandard(buffer, standard, culture) : formatCustom(buffer, effective, culture);
}

export const numberFormatFunctions: WdlFunction[] = [
  {
    name: 'formatNumber',
    category: 'string',
    minArgs: 2,
    maxArgs: 3,
    call(args, ctx) {
      const format = expectString(ctx, args, 1, "a .NET numeric format string such as 'N2', 'C2' or '#,##0.00'");
      const culture = readCulture(ctx, args);
      let text: string | undefined;
      try {
        text = formatNumberValue(args[0], format, culture);
      } catch (error) {
        if (error instanceof NumberFormatError) throw argumentError(ctx, 1, `is not a valid format string: ${error.message}`);
        throw error;
      }
      if (text === undefined) throw argumentTypeError(ctx, 0, 'a number (integer, float or decimal)', args[0]);
      return text;
    },
  },
];
