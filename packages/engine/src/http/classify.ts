// What a failed HTTP call means, in the shared failure vocabulary: 401 authentication,
// 403 permission, 404 not found, 408/timeouts timeout, 429 throttled, 5xx server,
// connection failures network. Retryable: 408, 429, 5xx, timeouts and network failures.
import type { ClassifiedError } from '@brook/wdl';
import { classified } from '../run/errors.js';

const STATUS_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'RequestTimeout',
  409: 'Conflict',
  412: 'PreconditionFailed',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableEntity',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  501: 'NotImplemented',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function statusCodeName(status: number): string {
  if (STATUS_CODES[status]) return STATUS_CODES[status];
  if (status >= 200 && status < 300) return status === 200 ? 'OK' : status === 201 ? 'Created' : status === 202 ? 'Accepted' : status === 204 ? 'NoContent' : 'OK';
  return `Http${status}`;
}

/** Milliseconds from a Retry-After header (seconds or an HTTP date). */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function snippet(body: unknown): string {
  if (body === null || body === undefined || body === '') return '';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const message = typeof body === 'object' && body !== null ? findMessage(body) : undefined;
  const shown = message ?? text;
  return ` ${shown.length > 300 ? `${shown.slice(0, 300)}…` : shown}`;
}

function findMessage(body: object): string | undefined {
  const record = body as Record<string, unknown>;
  const error = record.error;
  if (typeof error === 'object' && error !== null && typeof (error as Record<string, unknown>).message === 'string') return (error as Record<string, string>).message;
  if (typeof record.message === 'string') return record.message;
  if (typeof error === 'string') return error;
  return undefined;
}

export function classifyHttpStatus(actionName: string, status: number, body: unknown, retryAfterMs: number | undefined, target: string): ClassifiedError {
  const code = statusCodeName(status);
  const detail = `The service at ${target} answered ${status} (${code}) to action '${actionName}'.${snippet(body)}`;
  const base = { status };
  if (status === 401) {
    return classified(code, 'authentication', detail, [`The service did not accept the credentials of action '${actionName}'.`, "Check the action's authentication (or its connection) and update the credentials.", 'Resubmit the run.'], base);
  }
  if (status === 403) {
    return classified(code, 'permission', detail, [`The credentials of action '${actionName}' are not allowed to do this.`, 'Grant the account the permission the operation needs, or use another account.', 'Resubmit the run.'], base);
  }
  if (status === 404) {
    return classified(code, 'not_found', detail, [`What action '${actionName}' asked for does not exist at the service.`, 'Check the URL, ids and names the action uses.', 'Resubmit the run.'], base);
  }
  if (status === 408) {
    return classified(code, 'timeout', detail, [`The service timed out answering action '${actionName}'.`, 'Try again later, or raise the action timeout.'], { ...base, retryable: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (status === 429) {
    return classified(code, 'throttled', detail, [`The service is limiting how often action '${actionName}' may call it.`, 'Wait and resubmit the run, or lower the flow concurrency.'], { ...base, retryable: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (status >= 500) {
    return classified(code, 'server', detail, [`The service failed while answering action '${actionName}'.`, 'Check the service status and resubmit the run.'], { ...base, retryable: true, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  return classified(code, 'server', detail, [`The service rejected the request of action '${actionName}'.`, "Check the action's inputs (URL, headers, body) against what the service expects.", 'Resubmit the run.'], base);
}

export function classifyTransportError(actionName: string, error: unknown, target: string): ClassifiedError {
  const carried = (error as { classified?: ClassifiedError } | null)?.classified;
  if (carried && typeof carried === 'object' && typeof carried.code === 'string') return carried;
  const name = (error as { name?: string } | null)?.name;
  const code = (error as { code?: string; cause?: { code?: string } } | null)?.code ?? (error as { cause?: { code?: string } } | null)?.cause?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return classified('RequestTimeout', 'timeout', `Action '${actionName}' got no answer from ${target} in time.`, [`The service at ${target} did not answer in time.`, 'Check that the service is up, or raise the timeout.', 'Resubmit the run.'], { retryable: true });
  }
  return classified('ServiceUnreachable', 'network', `Action '${actionName}' could not reach ${target}: ${code ? `${code} ` : ''}${message}`, [`Brook could not connect to ${target}.`, 'Check the URL and that the service is reachable from Brook.', 'Resubmit the run.'], { retryable: true });
}
