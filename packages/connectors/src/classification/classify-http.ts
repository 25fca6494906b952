// Classifying an HTTP answer that failed (status >= 400). A call made with a connection
// that answers 401, 403, or a message containing "Unauthorized" is a credential
// failure: the decision to flag the connection is returned explicitly.
import type { ClassifiedError } from '@brook/wdl';
import { maskText } from '../secrets/masking.js';
import { catalogueEntryForStatus, classifiedError } from './catalogue.js';
import { unauthenticatedReason, type ConnectionContext } from './remedy.js';

export interface HttpFailure {
  status: number;
  headers?: Record<string, string | string[] | undefined>;
  /** The decoded body (object, text or null). */
  body?: unknown;
  /** The connection the call was made with, if any. */
  connection?: ConnectionContext;
  /** Secret values of the connection, kept out of messages. */
  secretValues?: readonly string[];
  /** For Retry-After dates (default Date.now()). */
  now?: number;
}

export interface ConnectionStatusChange {
  status: 'unauthenticated' | 'error';
  reason: string;
}

export interface ClassifiedFailure {
  error: ClassifiedError;
  /** Non-null when the connection must be flagged (authentication or permission failures). */
  connectionStatusChange: ConnectionStatusChange | null;
}

const MESSAGE_KEYS = ['message', 'error_description', 'errorMessage', 'detail', 'title', 'error', 'Message', 'reason', 'description'];

/** The service's own words about the failure, from common error body shapes. */
export function serviceMessage(body: unknown): string {
  if (body === null || body === undefined) return '';
  if (typeof body === 'string') return body.trim().replace(/\s+/g, ' ');
  if (typeof body !== 'object') return String(body);
  const record = body as Record<string, unknown>;
  for (const key of MESSAGE_KEYS) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (value && typeof value === 'object') {
      const nested = serviceMessage(value);
      if (nested) return nested;
    }
  }
  if (typeof record.code === 'string') return record.code;
  return '';
}

function header(headers: HttpFailure['headers'], name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Milliseconds the service asked to wait: Retry-After (seconds or a date), retry-after-ms, x-ms-retry-after-ms. */
export function retryAfterMs(headers: HttpFailure['headers'], now = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms') ?? header(headers, 'x-ms-retry-after-ms');
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function shorten(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function classifyHttpFailure(failure: HttpFailure): ClassifiedFailure {
  const { status, connection } = failure;
  const said = shorten(maskText(serviceMessage(failure.body), { secretValues: failure.secretValues ?? [] }));
  const wwwAuthenticate = header(failure.headers, 'www-authenticate') ?? '';
  const entry = catalogueEntryForStatus(status);
  let code = entry.code;
  if (connection && status !== 401 && status !== 403 && (/unauthori[sz]ed/i.test(said) || /invalid_token/i.test(wwwAuthenticate))) code = 'Unauthorized';
  const wait = retryAfterMs(failure.headers, failure.now);
  const statusText = `${status} ${entry.status === status ? entry.title : ''}`.trim();
  const prefix = connection ? `Connection '${connection.name}': the service answered ${statusText}` : `The service answered ${statusText}`;
  const error = classifiedError(code, {
    // A body that only repeats the status text ("Unauthorized") adds nothing.
    message: said && said.toLowerCase() !== statusText.slice(String(status).length).trim().toLowerCase() ? `${prefix}: ${said}` : `${prefix}.`,
    status,
    ...(connection ? { connection } : {}),
    ...(wait === undefined ? {} : { retryAfterMs: wait }),
  });
  return { error, connectionStatusChange: connection ? connectionStatusChangeFor(error, connection, said) : null };
}

/**
 * Whether a classified failure flags the connection: authentication and permission
 * failures of a call made with it make it `unauthenticated`, with the reason to show.
 */
export function connectionStatusChangeFor(error: ClassifiedError, connection: ConnectionContext, detail = ''): ConnectionStatusChange | null {
  if (error.category !== 'authentication' && error.category !== 'permission') return null;
  return { status: 'unauthenticated', reason: unauthenticatedReason(connection, error.status, detail) };
}
