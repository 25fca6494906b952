// The body of an inbound request (a Request trigger) as the service records it: JSON
// parsed, text as text, form posts as { $content-type, $content, $formdata }, multipart
// as { $content-type, $content, $multipart: [{ headers, body }] }, anything else as a
// { $content-type, $content } envelope. An empty body is absent (undefined).
import { decodeBody } from './body.js';

const textDecoder = new TextDecoder();

function envelope(contentType: string, bytes: Uint8Array): { '$content-type': string; $content: string } {
  return { '$content-type': contentType, $content: Buffer.from(bytes).toString('base64') };
}

function decodeFormComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function formData(text: string): Array<{ key: string; value: string }> {
  return text.split('&').map((pair) => {
    const at = pair.indexOf('=');
    return at === -1 ? { key: decodeFormComponent(pair), value: '' } : { key: decodeFormComponent(pair.slice(0, at)), value: decodeFormComponent(pair.slice(at + 1)) };
  });
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(needle), from);
}

function multipart(contentType: string, bytes: Uint8Array): Array<{ headers: Record<string, string>; body: unknown }> | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return undefined;
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const parts: Array<{ headers: Record<string, string>; body: unknown }> = [];
  let position = indexOf(bytes, delimiter, 0);
  while (position !== -1) {
    let start = position + delimiter.length;
    if (bytes[start] === 45 && bytes[start + 1] === 45) break; // closing --
    if (bytes[start] === 13 && bytes[start + 1] === 10) start += 2;
    const next = indexOf(bytes, delimiter, start);
    if (next === -1) break;
    let end = next;
    if (bytes[end - 2] === 13 && bytes[end - 1] === 10) end -= 2;
    const part = bytes.subarray(start, end);
    const split = indexOf(part, new TextEncoder().encode('\r\n\r\n'), 0);
    const headerText = split === -1 ? '' : textDecoder.decode(part.subarray(0, split));
    const body = split === -1 ? part : part.subarray(split + 4);
    const headers: Record<string, string> = {};
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    }
    headers['Content-Length'] = String(body.length);
    const partType = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    parts.push({ headers, body: partType ? decodeBody(partType, body) : envelope('application/octet-stream', body) });
    position = next;
  }
  return parts;
}

export function decodeInboundBody(contentType: string | undefined, bytes: Uint8Array): unknown {
  if (bytes.length === 0) return undefined;
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) return { ...envelope(contentType!, bytes), $formdata: formData(textDecoder.decode(bytes)) };
  if (type.startsWith('multipart/')) {
    const parts = multipart(contentType!, bytes);
    return parts ? { ...envelope(contentType!, bytes), $multipart: parts } : envelope(contentType!, bytes);
  }
  if (type === '') return decodeBody('application/octet-stream', bytes);
  return decodeBody(contentType, bytes);
}
