// Conversion functions: array, base64, base64ToBinary, base64ToString, binary, bool,
// createArray, dataUri, dataUriToBinary, dataUriToString, decimal, decodeBase64,
// decodeDataUri, decodeUriComponent, encodeUriComponent, float, int, json, string,
// uriComponent, uriComponentToBinary, uriComponentToString. (xml() is in xml.ts.)
// Binary results are content envelopes { "$content-type", "$content" }.
import { Buffer } from 'node:buffer';
import {
  contentHooks,
  decodeBase64Strict,
  decodeText,
  envelopeText,
  isContentEnvelope,
  isXmlContentType,
  makeEnvelope,
  OCTET_STREAM,
  utf8Bytes,
} from '../expressions/content.js';
import { describeValue } from '../expressions/errors.js';
import { toInterpolatedString } from '../expressions/stringify.js';
import { DECIMAL_MAX, DecimalMath, kindOf, makeDecimal, makeFloat, makeInteger, toJsNumber, WdlDecimal } from '../expressions/values.js';
import { argumentError, argumentTypeError, optionalStringArg, stringArg } from './args.js';
import { asDecimal } from './arithmetic.js';
import { escapeDataString, parseDataUri, percentDecode, percentDecodeText } from './data-uri.js';
import { JsonSyntaxError, readJson } from './json-reader.js';
import { cultureFor, DECIMAL_STYLE, DEFAULT_CULTURE, FLOAT_STYLE, INT_STYLE, INVARIANT, parseNumberText, parsedToDouble, type Culture } from './parse-number.js';
import type { FunctionContext, WdlFunction } from './registry.js';

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

function toInt(args: unknown[], ctx: FunctionContext): unknown {
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
  if (Number.isNaN(double)) return INT64_MIN;
  if (!Number.isFinite(double) || !Number.isInteger(double)) throw notParseable(ctx, value, 'an integer (a whole number)');
  const integer = makeInteger(BigInt(double));
  if (integer === undefined) throw argumentError(ctx, 0, `'${value}' is outside the 64-bit integer range.`);
  return integer === 0 ? 0 : integer;
}

function toFloat(args: unknown[], ctx: FunctionContext): unknown {
  const value = args[0];
  const kind = kindOf(value);
  if (kind === 'float') return value;
  if (kind === 'integer' || kind === 'decimal') return makeFloat(toJsNumber(value));
  if (typeof value !== 'string') throw argumentTypeError(ctx, 0, 'a string or a number', value);
  const parsed = parseNumberText(value, FLOAT_STYLE, localeArg(args, 1, ctx));
  if (!parsed) throw notParseable(ctx, value, 'a float');
  return makeFloat(parsedToDouble(parsed));
}

