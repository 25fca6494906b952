// The connection service the engine and the server use: create, verify, sign in
// (OAuth2), invoke, and health-check connections kept in a ConnectionStateStore.
import { randomUUID } from 'node:crypto';
import { connectionParameters } from '../definitions/connection-parameters.js';
import type { ConnectorRegistry } from '../definitions/registry.js';
import type { AuthType } from '../definitions/types.js';
import { HttpClient } from '../http/http-client.js';
import type { NetworkPolicy } from '../http/network-policy.js';
import type { AddressLookup } from '../http/resolve-address.js';
import type { ConnectionRequest } from '../operations/connection-request.js';
import type { Keyring } from '../secrets/keyring.js';
import { SmtpTransport } from '../smtp/smtp-transport.js';
import type { ActionCall, InvokeOptions, InvokeResult } from './call-result.js';
import { checkConnectionInput, ConnectionInputError, type InputProblem } from './connection-input.js';
import { toConnectionView, type ConnectionView } from './connection-view.js';
import { sealBundle } from './credential-bundle.js';
import { runHealthCheck, type HealthCheckOptions, type HealthReport } from './health-check.js';
import { invokeRequest } from './invoke.js';
import { invokeOperation } from './invoke-operation.js';
import { assemble } from './loaded-connection.js';
import { completeConsent, startConsent, type CompleteConsentInput, type ConsentResult, type StartConsentInput } from './oauth-consent.js';
import { silentLogger, type ConnectionLogger, type ConnectionRuntime, type RefreshSettings } from './runtime.js';
import type { ConnectionStateStore, StoredConnection } from './state-store.js';
import { TokenRefresher } from './token-refresher.js';
import { verifyConnection, verifyStored, type VerifyInput, type VerifyResult } from './verify.js';

export interface ConnectionManagerOptions {
  store: ConnectionStateStore;
  keyring: Keyring;
  connectors: ConnectorRegistry;
  /** Which addresses calls may reach (default: public addresses only). Ignored when `http` is given. */
  network?: NetworkPolicy;
  /** The guarded client for every call (default: one built from `network`). */
  http?: HttpClient;
  /** Name resolution for SMTP (and the default HTTP client). */
  lookup?: AddressLookup;
  clock?: () => number;
  /** Identifies this process in refresh leases (default: random). */
  instanceId?: string;
  refresh?: Partial<RefreshSettings>;
  /** How long a started OAuth2 sign-in may take (default 10 minutes). */
  oauthStateTtlMs?: number;
  successRecordIntervalMs?: number;
  logger?: ConnectionLogger;
}

export interface CreateConnectionInput {
  id?: string;
  ownerId: string;
  name: string;
  connectorId: string;
  /** Default: the connector's auth type; the HTTP connector offers all of them. */
  authType?: AuthType;
  parameters?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
  /** Verify at once (default true; OAuth2 sign-in connections are verified when they sign in). */
  verify?: boolean;
}

export interface CreateConnectionResult {
  connection: ConnectionView;
  verification: VerifyResult | null;
}

export class ConnectionManager {
  private readonly runtime: ConnectionRuntime;
  private readonly refresher: TokenRefresher;
  private readonly ownsHttp: boolean;

  constructor(options: ConnectionManagerOptions) {
    const http = options.http ?? new HttpClient({ ...(options.network ? { network: options.network } : {}), ...(options.lookup ? { lookup: options.lookup } : {}) });
    this.ownsHttp = !options.http;
    const leaseTtlMs = options.refresh?.leaseTtlMs ?? 30_000;
    this.runtime = {
      store: options.store,
      keyring: options.keyring,
      connectors: options.connectors,
      http,
      smtp: new SmtpTransport({ policy: http.policy, ...(options.lookup ? { lookup: options.lookup } : {}) }),
      clock: options.clock ?? Date.now,
      instanceId: options.instanceId ?? randomUUID(),
      refresh: {
        marginMs: options.refresh?.marginMs ?? 5 * 60_000,
        leaseTtlMs,
        waitTimeoutMs: options.refresh?.waitTimeoutMs ?? leaseTtlMs + 5_000,
        pollIntervalMs: options.refresh?.pollIntervalMs ?? 50,
      },
      oauthStateTtlMs: options.oauthStateTtlMs ?? 10 * 60_000,
      successRecordIntervalMs: options.successRecordIntervalMs ?? 60_000,
      log: options.logger ?? silentLogger,
    };
    this.refresher = new TokenRefresher(this.runtime);
  }

  /** Token endpoint calls this instance made (refreshes and client-credentials tokens). */
  get tokenRequests(): number {
    return this.refresher.refreshCount;
  }

