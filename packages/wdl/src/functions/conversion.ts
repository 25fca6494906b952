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
import { toInterpolatedString } from '../expressions/stringify.js';
import { isPlainObject, kindOf } from '../expressions/values.js';
import { argumentError, argumentTypeError, stringArg } from './args.js';
import { escapeDataString, parseDataUri, percentDecode, percentDecodeText } from './data-uri.js';
import { JsonSyntaxError, readJson } from './json-reader.js';
import { toBool, toDecimal, toFloat, toInt } from './numeric-conversion.js';
import type { FunctionContext, WdlFunction } from './registry.js';

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
// The service's encodeUriComponent takes any number of arguments and encodes them joined:
// Microsoft's own templates build paths with encodeURIComponent('workflows/', name, '/runs').
const uriComponentOfAll = (args: unknown[], ctx: FunctionContext): string =>
  args.length === 1 ? uriComponent(args, ctx) : args.map((_, index) => escapeDataString(textOf(args, index, ctx))).join('');

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
    // An object or array is encoded as its JSON text: the designer writes
    // base64(triggerBody()) for a JSON body (Service Bus content, Microsoft's templates).
    const text = Array.isArray(value) || isPlainObject(value) ? toInterpolatedString(value) : textOf(args, 0, ctx);
    return Buffer.from(utf8Bytes(text)).toString('base64');
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
  one('encodeUriComponent', uriComponentOfAll, Infinity),
  one('uriComponentToString', uriComponentToString),
  one('decodeUriComponent', uriComponentToString),
  one('uriComponentToBinary', (args, ctx) => makeEnvelope(OCTET_STREAM, percentDecode(stringArg(args, 0, ctx)))),
];
