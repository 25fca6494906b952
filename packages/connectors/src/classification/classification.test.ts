import type { ErrorCategory } from '@brook/wdl';
import { ERROR_CATEGORIES } from '@brook/wdl';
import { describe, expect, it } from 'vitest';
import { HttpCallError, type HttpCallErrorKind } from '../http/errors.js';
import { SecretEnvelopeError } from '../secrets/envelope.js';
import { catalogueEntry, classifiedError, ERROR_CATALOGUE } from './catalogue.js';
import { ClassifiedFailureError, classifyError } from './classify-error.js';
import { classifyHttpFailure, retryAfterMs, serviceMessage } from './classify-http.js';
import type { ConnectionContext } from './remedy.js';

const orders: ConnectionContext = { id: 'conn-1', name: 'Orders API', authType: 'basic' };
const covered = new Set<string>();

function expectCode(error: { code: string; category: ErrorCategory; retryable?: boolean }, code: string, category: ErrorCategory, retryable: boolean): void {
  expect({ code: error.code, category: error.category, retryable: error.retryable }).toEqual({ code, category, retryable });
  covered.add(code);
}

describe('HTTP answers', () => {
  const cases: [number, string, ErrorCategory, boolean][] = [
    [400, 'BadRequest', 'definition', false],
    [401, 'Unauthorized', 'authentication', false],
    [403, 'Forbidden', 'permission', false],
    [404, 'NotFound', 'not_found', false],
    [405, 'MethodNotAllowed', 'definition', false],
    [408, 'RequestTimeout', 'timeout', true],
    [409, 'Conflict', 'definition', false],
    [410, 'Gone', 'not_found', false],
    [413, 'PayloadTooLarge', 'definition', false],
    [415, 'UnsupportedMediaType', 'definition', false],
    [422, 'UnprocessableEntity', 'definition', false],
    [429, 'TooManyRequests', 'throttled', true],
    [500, 'InternalServerError', 'server', true],
    [501, 'NotImplemented', 'server', false],
    [502, 'BadGateway', 'server', true],
    [503, 'ServiceUnavailable', 'server', true],
    [504, 'GatewayTimeout', 'timeout', true],
    [418, 'HttpClientError', 'definition', false],
    [599, 'HttpServerError', 'server', true],
  ];
  for (const [status, code, category, retryable] of cases) {
    it(`${status} is ${code} (${category})`, () => {
      const { error, connectionStatusChange } = classifyHttpFailure({ status, body: { error: { message: 'details from the service' } } });
      expectCode(error, code, category, retryable);
      expect(error.status).toBe(status);
      expect(error.message).toContain('details from the service');
      expect(error.remedy.steps.length).toBeGreaterThan(0);
      expect(connectionStatusChange).toBeNull();
    });
  }

  it('401 from a call made with a Basic connection says how to fix it in the words of the portal and flags it', () => {
    const { error, connectionStatusChange } = classifyHttpFailure({ status: 401, body: 'Unauthorized', connection: orders });
    expect(error).toMatchObject({ code: 'Unauthorized', category: 'authentication', status: 401, connectionId: 'conn-1' });
    expect(error.remedy).toEqual({
      summary: "The password of connection 'Orders API' no longer works.",
      steps: [
        'Open Settings (the gear icon), then Connections.',
        "Find 'Orders API' — it says it is not authenticated.",
        'Click Verify password and enter the new password.',
        'Go back to the failed run and click Resubmit.',
      ],
    });
    expect(connectionStatusChange).toEqual({ status: 'unauthenticated', reason: 'The service answered 401 Unauthorized. Verify password.' });
  });

  it('names the fix of each auth type', () => {
    const step = (authType: ConnectionContext['authType']): string =>
      classifyHttpFailure({ status: 401, connection: { ...orders, authType } }).error.remedy.steps[2] ?? '';
    expect(step('oauth2AuthorizationCode')).toBe('Click Sign in again and sign in to the service.');
    expect(step('apiKey')).toBe('Click Update credentials and enter the new API key.');
    expect(step('bearer')).toMatch(/Update credentials/);
    expect(step('oauth2ClientCredentials')).toMatch(/client ID and secret/);
    expect(step('smtp')).toMatch(/Verify password/);
  });

  it('403 from a connection is a permission failure that also flags it', () => {
    const { error, connectionStatusChange } = classifyHttpFailure({ status: 403, body: { message: 'no access to list' }, connection: orders });
    expect(error).toMatchObject({ category: 'permission', connectionId: 'conn-1' });
    expect(error.remedy.summary).toContain('403');
    expect(connectionStatusChange).toMatchObject({ status: 'unauthenticated', reason: expect.stringContaining('403 Forbidden: no access to list') });
  });

  it('a message containing "Unauthorized" from a connection is authentication whatever the status', () => {
    const { error, connectionStatusChange } = classifyHttpFailure({ status: 400, body: { error: 'Unauthorized: token expired' }, connection: orders });
    expect(error).toMatchObject({ code: 'Unauthorized', category: 'authentication', status: 400 });
    expect(connectionStatusChange?.status).toBe('unauthenticated');
    expect(classifyHttpFailure({ status: 400, body: { error: 'Unauthorized' } }).error.category).toBe('definition');
  });

  it('never puts a secret into the message', () => {
    const { error } = classifyHttpFailure({ status: 401, body: 'bad key k-98765-secret', connection: orders, secretValues: ['k-98765-secret'] });
    expect(error.message).not.toContain('k-98765-secret');
    expect(error.message).toContain('***');
  });

  it('reads how long to wait', () => {
    expect(classifyHttpFailure({ status: 429, headers: { 'Retry-After': '7' } }).error.retryAfterMs).toBe(7000);
    expect(retryAfterMs({ 'retry-after': new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString() }, Date.UTC(2030, 0, 1))).toBe(30_000);
    expect(retryAfterMs({ 'x-ms-retry-after-ms': '250' })).toBe(250);
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
  });

  it('finds the service message in common error shapes', () => {
    expect(serviceMessage({ error: 'invalid_grant', error_description: 'Grant expired' })).toBe('Grant expired');
    expect(serviceMessage({ error: { code: 'X', message: 'Inner' } })).toBe('Inner');
    expect(serviceMessage({ title: 'Problem', detail: 'More' })).toBe('More');
    expect(serviceMessage('  plain\n text ')).toBe('plain text');
  });
});

