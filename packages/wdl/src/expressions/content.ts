// Binary and XML values travel as content envelopes, as in Logic Apps:
//   { "$content-type": "application/octet-stream", "$content": "<base64>" }
// binary(), base64ToBinary(), dataUriToBinary(), xml() make them; string contexts
// (@{…}, concat, join) decode them to text with their charset.
import { Buffer } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { expressionError } from './errors.js';
import { hasOwn } from './values.js';

export interface ContentEnvelope {
  '$content-type': string;
  '$content': string;
  [member: string]: unknown;
}

export const OCTET_STREAM = 'application/octet-stream';
export const XML_UTF8 = 'application/xml;charset=utf-8';

export function isContentEnvelope(value: unknown): value is ContentEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return hasOwn(record, '$content') && typeof record.$content === 'string' && typeof record['$content-type'] === 'string';
}

export function makeEnvelope(contentType: string, content: Uint8Array | string): ContentEnvelope {
  return { '$content-type': contentType, '$content': typeof content === 'string' ? content : Buffer.from(content).toString('base64') };
}

/** The charset parameter of a content type, lower-cased ("utf-8"), or undefined. */
export function charsetOf(contentType: string): string | undefined {
  for (const part of contentType.split(';').slice(1)) {
    const [name, value] = part.split('=');
    if (name?.trim().toLowerCase() === 'charset' && value !== undefined) return value.trim().replace(/^"|"$/g, '').toLowerCase();
  }
  return undefined;
}

export function isXmlContentType(contentType: string): boolean {
  const mime = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mime === 'application/xml' || mime === 'text/xml' || mime.endsWith('+xml');
}

/**
 * Strict base64 as .NET's Convert.FromBase64String reads it: whitespace ignored, only the
 * base64 alphabet, length a multiple of 4, padding only at the end. Returns undefined when
 * the text is not base64.
 */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  const compact = text.replace(/[ \t\r\n]/g, '');
  if (compact.length % 4 !== 0) return undefined;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function utf8Bytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** Bytes → text in the given charset (UTF-8 when absent or unknown); invalid bytes become U+FFFD. */
export function decodeText(bytes: Uint8Array, charset?: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

export function envelopeBytes(envelope: ContentEnvelope): Uint8Array {
  const bytes = decodeBase64Strict(envelope.$content);
  if (!bytes) throw expressionError('ArgumentValue', `The content of the '${envelope['$content-type']}' value is not valid base64.`);
  return bytes;
}

/** The text an envelope holds, decoded with its charset. */
export function envelopeText(envelope: ContentEnvelope): string {
  return decodeText(envelopeBytes(envelope), charsetOf(envelope['$content-type']));
}

/**
 * Hooks the XML category fills in when it loads (xml.ts), so conversion functions here can
 * hand XML content to it without a dependency cycle: json(xml(...)) calls xmlToJson.
 */
export const contentHooks: { xmlToJson?: (xmlText: string) => unknown } = {};