  async create(input: CreateConnectionInput): Promise<CreateConnectionResult> {
    const { connectors, keyring, clock, store } = this.runtime;
    const problems: InputProblem[] = [];
    const connector = connectors.get(input.connectorId);
    if (!connector) throw new ConnectionInputError([{ path: 'connectorId', message: `There is no connector "${input.connectorId}".` }]);
    const authType = input.authType ?? connector.authType;
    if (!connector.authOptions.includes(authType)) problems.push({ path: 'authType', message: `${connector.name} connections use ${connector.authOptions.join(' or ')}, not ${authType}.` });
    if (!input.name?.trim()) problems.push({ path: 'name', message: 'A connection needs a name.' });
    if (problems.length > 0) throw new ConnectionInputError(problems);
    const checked = checkConnectionInput(connectionParameters(connector, authType), input);
    const id = input.id ?? randomUUID();
    const now = clock();
    const signsIn = authType === 'oauth2AuthorizationCode';
    const record: StoredConnection = {
      id,
      ownerId: input.ownerId,
      name: input.name.trim(),
      connectorId: connector.id,
      authType,
      parameters: checked.parameters,
      secretNames: Object.keys(checked.secrets).sort(),
      secretsSealed: sealBundle(keyring, id, { v: 1, secrets: checked.secrets }),
      status: signsIn ? 'unauthenticated' : 'error',
      statusReason: signsIn ? 'Not signed in yet. Sign in.' : 'Not verified yet.',
      lastCheckedAt: null,
      lastSuccessAt: null,
      tokenExpiresAt: null,
      revision: 0,
      createdAt: now,
      updatedAt: now,
    };
    await store.insertConnection(record);
    let verification: VerifyResult | null = null;
    if (input.verify !== false && !signsIn) verification = await verifyStored(this.runtime, this.refresher, assemble(record, connector, { v: 1, secrets: checked.secrets }));
    return { connection: (await this.get(id))!, verification };
  }

  async get(id: string): Promise<ConnectionView | null> {
    const record = await this.runtime.store.getConnection(id);
    if (!record) return null;
    return toConnectionView(record, this.runtime.connectors.get(record.connectorId)?.name ?? record.connectorId);
  }

  /**
   * Verifies with the stored credentials, or with newly entered ones (kept only if they
   * verify). Throws ConnectionInputError for bad input and ClassifiedFailureError
   * (ConnectionNotFound …) when the connection cannot be loaded.
   */
  verify(id: string, input: VerifyInput = {}): Promise<VerifyResult> {
    return verifyConnection(this.runtime, this.refresher, id, input);
  }

  /** Starts an OAuth2 sign-in: returns the provider URL to redirect the owner to. */
  startConsent(id: string, input: StartConsentInput): Promise<{ authorizeUrl: string; state: string }> {
    return startConsent(this.runtime, id, input);
  }

  /** Completes a sign-in at Brook's callback (`?state=&code=` or `?state=&error=`). */
  completeConsent(input: CompleteConsentInput): Promise<ConsentResult> {
    return completeConsent(this.runtime, input);
  }

  /** An authenticated call relative to the connection's base URL (ApiConnection, Http with a connection). */
  invoke(id: string, request: ConnectionRequest, options: InvokeOptions = {}): Promise<InvokeResult> {
    return invokeRequest(this.runtime, this.refresher, id, request, options);
  }

  /** Calls a connector operation with a definition's flattened parameters (OpenApiConnection). */
  invokeOperation(id: string, operationId: string, parameters: Record<string, unknown> = {}, options: InvokeOptions = {}): Promise<InvokeResult> {
    return invokeOperation(this.runtime, this.refresher, id, operationId, parameters, options);
  }

  /**
   * The engine's entry point for connector actions: an operation id means
   * OpenApiConnection (invokeOperation), otherwise ApiConnection (invoke with method, path, …).
   */
  call(id: string, action: ActionCall): Promise<InvokeResult> {
    const options: InvokeOptions = {
      ...(action.idempotencyKey ? { idempotencyKey: action.idempotencyKey } : {}),
      ...(action.timeoutMs ? { timeoutMs: action.timeoutMs } : {}),
      ...(action.signal ? { signal: action.signal } : {}),
    };
    if (action.operationId) return this.invokeOperation(id, action.operationId, action.parameters ?? {}, options);
    const request: ConnectionRequest = { method: action.method ?? 'GET', path: action.path ?? '' };
    if (action.queries) request.query = action.queries;
    if (action.headers) request.headers = action.headers;
    if (action.body !== undefined) request.body = action.body;
    return this.invoke(id, request, options);
  }

  /** Verifies every connection (or the ones given); the server schedules it. */
  healthCheck(options: HealthCheckOptions = {}): Promise<HealthReport> {
    return runHealthCheck(this.runtime, this.refresher, options);
  }

  async close(): Promise<void> {
    if (this.ownsHttp) await this.runtime.http.close();
  }
}