function toDecimal(args: unknown[], ctx: FunctionContext): unknown {
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

function toBool(args: unknown[], ctx: FunctionContext): boolean {
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

function toJson(args: unknown[], ctx: FunctionContext): unknown {
  const value = args[0];
  if (value === null || value === undefined) return {};
  let text: string;
  if (typeof value === 'string') {
    text = value;
  } else if (isContentEnvelope(value)) {
    if (isXmlContentType(value['$content-type'])) {
      const xmlToJson = contentHooks.xmlToJson;
      if (!xmlToJson) throw argumentError(ctx, 0, 'is XML, and converting XML to JSON is not available.', 'NotAvailable');
      return xmlToJson(envelopeText(value));
    }
    text = envelopeText(value);
  } else {
    throw argumentTypeError(ctx, 0, 'a string or XML', value);
  }
  try {
    return readJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw argumentError(ctx, 0, `is not valid JSON: ${error.reason} at position ${error.position}.`);
    throw error;
  }
}

/** Text of a value for the encoding functions: strings as is, envelopes decoded, numbers and booleans stringified. */
function textOf(args: unknown[], index: number, ctx: FunctionContext): string {
  const value = args[index];
  if (typeof value === 'string') return value;
  if (isContentEnvelope(value)) return envelopeText(value);
  const kind = kindOf(value);
  if (kind === 'integer' || kind === 'float' || kind === 'decimal' || kind === 'boolean') return toInterpolatedString(value);
  throw argumentTypeError(ctx, index, 'a string', value);
}

function base64Text(args: unknown[], ctx: FunctionContext): string {
  const text = stringArg(args, 0, ctx);
  const bytes = decodeBase64Strict(text);
  if (!bytes) throw argumentError(ctx, 0, `is not valid base64: '${text.length > 40 ? `${text.slice(0, 37)}...` : text}'.`);
  return decodeText(bytes);
}

function dataUriOf(args: unknown[], ctx: FunctionContext, forString: boolean) {
  const text = stringArg(args, 0, ctx);
  const parsed = parseDataUri(text, forString);
  if (!parsed.ok) throw argumentError(ctx, 0, `is not a usable data URI: it ${parsed.reason}.`);
  return parsed.uri;
}

function one(name: string, call: (args: unknown[], ctx: FunctionContext) => unknown, maxArgs = 1): WdlFunction {
  return { name, category: 'conversion', minArgs: 1, maxArgs, call };
}

const dataUriToBinary = (args: unknown[], ctx: FunctionContext): unknown => {
  const uri = dataUriOf(args, ctx, false);
  return makeEnvelope(uri.contentType, uri.base64);
};

const base64ToString = (args: unknown[], ctx: FunctionContext): string => {
  if (isContentEnvelope(args[0])) return envelopeText(args[0]);
  return base64Text(args, ctx);
};

const uriComponentToString = (args: unknown[], ctx: FunctionContext): string => percentDecodeText(stringArg(args, 0, ctx));
const uriComponent = (args: unknown[], ctx: FunctionContext): string => escapeDataString(textOf(args, 0, ctx));

export const conversionFunctions: WdlFunction[] = [
  one('array', (args) => [args[0] === undefined ? null : args[0]]),
  { name: 'createArray', category: 'conversion', minArgs: 1, maxArgs: Infinity, call: (args) => [...args] },
  one('bool', toBool),
  one('int', toInt, 2),
  one('float', toFloat, 2),
  one('decimal', toDecimal),
  one('string', (args) => toInterpolatedString(args[0])),
  one('json', toJson),
  one('base64', (args, ctx) => {
    const value = args[0];
    if (isContentEnvelope(value)) return value.$content;
    return Buffer.from(utf8Bytes(textOf(args, 0, ctx))).toString('base64');
  }),
  one('base64ToString', base64ToString),
  one('decodeBase64', base64ToString),
  one('base64ToBinary', (args, ctx) => {
    base64Text(args, ctx);
    return makeEnvelope(OCTET_STREAM, args[0] as string);
  }),
  one('binary', (args, ctx) => {
    const value = args[0];
    if (value === null || value === undefined) throw argumentTypeError(ctx, 0, 'a value to convert (not null)', value);
    if (isContentEnvelope(value)) return makeEnvelope(OCTET_STREAM, value.$content);
    return makeEnvelope(OCTET_STREAM, utf8Bytes(toInterpolatedString(value)));
  }),
  one('dataUri', (args, ctx) => {
    const value = args[0];
    if (value === null || value === undefined) throw argumentTypeError(ctx, 0, 'a value to convert (not null)', value);
    if (typeof value === 'string') return `data:text/plain;charset=utf-8;base64,${Buffer.from(utf8Bytes(value)).toString('base64')}`;
    if (isContentEnvelope(value)) return `data:${value['$content-type']};base64,${value.$content}`;
    return `data:application/json;charset=utf-8;base64,${Buffer.from(utf8Bytes(toInterpolatedString(value))).toString('base64')}`;
  }),
  one('dataUriToBinary', dataUriToBinary),
  one('decodeDataUri', dataUriToBinary),
  one('dataUriToString', (args, ctx) => {
    const uri = dataUriOf(args, ctx, true);
    const bytes = decodeBase64Strict(uri.base64);
    if (!bytes) throw argumentError(ctx, 0, 'has data that is not valid base64.');
    return decodeText(bytes);
  }),
  one('uriComponent', uriComponent),
  one('encodeUriComponent', uriComponent),
  one('uriComponentToString', uriComponentToString),
  one('decodeUriComponent', uriComponentToString),
  one('uriComponentToBinary', (args, ctx) => makeEnvelope(OCTET_STREAM, percentDecode(stringArg(args, 0, ctx)))),
];
