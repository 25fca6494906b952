// Classifying a thrown error: no HTTP answer (network, timeout, policy), an expression
// error, a cancelled call, a mail server's refusal, unreadable secrets, or an error
// that already carries its classification.
import { ERROR_CATEGORIES, type ClassifiedError } from '@brook/wdl';
import { HttpCallError, type HttpCallErrorKind } from '../http/errors.js';
import { maskText } from '../secrets/masking.js';
import { catalogueEntry, classifiedError } from './catalogue.js';
import type { ConnectionContext } from './remedy.js';

export interface ErrorContext {
  connection?: ConnectionContext;
  secretValues?: readonly string[];
}

/** An error that carries its classification (thrown inside Brook, read by classifyError). */
export class ClassifiedFailureError extends Error {
  override readonly name = 'ClassifiedFailureError';
  constructor(readonly classified: ClassifiedError) {
    super(classified.message);
  }
}

export function isClassifiedError(value: unknown): value is ClassifiedError {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<ClassifiedError>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string' && ERROR_CATEGORIES.includes(candidate.category as never) && typeof candidate.remedy === 'object';
}

const HTTP_CALL_CODES: Record<HttpCallErrorKind, string> = {
  blocked: 'BlockedByNetworkPolicy',
  invalid_url: 'InvalidUrl',
  dns: 'DnsLookupFailed',
  refused: 'ConnectionRefused',
  reset: 'ConnectionReset',
  tls: 'TlsHandshakeFailed',
  client_certificate: 'InvalidClientCertificate',
  timeout: 'RequestTimedOut',
  too_large: 'ResponseTooLarge',
  aborted: 'Cancelled',
};

/** nodemailer's error codes. */
const MAIL_CODES: Record<string, string> = {
  EAUTH: 'Unauthorized',
  ENOAUTH: 'Unauthorized',
  EENVELOPE: 'MailRecipientRejected',
  ECONNECTION: 'ConnectionRefused',
  ESOCKET: 'ConnectionReset',
  ETIMEDOUT: 'RequestTimedOut',
  EDNS: 'DnsLookupFailed',
  ETLS: 'TlsHandshakeFailed',
  ECONNREFUSED: 'ConnectionRefused',
  ECONNRESET: 'ConnectionReset',
  ENOTFOUND: 'DnsLookupFailed',
};

export function classifyError(error: unknown, context: ErrorContext = {}): ClassifiedError {
  const connection = context.connection;
  const mask = (text: string): string => maskText(text, { secretValues: context.secretValues ?? [] });
  const withConnection = connection ? { connection } : {};
  if (error instanceof ClassifiedFailureError) return error.classified;
  if (isClassifiedError(error)) return error;
  if (error instanceof HttpCallError) return classifiedError(HTTP_CALL_CODES[error.kind], { message: mask(error.message), ...withConnection });
  const err = (error ?? {}) as { name?: string; code?: unknown; message?: unknown; responseCode?: unknown; position?: unknown };
  const message = mask(typeof err.message === 'string' && err.message ? err.message : String(error));
  if (err.name === 'AbortError' || err.name === 'TimeoutError') {
    return classifiedError(err.name === 'TimeoutError' ? 'RequestTimedOut' : 'Cancelled', { message, ...withConnection });
  }
  if (err.name === 'ExpressionError') {
    const own = typeof err.code === 'string' ? catalogueEntry(err.code) : undefined;
    const where = typeof err.position === 'number' ? ` (at position ${err.position})` : '';
    return classifiedError(own?.category === 'expression' ? own.code : 'InvalidTemplate', { message: `${message}${where}` });
  }
  if (err.name === 'SecretEnvelopeError') return classifiedError('ConnectionSecretsUnreadable', { message, ...withConnection });
  if (typeof err.code === 'string') {
    const mailCode = MAIL_CODES[err.code];
    if (mailCode) {
      const status = typeof err.responseCode === 'number' ? err.responseCode : undefined;
      return classifiedError(mailCode, { message, ...withConnection, ...(status === undefined ? {} : { status }) });
    }
    const own = catalogueEntry(err.code);
    if (own) return classifiedError(own.code, { message, ...withConnection });
  }
  if (connection && /unauthori[sz]ed/i.test(message)) return classifiedError('Unauthorized', { message, connection });
  return classifiedError('InternalError', { message, ...withConnection });
}
