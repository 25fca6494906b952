// Verify: call the connector's verify operation with the stored credentials, or with
// newly entered ones, and set the status from the answer. New credentials are kept only
// when they verify; a failed try with new ones leaves the stored ones as they were.
import type { ClassifiedError } from '@brook/wdl';
import { oauth2Settings, tokenClient } from '../auth/oauth2/settings.js';
import { requestTokens } from '../auth/oauth2/token-endpoint.js';
import { classifyError } from '../classification/classify-error.js';
import { serviceMessage } from '../classification/classify-http.js';
import { unauthenticatedReason } from '../classification/remedy.js';
import type { ConnectionStatus } from '../definitions/types.js';
import { decodeResponseBody } from '../http/response-body.js';
import { buildOperationRequest } from '../operations/build-request.js';
import type { ConnectionRequest } from '../operations/connection-request.js';
import { encodeRequest } from '../operations/encode-request.js';
import { maskText } from '../secrets/masking.js';
import type { InvokeResult } from './call-result.js';
import { checkConnectionInput } from './connection-input.js';
import { sealBundle, type CredentialBundle } from './credential-bundle.js';
import { invokeWithConnection, sendWithCredentials } from './invoke.js';
import { assemble, baseUrlOf, loadConnection, secretValuesOf, type LoadedConnection } from './loaded-connection.js';
import type { ConnectionRuntime } from './runtime.js';
import { smtpSettingsOf } from './smtp-settings.js';
import type { TokenRefresher } from './token-refresher.js';

export interface VerifyInput {
  parameters?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
}

export interface VerifyResult {
  ok: boolean;
  /** The connection's status after verifying. */
  status: ConnectionStatus;
  /** "Connected." or why not, in words for the portal. */
  message: string;
  /** True when newly entered credentials were stored. */
  kept: boolean;
}

type Outcome = { ok: true } | { ok: false; status: 'unauthenticated' | 'error'; reason: string };

const VERIFY_TIMEOUT_MS = 30_000;

function verifyRequest(connection: LoadedConnection): ConnectionRequest {
  const spec = connection.connector.verify;
  switch (spec.kind) {
    case 'operation': {
      const operation = connection.connector.operations.find((candidate) => candidate.id === spec.operationId);
      if (!operation) throw new Error(`The verify operation ${spec.operationId} is not an operation of ${connection.connector.name}.`);
      return buildOperationRequest(operation, spec.parameters ?? {});
    }
    case 'probe': {
      const path = spec.pathParameter ? connection.values[spec.pathParameter] : undefined;
      return { method: 'GET', path: typeof path === 'string' ? path : spec.path };
    }
    case 'transport':
      throw new Error('A transport check is not an HTTP request.');
  }
}

function judgeAnswer(connection: LoadedConnection, status: number, body: unknown, request: ConnectionRequest): Outcome {
  const expect = connection.connector.verify.kind === 'probe' ? connection.connector.verify.expect : 'success';
  if (status === 401 || status === 403) {
    const said = maskText(serviceMessage(body), { secretValues: secretValuesOf(connection) }).slice(0, 300);
    return { ok: false, status: 'unauthenticated', reason: unauthenticatedReason(connection.context, status, said) };
  }
  if ((status >= 200 && status < 300) || (expect === 'not-rejected' && status < 500)) return { ok: true };
  const said = maskText(serviceMessage(body), { secretValues: secretValuesOf(connection) }).slice(0, 300);
  return { ok: false, status: 'error', reason: `The verify call (${request.method} ${request.path || '/'}) answered ${status}${said ? `: ${said}` : ''}. Check the base URL and that the service is up.` };
}

function judgeError(error: ClassifiedError): Outcome {
  if (error.category === 'authentication' || error.category === 'permission') return { ok: false, status: 'unauthenticated', reason: error.message };
  return { ok: false, status: 'error', reason: error.message };
}

/** Runs the verify call. `persist`: the stored connection (refreshes and flags as calls do); otherwise a candidate. */
async function runVerify(runtime: ConnectionRuntime, refresher: TokenRefresher, connection: LoadedConnection, persist: boolean): Promise<Outcome> {
  if (connection.connector.verify.kind === 'transport') {
    try {
      await runtime.smtp.verify(smtpSettingsOf(connection));
      return { ok: true };
    } catch (error) {
      return judgeError(classifyError(error, { connection: connection.context, secretValues: secretValuesOf(connection) }));
    }
  }
  let request: ConnectionRequest;
  try {
    request = verifyRequest(connection);
  } catch (error) {
    return judgeError(classifyError(error, { connection: connection.context }));
  }
  if (persist) {
    const result: InvokeResult = await invokeWithConnection(runtime, refresher, connection, request, { timeoutMs: VERIFY_TIMEOUT_MS });
    if (result.outcome === 'succeeded') return judgeAnswer(connection, result.outputs.statusCode, result.outputs.body, request);
    if (result.outputs) return judgeAnswer(connection, result.outputs.statusCode, result.outputs.body, request);
    return judgeError(result.error);
  }
  try {
    const sent = await sendWithCredentials(runtime, connection, await encodeRequest(baseUrlOf(connection), request), { timeoutMs: VERIFY_TIMEOUT_MS });
    if (sent.kind === 'answer') return judgeAnswer(connection, sent.response.status, decodeResponseBody(sent.response.headers, sent.response.body), request);
    return judgeError(classifyError(sent.error, { connection: connection.context, secretValues: secretValuesOf(connection) }));
  } catch (error) {
    return judgeError(classifyError(error, { connection: connection.context }));
  }
}

