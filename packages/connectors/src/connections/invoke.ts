// One authenticated call: inject the credentials at the last moment, refresh an OAuth2
// token that is about to expire, retry once after a 401 with a refreshed token, classify
// a failure, and flag the connection when its credentials were rejected.
import type { ClassifiedError } from '@brook/wdl';
import { MissingCredentialError } from '../auth/types.js';
import { classifiedError } from '../classification/catalogue.js';
import { classifyError } from '../classification/classify-error.js';
import { classifyHttpFailure, connectionStatusChangeFor, type ConnectionStatusChange } from '../classification/classify-http.js';
import type { HttpResponse } from '../http/http-client.js';
import { decodeResponseBody } from '../http/response-body.js';
import { maskSecrets, sensitiveValues } from '../secrets/masking.js';
import type { ConnectionRequest } from '../operations/connection-request.js';
import { encodeRequest, type EncodedRequest } from '../operations/encode-request.js';
import type { ActionOutputs, InvokeOptions, InvokeResult, Recorded, RecordedRequest } from './call-result.js';
import { authContext, baseUrlOf, loadConnection, maskFor, secretValuesOf, type LoadedConnection } from './loaded-connection.js';
import type { ConnectionRuntime } from './runtime.js';
import type { TokenRefresher } from './token-refresher.js';

type Sent = { kind: 'answer'; response: HttpResponse; recorded: RecordedRequest; accessToken: string | undefined } | { kind: 'error'; error: unknown; recorded: RecordedRequest | null };

function recordBody(body: string | Uint8Array | undefined, contentType: string | undefined): unknown {
  if (body === undefined) return undefined;
  if (typeof body === 'string') return decodeResponseBody({ 'content-type': contentType ?? 'text/plain' }, Buffer.from(body));
  return decodeResponseBody({ 'content-type': contentType ?? 'application/octet-stream' }, Buffer.from(body));
}

