// Why an outgoing call produced no HTTP answer. classifyError reads `kind`.
export type HttpCallErrorKind =
  | 'blocked' // the network policy refused the address
  | 'invalid_url'
  | 'dns' // the name does not resolve
  | 'refused' // nothing listens there
  | 'reset' // the connection dropped
  | 'tls' // certificate or handshake failure
  | 'client_certificate' // the call's own client certificate (PFX or PEM) does not open
  | 'timeout' // no complete answer within the time limit
  | 'too_large' // the answer is bigger than the size limit
  | 'aborted'; // cancelled by the caller

export class HttpCallError extends Error {
  override readonly name = 'HttpCallError';
  constructor(
    readonly kind: HttpCallErrorKind,
    message: string,
    readonly detail: { host?: string; code?: string } = {},
  ) {
    super(message);
  }
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME_MISMATCH|ERR_OSSL)/;

/** Maps socket and undici errors to the kinds above; messages name the host, never the query string. */
export function toHttpCallError(error: unknown, host: string, timeoutMs: number): HttpCallError {
  if (error instanceof HttpCallError) return error;
  const err = error as { code?: string; name?: string; message?: string; cause?: unknown };
  const cause = (err.cause ?? {}) as { code?: string; message?: string };
  const code = cause.code ?? err.code ?? '';
  if (err.name === 'AbortError' || code === 'ABORT_ERR') return new HttpCallError('aborted', `The call to ${host} was cancelled.`, { host, code });
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT' || err.name === 'TimeoutError') {
    return new HttpCallError('timeout', `${host} did not answer within ${Math.round(timeoutMs / 1000)} s.`, { host, code });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME' || code === 'EAI_FAIL') {
    return new HttpCallError('dns', `The name ${host} could not be resolved (${code}).`, { host, code });
  }
  if (code === 'ECONNREFUSED') return new HttpCallError('refused', `${host} refused the connection: nothing is listening there.`, { host, code });
  if (TLS_CODES.test(code)) return new HttpCallError('tls', `The secure connection to ${host} failed (${code}).`, { host, code });
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new HttpCallError('reset', `The connection to ${host} was lost (${code}).`, { host, code });
  }
  return new HttpCallError('reset', `The call to ${host} failed: ${cause.message ?? err.message ?? 'unknown error'}.`, { host, code });
}
