// Bodies in and out of HTTP calls. Outgoing: objects as JSON, strings as they are,
// { $content-type, $content } envelopes as their bytes. Incoming: JSON is parsed, text
// kept as text, anything else becomes a { $content-type, $content } envelope (base64).
const textDecoder = new TextDecoder();

export interface EncodedBody {
  body?: string | Uint8Array;
  contentType?: string;
}

export function encodeBody(value: unknown): EncodedBody {
  if (value === undefined || value === null) return {};
  if (typeof value === 'string') return { body: value };
  if (typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (typeof record['$content'] === 'string' && ('$content-type' in record || Object.keys(record).length === 1)) {
      const contentType = typeof record['$content-type'] === 'string' ? record['$content-type'] : 'application/octet-stream';
      return { body: new Uint8Array(Buffer.from(record['$content'], 'base64')), contentType };
    }
  }
  return { body: JSON.stringify(value), contentType: 'application/json' };
}

export function decodeBody(contentType: string | undefined, bytes: Uint8Array): unknown {
  if (bytes.length === 0) return null;
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json')) {
    const text = textDecoder.decode(bytes);
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (type === '' || type.startsWith('text/') || type.includes('xml') || type.includes('x-www-form-urlencoded') || type.includes('javascript')) {
    const text = textDecoder.decode(bytes);
    if (type === '') {
      try {
        return JSON.parse(text);
      } catch {
        return text;
      }
    }
    return text;
  }
  return { '$content-type': contentType, $content: Buffer.from(bytes).toString('base64') };
}