/** Sends `encoded` with the connection's credentials added to a copy of it. */
export async function sendWithCredentials(runtime: ConnectionRuntime, connection: LoadedConnection, encoded: EncodedRequest, options: InvokeOptions): Promise<Sent> {
  const target = { url: new URL(encoded.url), headers: { ...encoded.headers } };
  const mask = maskFor(connection);
  let recorded: RecordedRequest | null = null;
  try {
    connection.scheme.apply(target, authContext(connection));
    recorded = mask({ method: encoded.method, uri: target.url.href, headers: target.headers, ...(encoded.body === undefined ? {} : { body: recordBody(encoded.body, target.headers['content-type']) }) });
    const response = await runtime.http.request({
      method: encoded.method,
      url: target.url,
      headers: target.headers,
      ...(encoded.body === undefined ? {} : { body: encoded.body }),
      ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { kind: 'answer', response, recorded, accessToken: connection.bundle.tokens?.accessToken };
  } catch (error) {
    return { kind: 'error', error, recorded };
  }
}

function outputsOf(response: HttpResponse): ActionOutputs {
  return { statusCode: response.status, headers: response.headers, body: decodeResponseBody(response.headers, response.body) };
}

/** A failure before or without an answer; credential problems flag the connection. */
export async function failedWith(runtime: ConnectionRuntime, connection: LoadedConnection | null, error: ClassifiedError, recorded: Recorded, statusChange: ConnectionStatusChange | null = null): Promise<InvokeResult> {
  let change = statusChange;
  if (!change && connection) {
    change = connectionStatusChangeFor(error, connection.context, '');
    if (change) await runtime.store.recordStatus(connection.record.id, { status: change.status, statusReason: change.reason, lastCheckedAt: runtime.clock() });
  }
  const result: InvokeResult = { outcome: 'failed', connectionId: connection?.record.id ?? '', error, outputs: null, recorded, connectionStatusChange: change };
  return connection ? madeWith(result, connection) : result;
}

function missingCredential(connection: LoadedConnection, error: MissingCredentialError): ClassifiedError {
  return classifiedError('ConnectionAuthorizationFailed', { message: `Connection '${connection.record.name}': ${error.message}`, connection: connection.context });
}

/** Makes sure an OAuth2 connection holds a token that is not about to expire. */
async function withUsableToken(refresher: TokenRefresher, connection: LoadedConnection): Promise<{ connection: LoadedConnection } | { error: ClassifiedError; statusChange: ConnectionStatusChange | null }> {
  const tokens = connection.bundle.tokens;
  if (!connection.scheme.tokenGrant || !refresher.needsRefresh(tokens)) return { connection };
  // An authorization-code connection that cannot refresh still tries its token: the service decides.
  if (connection.scheme.tokenGrant === 'authorization_code' && tokens && !tokens.refreshToken) return { connection };
  const result = await refresher.refresh(connection, tokens?.accessToken);
  return result.outcome === 'tokens' ? { connection: result.connection } : { error: result.error, statusChange: result.statusChange };
}

function canRefreshAfter401(connection: LoadedConnection): boolean {
  if (connection.scheme.tokenGrant === 'client_credentials') return true;
  // A refresh token the provider refused goes through the refresher too: it fails at once, with the reason, without a call.
  return connection.scheme.tokenGrant === 'authorization_code' && !!connection.bundle.tokens?.refreshToken;
}

export async function invokeRequest(runtime: ConnectionRuntime, refresher: TokenRefresher, connectionId: string, request: ConnectionRequest, options: InvokeOptions = {}): Promise<InvokeResult> {
  let connection: LoadedConnection;
  try {
    connection = await loadConnection(runtime, connectionId);
  } catch (error) {
    return { ...(await failedWith(runtime, null, classifyError(error), { inputs: null, outputs: null })), connectionId };
  }
  return invokeWithConnection(runtime, refresher, connection, request, options);
}

/**
 * Gives a result the RecordMask of its call: the connection's secrets (after a refresh,
 * the new tokens too) and the values of sensitive fields in the call's inputs and outputs,
 * so a password echoed under another name is hidden as well.
 */
export function withRecordMask(result: InvokeResult, connection: LoadedConnection, inputs: unknown): InvokeResult {
  const sensitiveFields = connection.connector.sensitiveFields;
  const secretValues = [
    ...(latestSecrets.get(result) ?? []),
    ...secretValuesOf(connection),
    ...sensitiveValues(inputs, { sensitiveFields }),
    ...sensitiveValues(result.outputs, { sensitiveFields }),
  ];
  return { ...result, hide: <T>(value: T): T => maskSecrets(value, { sensitiveFields, secretValues }) };
}

/** The secrets of the connection a result was made with (new tokens after a refresh), kept beside it, never in it. */
const latestSecrets = new WeakMap<InvokeResult, string[]>();

function madeWith(result: InvokeResult, connection: LoadedConnection): InvokeResult {
  latestSecrets.set(result, secretValuesOf(connection));
  return result;
}

export async function invokeWithConnection(runtime: ConnectionRuntime, refresher: TokenRefresher, loaded: LoadedConnection, request: ConnectionRequest, options: InvokeOptions = {}): Promise<InvokeResult> {
  const result = await callWithConnection(runtime, refresher, loaded, request, options);
  return withRecordMask(result, loaded, { query: request.query, headers: request.headers, body: request.body });
}

async function callWithConnection(runtime: ConnectionRuntime, refresher: TokenRefresher, loaded: LoadedConnection, request: ConnectionRequest, options: InvokeOptions): Promise<InvokeResult> {
  let connection = loaded;
  let encoded: EncodedRequest;
  try {
    encoded = await encodeRequest(baseUrlOf(connection), request);
  } catch (error) {
    return failedWith(runtime, connection, classifyError(error, { connection: connection.context }), { inputs: null, outputs: null });
  }
  const usable = await withUsableToken(refresher, connection);
  if ('error' in usable) return failedWith(runtime, connection, usable.error, { inputs: null, outputs: null }, usable.statusChange);
  connection = usable.connection;
  let sent = await sendWithCredentials(runtime, connection, encoded, options);
  if (sent.kind === 'answer' && sent.response.status === 401 && canRefreshAfter401(connection)) {
    // The token was rejected before its time (revoked, rotated elsewhere): refresh once and retry once.
    const refreshed = await refresher.refresh(connection, sent.accessToken);
    if (refreshed.outcome === 'failed') return failedWith(runtime, connection, refreshed.error, { inputs: sent.recorded, outputs: maskFor(connection)(outputsOf(sent.response)) }, refreshed.statusChange);
    connection = refreshed.connection;
    sent = await sendWithCredentials(runtime, connection, encoded, options);
  }
  return finish(runtime, connection, sent);
}

async function finish(runtime: ConnectionRuntime, connection: LoadedConnection, sent: Sent): Promise<InvokeResult> {
  const mask = maskFor(connection);
  if (sent.kind === 'error') {
    const error = sent.error instanceof MissingCredentialError ? missingCredential(connection, sent.error) : classifyError(sent.error, { connection: connection.context, secretValues: secretValuesOf(connection) });
    return failedWith(runtime, connection, error, { inputs: sent.recorded, outputs: null });
  }
  const outputs = outputsOf(sent.response);
  const recorded: Recorded = { inputs: sent.recorded, outputs: mask(outputs) };
  if (sent.response.status >= 400) {
    const { error, connectionStatusChange } = classifyHttpFailure({ status: outputs.statusCode, headers: outputs.headers, body: outputs.body, connection: connection.context, secretValues: secretValuesOf(connection) });
    if (connectionStatusChange) {
      await runtime.store.recordStatus(connection.record.id, { status: connectionStatusChange.status, statusReason: connectionStatusChange.reason, lastCheckedAt: runtime.clock() });
      runtime.log.warn({ connectionId: connection.record.id, status: outputs.statusCode }, 'connection flagged: credentials rejected');
    }
    return madeWith({ outcome: 'failed', connectionId: connection.record.id, error, outputs, recorded, connectionStatusChange }, connection);
  }
  await noteSuccess(runtime, connection);
  return madeWith({ outcome: 'succeeded', connectionId: connection.record.id, outputs, recorded }, connection);
}

/** A call that worked proves the credentials: record it (at most once a minute unless the status changes). */
export async function noteSuccess(runtime: ConnectionRuntime, connection: LoadedConnection): Promise<void> {
  const now = runtime.clock();
  const { status, lastSuccessAt } = connection.record;
  if (status === 'connected' && lastSuccessAt !== null && now - lastSuccessAt < runtime.successRecordIntervalMs) return;
  await runtime.store.recordStatus(connection.record.id, { status: 'connected', statusReason: null, lastCheckedAt: now, lastSuccessAt: now });
}
