// Data URIs (RFC 2397) as dataUri(), dataUriToBinary() and dataUriToString() read and write
// them, including the service's checks: the MIME type must be type/subtype for binary,
// parameters may hold one '=', and dataUriToString only reads UTF-8 text.
import { TextDecoder } from 'node:util';
import { charsetOf, decodeText, encodeBase64, utf8Bytes } from '../expressions/content.js';

export interface ParsedDataUri {
  contentType: string;
  /** The payload as base64 (as written for ';base64' URIs, else encoded from the URL-decoded text). */
  base64: string;
  isBase64: boolean;
}

export type DataUriResult = { ok: true; uri: ParsedDataUri } | { ok: false; reason: string };

export function parseDataUri(text: string, forString: boolean): DataUriResult {
  if (!/^data:/i.test(text)) return { ok: false, reason: "does not start with 'data:'" };
  const comma = text.indexOf(',');
  if (comma < 0) return { ok: false, reason: "has no ',' between the media type and the data" };
  const meta = text.slice(5, comma).split(';');
  const data = text.slice(comma + 1);
  const last = meta[meta.length - 1] ?? '';
  const isBase64 = last.toLowerCase() === 'base64';
  if (isBase64) meta.pop();
  const base64 = isBase64 ? data : encodeBase64(percentDecode(data.replace(/\+/g, ' ')));
  let contentType = 'text/plain';
  if (meta.length > 0 && !(meta.length === 1 && meta[0] === '')) {
    const mime = meta[0] ?? '';
    if (forString) {
      if (mime === '') return { ok: false, reason: 'has an empty media type' };
    } else if (mime.split('/').length !== 2) {
      return { ok: false, reason: `has the media type '${mime}', which is not of the form type/subtype` };
    }
    contentType = meta.join(';');
  }
  if (!forString) {
    for (const parameter of meta.slice(1)) {
      if (parameter.split('=').length > 2) return { ok: false, reason: `has the malformed parameter '${parameter}'` };
    }
    const charset = charsetOf(contentType);
    if (charset !== undefined && !isKnownCharset(charset)) return { ok: false, reason: `names the unknown charset '${charset}'` };
  } else {
    // The service checks only the first parameter for a charset other than UTF-8.
    const first = meta[1];
    if (first !== undefined) {
      const [name, value] = first.split('=');
      if (name?.toLowerCase() === 'charset' && value?.toLowerCase() !== 'utf-8') {
        return { ok: false, reason: `is in charset '${value ?? ''}'; only UTF-8 text can be read as a string` };
      }
    }
  }
  return { ok: true, uri: { contentType, base64, isBase64 } };
}

function isKnownCharset(charset: string): boolean {
  if (charset === 'ascii' || charset === 'us-ascii') return true;
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}

/**
 * Percent-decoding as .NET's Uri.UnescapeDataString: %XX sequences become bytes, invalid
 * sequences stay as written. Returns the UTF-8 bytes of the result.
 */
export function percentDecode(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const byte of utf8Bytes(char)) bytes.push(byte);
    }
  }
  return new Uint8Array(bytes);
}

/** Percent-decode to text; bytes that are not valid UTF-8 keep their %XX form. */
export function percentDecodeText(text: string): string {
  const decoded = decodeText(percentDecode(text));
  if (!decoded.includes('\ufffd') || text.includes('\ufffd')) return decoded;
  // Decode piecewise so invalid sequences survive as written, as UnescapeDataString does.
  return text.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
    const piece = decodeText(percentDecode(run));
    return piece.includes('\ufffd') ? run : piece;
  });
}

/** Uri.EscapeDataString: everything but A–Z a–z 0–9 - _ . ~ is percent-encoded (UTF-8). */
export function escapeDataString(text: string): string {
  // A lone surrogate has no UTF-8 form; encode it as U+FFFD, as .NET's encoder does.
  const wellFormed = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return encodeURIComponent(wellFormed).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