describe('failures without an HTTP answer', () => {
  const kinds: [HttpCallErrorKind, string, ErrorCategory, boolean][] = [
    ['timeout', 'RequestTimedOut', 'timeout', true],
    ['dns', 'DnsLookupFailed', 'network', true],
    ['refused', 'ConnectionRefused', 'network', true],
    ['reset', 'ConnectionReset', 'network', true],
    ['tls', 'TlsHandshakeFailed', 'network', false],
    ['client_certificate', 'InvalidClientCertificate', 'definition', false],
    ['blocked', 'BlockedByNetworkPolicy', 'network', false],
    ['too_large', 'ResponseTooLarge', 'definition', false],
    ['invalid_url', 'InvalidUrl', 'definition', false],
    ['aborted', 'Cancelled', 'cancelled', false],
  ];
  for (const [kind, code, category, retryable] of kinds) {
    it(`${kind} is ${code}`, () => {
      const error = classifyError(new HttpCallError(kind, `call to api.test: ${kind}`), { connection: orders });
      expectCode(error, code, category, retryable);
      expect(error.connectionId).toBe('conn-1');
    });
  }

  it('expression errors are InvalidTemplate or their own expression code, with the position', () => {
    const syntax = Object.assign(new Error("Unexpected ')'"), { name: 'ExpressionError', code: 'ExpressionSyntax', position: 12 });
    const error = classifyError(syntax);
    expectCode(error, 'InvalidTemplate', 'expression', false);
    expect(error.message).toBe("Unexpected ')' (at position 12)");
    expectCode(classifyError(Object.assign(new Error('int of text'), { name: 'ExpressionError', code: 'ExpressionEvaluationFailed' })), 'ExpressionEvaluationFailed', 'expression', false);
    expectCode(classifyError(Object.assign(new Error('bad'), { name: 'ExpressionError', code: 'ContentConversionFailed' })), 'ContentConversionFailed', 'expression', false);
  });

  it('mail server refusals', () => {
    const auth = classifyError(Object.assign(new Error('Invalid login: 535 Authentication failed'), { code: 'EAUTH', responseCode: 535 }), {
      connection: { id: 'm', name: 'Mail', authType: 'smtp' },
    });
    expect(auth).toMatchObject({ code: 'Unauthorized', category: 'authentication', status: 535, connectionId: 'm' });
    expect(auth.remedy.steps[2]).toMatch(/Verify password/);
    expectCode(classifyError(Object.assign(new Error('550 no such user'), { code: 'EENVELOPE' })), 'MailRecipientRejected', 'definition', false);
  });

  it('unreadable secrets, cancellation, and errors that carry their code', () => {
    expectCode(classifyError(new SecretEnvelopeError('unknown_key', 'sealed with key kX')), 'ConnectionSecretsUnreadable', 'server', false);
    expectCode(classifyError(Object.assign(new Error('aborted'), { name: 'AbortError' })), 'Cancelled', 'cancelled', false);
    for (const code of ['MissingRequiredProperty', 'InvalidOperationInput', 'InvalidDefinition', 'ActionTimedOut', 'OperationTimedOut', 'WorkflowRunActionRepetitionQuotaExceeded', 'ConnectionNotConfigured', 'InvalidConnection', 'ConnectionNotFound', 'ConnectionRefreshFailed', 'MissingConnectionReference', 'ActionFailed', 'AuthenticationNotSupported']) {
      const item = catalogueEntry(code)!;
      expectCode(classifyError(Object.assign(new Error(`${code} happened`), { code })), code, item.category, item.retryable);
    }
    const auth = classifyError(Object.assign(new Error('stored credentials invalid'), { code: 'ConnectionAuthorizationFailed' }), { connection: orders });
    expectCode(auth, 'ConnectionAuthorizationFailed', 'authentication', false);
    expect(auth.remedy.steps[2]).toBe('Click Verify password and enter the new password.');
  });

  it('an "Unauthorized" message from a connection is authentication; other errors are internal', () => {
    expectCode(classifyError(new Error('Request failed: Unauthorized'), { connection: orders }), 'Unauthorized', 'authentication', false);
    expectCode(classifyError(new Error('something broke')), 'InternalError', 'server', false);
  });

  it('passes a classification through and masks secrets in messages', () => {
    const classified = classifiedError('Conflict', { status: 409 });
    expect(classifyError(new ClassifiedFailureError(classified))).toBe(classified);
    expect(classifyError(classified)).toBe(classified);
    expect(classifyError(new Error('token abcd-1234 refused'), { secretValues: ['abcd-1234'] }).message).toBe('token *** refused');
  });
});

describe('the catalogue', () => {
  it('has a meaning, a summary and steps for every code, in known categories', () => {
    for (const item of ERROR_CATALOGUE) {
      expect(ERROR_CATEGORIES).toContain(item.category);
      expect(item.meaning.length).toBeGreaterThan(10);
      expect(item.remedy.steps.length).toBeGreaterThan(0);
    }
    expect(new Set(ERROR_CATALOGUE.map((item) => item.code)).size).toBe(ERROR_CATALOGUE.length);
  });

  it('has a test above for every code (this runs last)', () => {
    const untested = ERROR_CATALOGUE.map((item) => item.code).filter((code) => !covered.has(code));
    expect(untested).toEqual([]);
  });
});
