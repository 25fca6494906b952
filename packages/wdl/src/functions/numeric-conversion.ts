// int(), float(), decimal() and bool(): numbers from strings as .NET parses them (see
// parse-number.ts), and between the number kinds as the service converts them.
import { describeValue } from '../expressions/errors.js';
import { DECIMAL_MAX, DecimalMath, kindOf, makeDecimal, makeFloat, makeInteger, toJsNumber, WdlDecimal } from '../expressions/values.js';
import { argumentError, argumentTypeError, optionalStringArg } from './args.js';
import { asDecimal } from './arithmetic.js';
import { cultureFor, DECIMAL_STYLE, DEFAULT_CULTURE, FLOAT_STYLE, INT_STYLE, INVARIANT, parseNumberText, parsedToDouble, type Culture } from './parse-number.js';
import type { FunctionContext } from './registry.js';

const INT64_MIN = -(2n ** 63n);

function localeArg(args: unknown[], index: number, ctx: FunctionContext): Culture {
  const locale = optionalStringArg(args, index, ctx);
  if (locale === undefined) return DEFAULT_CULTURE;
  const culture = cultureFor(locale);
  if (!culture) throw argumentError(ctx, index, `is not a known locale: '${locale}'. Use a tag such as 'en-US' or 'de-DE', or '' for the invariant culture.`);
  return culture;
}

function notParseable(ctx: FunctionContext, text: string, what: string): Error {
  return argumentError(ctx, 0, `could not be parsed as ${what}: '${text.length > 60 ? `${text.slice(0, 57)}...` : text}'.`);
}

export function toInt(args: unknown[], ctx: FunctionContext): unknown {
  const value = args[0];
  const kind = kindOf(value);
  if (kind === 'integer') return value;
  if (kind === 'float' || kind === 'decimal') {
    const whole = value instanceof WdlDecimal ? value.value : new DecimalMath(toJsNumber(value));
    if (!whole.isFinite() || !whole.isInteger()) throw argumentError(ctx, 0, `is ${describeValue(value)}, which is not a whole number.`);
    const integer = makeInteger(BigInt(whole.toFixed(0)));
    if (integer === undefined) throw argumentError(ctx, 0, `is ${describeValue(value)}, which is outside the 64-bit integer range.`);
    return integer;
  }
  if (typeof value !== 'string') throw argumentTypeError(ctx, 0, 'a string or a number', value);
  const parsed = parseNumberText(value, INT_STYLE, localeArg(args, 1, ctx));
  if (!parsed) throw notParseable(ctx, value, 'an integer');
  const double = parsedToDouble(parsed);
  // The service parses through a double: 'NaN' gives long.MinValue, big values lose digits.
  if (Number.isNaN(double)) return makeInteger(INT64_MIN);
  if (!Number.isFinite(double) || !Number.isInteger(double)) throw notParseable(ctx, value, 'an integer (a whole number)');
  const integer = makeInteger(BigInt(double));
  if (integer === undefined) throw argumentError(ctx, 0, `is outside the 64-bit integer range: '${value}'. Use float() or decimal() for larger numbers.`);
  return integer === 0 ? 0 : integer;
}

export function toFloat(args: unknown[], ctx: FunctionContext): unknown {
  const value = args[0];
  const kind = kindOf(value);
  if (kind === 'float') return value;
  if (kind === 'integer' || kind === 'decimal') return makeFloat(toJsNumber(value));
  if (typeof value !== 'string') throw argumentTypeError(ctx, 0, 'a string or a number', value);
  const parsed = parseNumberText(value, FLOAT_STYLE, localeArg(args, 1, ctx));
  if (!parsed) throw notParseable(ctx, value, 'a float');
  return makeFloat(parsedToDouble(parsed));
}

export function toDecimal(args: unknown[], ctx: FunctionContext): unknown {
  const value = args[0];
  const kind = kindOf(value);
  if (kind === 'decimal') return value;
  if (kind === 'integer' || kind === 'float') return asDecimal(value, ctx);
  if (typeof value !== 'string') throw argumentTypeError(ctx, 0, 'a string or a number', value);
  const parsed = parseNumberText(value, DECIMAL_STYLE, INVARIANT);
  if (!parsed || parsed.kind !== 'finite') throw notParseable(ctx, value, 'a decimal');
  let decimal = new DecimalMath(`${parsed.negative ? '-' : ''}${parsed.digits}e-${parsed.scale}`);
  let scale = parsed.scale;
  if (decimal.abs().greaterThan(DECIMAL_MAX)) throw argumentError(ctx, 0, `'${value}' is outside the decimal range (±79228162514264337593543950335).`);
  // A .NET decimal holds 28-29 significant digits and at most 28 after the point.
  const integerDigits = decimal.abs().greaterThanOrEqualTo(1) ? decimal.abs().toFixed(0).length : 0;
  const maxScale = Math.max(0, Math.min(28, 29 - integerDigits));
  if (scale > maxScale) {
    scale = maxScale;
    decimal = decimal.toDecimalPlaces(scale);
  }
  return makeDecimal(decimal, scale);
}

export function toBool(args: unknown[], ctx: FunctionContext): boolean {
  const value = args[0];
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw argumentError(ctx, 0, `is the string '${value}', which is neither 'true' nor 'false'.`);
  }
  const kind = kindOf(value);
  if (kind === 'integer' || kind === 'float') return toJsNumber(value) !== 0;
  if (value instanceof WdlDecimal) return !value.value.isZero();
  throw argumentTypeError(ctx, 0, 'a boolean, a number or a string', value);
}
