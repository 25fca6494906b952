// Turning a ConnectionRequest into URL, headers and bytes, under the connection's base URL.
import { OperationInputError, type ConnectionRequest } from './connection-request.js';

export interface EncodedRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

function isBinaryContent(value: unknown): value is { '$content-type'?: string; $content: string } {
  return typeof value === 'object' && value !== null && typeof (value as { $content?: unknown }).$content === 'string';
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

/** Joins base URL and path; an absolute path must stay under the base URL (credentials never go elsewhere). */
export function resolveUrl(baseUrl: string, path: string): URL {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new OperationInputError('InvalidOperationInput', 'baseUrl', `The connection's base URL "${baseUrl}" is not an absolute URL.`);
  }
  if (/^https?:\/\//i.test(path)) {
    const target = new URL(path);
    const basePath = base.pathname.replace(/\/?$/, '/');
    if (target.origin !== base.origin || !target.pathname.replace(/\/?$/, '/').startsWith(basePath)) {
      throw new OperationInputError('InvalidOperationInput', 'path', `The address ${target.origin}${target.pathname} is not under the connection's base URL ${base.href}; a connection only sends its credentials there.`);
    }
    return target;
  }
  const joined = `${base.origin}${base.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  const url = new URL(joined);
  for (const [name, value] of base.searchParams) url.searchParams.append(name, value);
  return url;
}

export async function encodeRequest(baseUrl: string, request: ConnectionRequest): Promise<EncodedRequest> {
  const url = resolveUrl(baseUrl, request.path);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value === null || value === undefined) continue;
    const text = (item: unknown): string => (typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
    if (Array.isArray(value)) for (const item of value as unknown[]) url.searchParams.append(name, text(item));
    else url.searchParams.set(name, text(value));
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  const encoded: EncodedRequest = { method: request.method.toUpperCase(), url, headers };
  if (request.form !== undefined) {
    if (request.contentType === 'application/x-www-form-urlencoded') {
      encoded.body = new URLSearchParams(Object.entries(request.form).map(([name, value]): [string, string] => [name, typeof value === 'string' ? value : JSON.stringify(value)])).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else {
      const form = new FormData();
      for (const [name, value] of Object.entries(request.form)) {
        if (isBinaryContent(value)) form.append(name, new Blob([Buffer.from(value.$content, 'base64')], { type: value['$content-type'] ?? 'application/octet-stream' }), name);
        else form.append(name, typeof value === 'string' ? value : JSON.stringify(value));
      }
      const response = new Response(form);
      encoded.body = new Uint8Array(await response.arrayBuffer());
      headers['content-type'] = response.headers.get('content-type') ?? 'multipart/form-data';
    }
    return encoded;
  }
  if (request.body === undefined) return encoded;
  if (isBinaryContent(request.body)) {
    encoded.body = Buffer.from(request.body.$content, 'base64');
    if (!hasHeader(headers, 'content-type')) headers['content-type'] = request.body['$content-type'] ?? 'application/octet-stream';
  } else if (typeof request.body === 'string' && !(request.contentType ?? '').includes('json')) {
    encoded.body = request.body;
    if (!hasHeader(headers, 'content-type')) headers['content-type'] = request.contentType ?? 'text/plain; charset=utf-8';
  } else {
    encoded.body = JSON.stringify(request.body);
    if (!hasHeader(headers, 'content-type')) headers['content-type'] = request.contentType && request.contentType.includes('json') ? request.contentType : 'application/json';
  }
  return encoded;
}