export async function verifyStored(runtime: ConnectionRuntime, refresher: TokenRefresher, connection: LoadedConnection): Promise<VerifyResult> {
  const outcome = await runVerify(runtime, refresher, connection, true);
  const now = runtime.clock();
  if (outcome.ok) {
    await runtime.store.recordStatus(connection.record.id, { status: 'connected', statusReason: null, lastCheckedAt: now, lastSuccessAt: now });
    return { ok: true, status: 'connected', message: 'Connected.', kept: false };
  }
  await runtime.store.recordStatus(connection.record.id, { status: outcome.status, statusReason: outcome.reason, lastCheckedAt: now });
  return { ok: false, status: outcome.status, message: outcome.reason, kept: false };
}

export async function verifyConnection(runtime: ConnectionRuntime, refresher: TokenRefresher, connectionId: string, input: VerifyInput = {}): Promise<VerifyResult> {
  const stored = await loadConnection(runtime, connectionId);
  const hasInput = Object.keys(input.parameters ?? {}).length > 0 || Object.keys(input.secrets ?? {}).length > 0;
  if (!hasInput) return verifyStored(runtime, refresher, stored);
  const checked = checkConnectionInput(stored.declared, input, { parameters: stored.record.parameters, secrets: stored.bundle.secrets });
  const clientCredentials = stored.scheme.tokenGrant === 'client_credentials';
  // New client credentials must earn their own token; an old token would verify anything.
  let bundle: CredentialBundle = { v: 1, secrets: checked.secrets, ...(clientCredentials || !stored.bundle.tokens ? {} : { tokens: stored.bundle.tokens }) };
  let candidate = assemble({ ...stored.record, parameters: checked.parameters, secretNames: Object.keys(checked.secrets).sort() }, stored.connector, bundle);
  if (clientCredentials) {
    const settings = oauth2Settings(candidate.connector.auth, candidate.values);
    const answer = await requestTokens(runtime.http, tokenClient(settings), { grant: 'client_credentials', scopes: settings.scopes }, { now: runtime.clock() });
    if (answer.outcome === 'rejected') {
      const reason = maskText(`The provider refused these client credentials (${answer.error}${answer.description ? `: ${answer.description}` : ''}).`, { secretValues: secretValuesOf(candidate) });
      return { ok: false, status: stored.record.status, message: reason, kept: false };
    }
    if (answer.outcome === 'unavailable') return { ok: false, status: stored.record.status, message: answer.cause.message, kept: false };
    bundle = { ...bundle, tokens: answer.tokens };
    candidate = assemble(candidate.record, candidate.connector, bundle);
  }
  const outcome = await runVerify(runtime, refresher, candidate, false);
  if (!outcome.ok) return { ok: false, status: stored.record.status, message: outcome.reason, kept: false };
  return keepVerified(runtime, stored, candidate);
}

/** Stores verified credentials; a token refreshed meanwhile (auth code) is kept with them. */
async function keepVerified(runtime: ConnectionRuntime, stored: LoadedConnection, candidate: LoadedConnection): Promise<VerifyResult> {
  let current = stored;
  for (let attempt = 0; attempt < 5; attempt++) {
    const tokens = candidate.scheme.tokenGrant === 'client_credentials' ? candidate.bundle.tokens : current.bundle.tokens;
    const bundle: CredentialBundle = { v: 1, secrets: candidate.bundle.secrets, ...(tokens ? { tokens } : {}) };
    const now = runtime.clock();
    const written = await runtime.store.writeCredentials(stored.record.id, {
      expectedRevision: current.record.revision,
      parameters: candidate.record.parameters,
      secretNames: candidate.record.secretNames,
      secretsSealed: sealBundle(runtime.keyring, stored.record.id, bundle),
      tokenExpiresAt: tokens?.expiresAt ?? null,
      status: { status: 'connected', statusReason: null, lastCheckedAt: now, lastSuccessAt: now },
    });
    if (written.ok) return { ok: true, status: 'connected', message: 'Connected. The new credentials are saved.', kept: true };
    current = await loadConnection(runtime, stored.record.id);
  }
  return { ok: false, status: current.record.status, message: 'The connection kept changing while the new credentials were saved; verify again.', kept: false };
}
