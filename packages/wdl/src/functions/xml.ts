// xml() and xpath(). XML values travel as the service's content envelope
// { "$content-type": "application/xml;charset=utf-8", "$content": "<base64>" }.
// xml(text) checks and normalises XML as .NET's XmlDocument does; xml(object) converts JSON
// (xml-from-json.ts); xml(envelope) re-labels binary content as XML. xpath(xml, expression)
// accepts that envelope or an XML string and returns node sets as arrays: element matches
// as XML envelopes, as the service returns them (so `json(xpath(x, '/a/b')[0])` and
// `string(...)` work on them), text and attribute matches as their values; and numbers,
// strings or booleans for expressions that compute one ("sum(//count)", "count(//a) > 1").
import { select } from 'xpath';
import {
  contentHooks,
  encodeBase64,
  envelopeText,
  isContentEnvelope,
  makeEnvelope,
  utf8Bytes,
  XML_UTF8,
} from '../expressions/content.js';
import { expressionError } from '../expressions/errors.js';
import { isPlainObject, makeFloat } from '../expressions/values.js';
import { argumentError, argumentTypeError, expectString } from './date-time-args.js';
import type { FunctionContext, WdlFunction } from './registry.js';
import { jsonToXml, XmlConversionError } from './xml-from-json.js';
import { parseXml, XmlSyntaxError, type ParsedXml } from './xml-parse.js';
import { serializeXml } from './xml-serialize.js';
import { xmlToJson } from './xml-to-json.js';

// json(xml(...)) hands XML content here; bad XML fails as an expression error, not a crash.
contentHooks.xmlToJson = (text: string): unknown => {
  try {
    return xmlToJson(text);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw expressionError('ArgumentValue', `The XML given to json() is not well-formed: ${error.message}`);
    throw error;
  }
};

function xmlEnvelope(text: string): unknown {
  return makeEnvelope(XML_UTF8, encodeBase64(utf8Bytes(text)));
}

function parseArgument(ctx: FunctionContext, index: number, text: string): ParsedXml {
  try {
    return parseXml(text);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw argumentError(ctx, index, `is not valid XML: ${error.message}`);
    throw error;
  }
}

function xmlText(ctx: FunctionContext, args: unknown[], index: number): string {
  const value = args[index];
  if (typeof value === 'string') return value;
  if (isContentEnvelope(value)) {
    try {
      return envelopeText(value);
    } catch {
      throw argumentError(ctx, index, `holds content that is not valid base64, so it cannot be read as XML.`);
    }
  }
  throw argumentTypeError(ctx, index, "XML: an xml() value or a string such as '<root/>'", value);
}

interface XPathNode {
  nodeType: number;
  nodeValue: string | null;
}

function isNode(value: unknown): value is XPathNode {
  return typeof value === 'object' && value !== null && typeof (value as { nodeType?: unknown }).nodeType === 'number';
}

/** Elements (and comments, processing instructions) as XML envelopes; text, CDATA and attributes as their values. */
function matchValue(node: XPathNode, parsed: ParsedXml): unknown {
  switch (node.nodeType) {
    case 2: // attribute
    case 3: // text
    case 4: // CDATA
    case 13: // namespace
      return node.nodeValue ?? '';
    default:
      return xmlEnvelope(serializeXml(node as unknown as Parameters<typeof serializeXml>[0], parsed.selfClosing));
  }
}

export const xmlFunctions: WdlFunction[] = [
  {
    name: 'xml',
    category: 'conversion',
    minArgs: 1,
    maxArgs: 1,
    call(args, ctx) {
      const value = args[0];
      if (typeof value === 'string') {
        const parsed = parseArgument(ctx, 0, value);
        return xmlEnvelope(serializeXml(parsed.document, parsed.selfClosing));
      }
      if (isContentEnvelope(value)) return makeEnvelope(XML_UTF8, value.$content);
      if (isPlainObject(value)) {
        try {
          return xmlEnvelope(jsonToXml(value));
        } catch (error) {
          if (error instanceof XmlConversionError) throw argumentError(ctx, 0, `cannot be converted to XML: ${error.message}`);
          throw error;
        }
      }
      throw argumentTypeError(ctx, 0, "an XML string such as '<name>Sophia Owen</name>' or a JSON object with one root property", value);
    },
  },
  {
    name: 'xpath',
    category: 'manipulation',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const text = xmlText(ctx, args, 0);
      const expression = expectString(ctx, args, 1, "an XPath expression such as '/produce/item/name'");
      const parsed = parseArgument(ctx, 0, text);
      let result: unknown;
      try {
        result = select(expression, parsed.document as unknown as Node);
      } catch (error) {
        const reason = (error instanceof Error ? error.message : String(error)).replace(/\.+$/, '');
        throw argumentError(ctx, 1, `is not a valid XPath expression: ${reason}. Namespaced documents need name()/local-name() tests such as /*[local-name()='file'].`);
      }
      if (Array.isArray(result)) return result.filter(isNode).map((node) => matchValue(node, parsed));
      if (typeof result === 'number') return makeFloat(result);
      if (typeof result === 'string' || typeof result === 'boolean') return result;
      if (isNode(result)) return [matchValue(result, parsed)];
      return [];
    },
  },
];
