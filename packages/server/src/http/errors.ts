// Every error Brook answers has one shape (docs/api.md, "Errors"):
// { error: { code, message, details? } }, with details naming each field by JSON path.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

export type ErrorCode =
  | 'Unauthenticated'
  | 'InvalidCredentials'
  | 'CsrfTokenMissing'
  | 'Forbidden'
  | 'NotFound'
  | 'ValidationFailed'
  | 'InvalidDefinition'
  | 'Conflict'
  | 'ResubmitFromActionNotAllowed'
  | 'SetupDone'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'RateLimited'
  | 'InvalidSignature'
  | 'MethodNotAllowed'
  | 'NoResponse'
  | 'ResponseTimeout'
  | 'Internal';

export interface ErrorDetail {
  path: string;
  message: string;
  code?: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: ErrorDetail[] };
}

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, 'NotFound', `${what} was not found.`);
export const forbidden = (message: string): ApiError => new ApiError(403, 'Forbidden', message);
export const conflict = (message: string, code: ErrorCode = 'Conflict'): ApiError => new ApiError(409, code, message);
export const unauthenticated = (message = 'Sign in first, or send an API token as "Authorization: Bearer brk_…".'): ApiError =>
  new ApiError(401, 'Unauthenticated', message);

/** JSON pointer of a zod issue path: ['definition', 'actions', 'Send'] → '/definition/actions/Send'. */
export function jsonPointer(path: readonly PropertyKey[], prefix = ''): string {
  return prefix + '/' + path.map((part) => String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

export type InputPlace = 'body' | 'query' | 'params';

/** A zod failure as a 400 naming each field: body fields by JSON pointer, query and path parameters by name. */
export function validationError(error: z.ZodError, place: InputPlace): ApiError {
  const details = error.issues.map((issue) => {
    const path = place === 'body' ? jsonPointer(issue.path) : issue.path.map(String).join('.') || place;
    // "Invalid input: expected string, received undefined" says less than "required".
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    return { path, message: missing ? `is required (${issue.expected})` : issue.message, code: issue.code };
  });
  const first = details[0];
  const where = place === 'body' ? 'The request body' : place === 'query' ? 'The query string' : 'The URL';
  const message = first ? `${where} is not valid: ${place === 'body' ? first.path : `${place === 'query' ? 'parameter ' : ''}${first.path}`}: ${first.message}` : `${where} is not valid.`;
  return new ApiError(400, 'ValidationFailed', message, details);
}

function fromFastifyError(error: FastifyError): ApiError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'PayloadTooLarge', 'The request body is larger than this server accepts (BROOK_BODY_LIMIT_BYTES).');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'UnsupportedMediaType', 'Send the body as JSON with "content-type: application/json".');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'ValidationFailed', 'The body is empty; send a JSON object (or no content-type header).', [{ path: '/', message: 'empty JSON body' }]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'ValidationFailed', `The body is not valid JSON: ${error.message}`, [{ path: '/', message: error.message }]);
    default:
      break;
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return new ApiError(400, 'ValidationFailed', `The request is not valid: ${error.message}`, [{ path: '/', message: error.message }]);
  }
  if (error.statusCode === 429) return new ApiError(429, 'RateLimited', 'Too many requests; try again later.');
  if (error.statusCode === 413) return new ApiError(413, 'PayloadTooLarge', error.message);
  if (error.statusCode === 415) return new ApiError(415, 'UnsupportedMediaType', error.message);
  return undefined;
}

/** Fastify error handler: known errors keep their meaning, anything else is a logged 500 with no internals. */
export function handleError(error: FastifyError | ApiError | Error, request: FastifyRequest, reply: FastifyReply): void {
  let api: ApiError | undefined;
  if (error instanceof ApiError) api = error;
  else if (error instanceof z.ZodError) api = validationError(error, 'body');
  else api = fromFastifyError(error as FastifyError);
  if (!api) {
    request.log.error({ err: error }, 'request failed');
    api = new ApiError(500, 'Internal', 'Something went wrong on the server; the details are in its log.');
  }
  if (api.headers) void reply.headers(api.headers);
  void reply.status(api.statusCode).type('application/json; charset=utf-8').send(api.toBody());
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .status(404)
    .send(new ApiError(404, 'NotFound', `There is no ${request.method} ${request.url.split('?')[0] ?? ''} in this API; see /api/v1/openapi.json.`).toBody());
}
