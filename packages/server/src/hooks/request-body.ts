// What a Request trigger sees of an incoming call: its body read by content type (JSON
// parsed, text as text, anything else as { $content-type, $content } in base64, as Logic
// Apps does), headers, query and the relativePath parameters.
import { ApiError } from '../http/errors.js';

export function readTriggerBody(raw: unknown, contentType: string | undefined): unknown {
  const bytes = Buffer.isBuffer(raw) ? raw : raw === undefined || raw === null ? Buffer.alloc(0) : Buffer.from(String(raw));
  if (bytes.length === 0) return null;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new ApiError(400, 'ValidationFailed', `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, [{ path: '/', message: 'invalid JSON' }]);
    }
  }
  if (type.startsWith('text/') || type === 'application/xml' || type === 'application/javascript') return bytes.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(bytes.toString('utf8'));
    return { $content_type: type, '$content-type': type, $content: bytes.toString('base64'), $formdata: [...form].map(([key, value]) => ({ key, value })) };
  }
  return { '$content-type': type || 'application/octet-stream', $content: bytes.toString('base64') };
}

/** Matches "orders/{id}/items/{item}" against "orders/42/items/7"; null when it does not match. */
export function matchRelativePath(template: string | null, path: string): Record<string, string> | null {
  const given = path.split('/').filter((part) => part !== '');
  if (template === null) return given.length === 0 ? {} : null;
  const expected = template.split('/').filter((part) => part !== '');
  if (expected.length !== given.length) return null;
  const parameters: Record<string, string> = {};
  for (let i = 0; i < expected.length; i += 1) {
    const part = expected[i]!;
    const value = decodeURIComponent(given[i]!);
    const name = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (name !== undefined) parameters[name] = value;
    else if (part.toLowerCase() !== value.toLowerCase()) return null;
  }
  return parameters;
}

const HIDDEN_HEADERS = new Set(['cookie', 'authorization', 'x-csrf-token']);

/** Request headers as the flow sees them (credentials of the portal are not passed on). */
export function triggerHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HIDDEN_HEADERS.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
