// Refreshing OAuth2 tokens: at most one refresh per connection at a time, in this process
// (single-flight: concurrent callers share one promise) and across processes (a lease in
// the store; whoever holds it re-reads the connection first, so a token another process
// just refreshed is used instead of burning a rotating refresh token). A rotated refresh
// token is always kept; a failed refresh never deletes credentials: invalid_grant makes
// the connection `unauthenticated` ("sign in again"), an outage makes it `error` and stays
// retryable.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ClassifiedError } from '@brook/wdl';
import { oauth2Settings, tokenClient } from '../auth/oauth2/settings.js';
import { requestTokens, type TokenEndpointResult } from '../auth/oauth2/token-endpoint.js';
import type { TokenSet } from '../auth/types.js';
import { classifiedError } from '../classification/catalogue.js';
import type { ConnectionStatusChange } from '../classification/classify-http.js';
import { fixActionFor, fixActionLabel } from '../classification/remedy.js';
import { maskText } from '../secrets/masking.js';
import { sealBundle, type CredentialBundle } from './credential-bundle.js';
import { assemble, loadConnection, secretValuesOf, type LoadedConnection } from './loaded-connection.js';
import type { ConnectionRuntime } from './runtime.js';

export type RefreshResult =
  | { outcome: 'tokens'; connection: LoadedConnection; refreshed: boolean }
  /** statusChange is null when the connection's status was left as it was. */
  | { outcome: 'failed'; error: ClassifiedError; statusChange: ConnectionStatusChange | null };

export class TokenRefresher {
  private readonly inFlight = new Map<string, Promise<RefreshResult>>();
  /** Token endpoint calls made by this instance (for tests and metrics). */
  refreshCount = 0;

  constructor(private readonly runtime: ConnectionRuntime) {}

  /** True when the token is missing or expires within the refresh margin. */
  needsRefresh(tokens: TokenSet | undefined): boolean {
    if (!tokens) return true;
    return tokens.expiresAt !== undefined && tokens.expiresAt - this.runtime.clock() <= this.runtime.refresh.marginMs;
  }

  /**
   * Makes sure the connection has a token newer than `staleAccessToken` (the one that
   * expired or was rejected; undefined when there was none).
   */
  refresh(connection: LoadedConnection, staleAccessToken: string | undefined): Promise<RefreshResult> {
    const id = connection.record.id;
    const running = this.inFlight.get(id);
    if (running) return running;
    const started = this.refreshAcrossProcesses(id, staleAccessToken).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, started);
    return started;
  }

  private isFresh(connection: LoadedConnection, stale: string | undefined): boolean {
    const tokens = connection.bundle.tokens;
    return tokens !== undefined && tokens.accessToken !== stale && !this.needsRefresh(tokens);
  }

  private async refreshAcrossProcesses(id: string, stale: string | undefined): Promise<RefreshResult> {
    const { store, refresh, clock } = this.runtime;
    const waitUntil = performance.now() + refresh.waitTimeoutMs;
    for (;;) {
      const current = await loadConnection(this.runtime, id);
      if (this.isFresh(current, stale)) return { outcome: 'tokens', connection: current, refreshed: false };
      const holder = `${this.runtime.instanceId}:${randomUUID()}`;
      if (await store.acquireRefreshLease(id, holder, clock() + refresh.leaseTtlMs, clock())) {
        try {
          // Another process may have finished just before the lease was free.
          const leased = await loadConnection(this.runtime, id);
          if (this.isFresh(leased, stale)) return { outcome: 'tokens', connection: leased, refreshed: false };
          return await this.refreshHoldingLease(leased);
        } finally {
          await store.releaseRefreshLease(id, holder);
        }
      }
      if (performance.now() >= waitUntil) {
        // Not the connection's fault: its status stays as it is.
        const message = `Connection '${current.record.name}': another process is refreshing its access token and did not finish in time.`;
        return { outcome: 'failed', error: classifiedError('ConnectionRefreshFailed', { message, connection: current.context }), statusChange: null };
      }
      await sleep(refresh.pollIntervalMs);
    }
  }

  private async refreshHoldingLease(connection: LoadedConnection): Promise<RefreshResult> {
    const settings = oauth2Settings(connection.connector.auth, connection.values);
    const previous = connection.bundle.tokens;
    let result: TokenEndpointResult;
    if (connection.scheme.tokenGrant === 'client_credentials') {
      this.refreshCount += 1;
      result = await requestTokens(this.runtime.http, tokenClient(settings), { grant: 'client_credentials', scopes: settings.scopes }, { now: this.runtime.clock() });
    } else {
      if (!previous?.refreshToken || previous.refreshRejected) {
        const reason = previous?.refreshRejected?.reason ?? (previous ? 'Its access token expired and the provider gave no refresh token. Sign in again.' : 'It is not signed in yet. Sign in.');
        return this.failure(connection, 'unauthenticated', classifiedError('ConnectionAuthorizationFailed', { message: `Connection '${connection.record.name}': ${reason}`, connection: connection.context }), reason);
      }
      this.refreshCount += 1;
      result = await requestTokens(this.runtime.http, tokenClient(settings, settings.refreshUrl), { grant: 'refresh_token', refreshToken: previous.refreshToken }, { now: this.runtime.clock(), previous });
    }
    const mask = (text: string): string => maskText(text, { secretValues: secretValuesOf(connection) });
    switch (result.outcome) {
      case 'tokens':
        return this.store(connection, result.tokens);
      case 'rejected': {
        const what = connection.scheme.tokenGrant === 'client_credentials' ? 'The provider refused the client credentials' : 'The sign-in has expired or was revoked';
        const reason = mask(`${what} (${result.error}${result.description ? `: ${result.description}` : ''}). ${fixActionLabel(fixActionFor(connection.record.authType))}.`);
        const error = classifiedError('ConnectionAuthorizationFailed', { message: `Connection '${connection.record.name}': ${reason}`, status: result.status, connection: connection.context });
        this.runtime.log.warn({ connectionId: connection.record.id, error: result.error }, 'token refresh rejected');
        // A refused refresh token is final: keep it, but do not ask the provider again with it.
        if (previous && connection.scheme.tokenGrant === 'authorization_code') await this.markRejected(connection, previous, reason);
        return this.failure(connection, 'unauthenticated', error, reason);
      }
      case 'unavailable': {
        const reason = mask(`Could not refresh the access token: ${result.cause.message} Brook tries again on the next call.`);
        const base = classifiedError('ConnectionRefreshFailed', { message: `Connection '${connection.record.name}': ${reason}`, connection: connection.context, ...(result.cause.retryAfterMs === undefined ? {} : { retryAfterMs: result.cause.retryAfterMs }) });
        const category = ['network', 'timeout', 'throttled', 'server'].includes(result.cause.category) ? result.cause.category : 'server';
        this.runtime.log.warn({ connectionId: connection.record.id, code: result.cause.code }, 'token refresh failed; will retry');
        return this.failure(connection, 'error', { ...base, category, retryable: true }, reason);
      }
    }
  }

  /** Writes the new tokens; a concurrent credential change (a new sign-in) wins over them. */
  private async store(connection: LoadedConnection, tokens: TokenSet): Promise<RefreshResult> {
    let current = connection;
    for (let attempt = 0; attempt < 5; attempt++) {
      const bundle: CredentialBundle = { ...current.bundle, tokens };
      const now = this.runtime.clock();
      const written = await this.runtime.store.writeCredentials(current.record.id, {
        expectedRevision: current.record.revision,
        secretNames: current.record.secretNames,
        secretsSealed: sealBundle(this.runtime.keyring, current.record.id, bundle),
        tokenExpiresAt: tokens.expiresAt ?? null,
        status: { status: 'connected', statusReason: null, lastCheckedAt: now, lastSuccessAt: now },
      });
      if (written.ok) {
        const record = { ...current.record, revision: written.revision, tokenExpiresAt: tokens.expiresAt ?? null, status: 'connected' as const, statusReason: null };
        return { outcome: 'tokens', connection: assemble(record, current.connector, bundle), refreshed: true };
      }
      const reloaded = await loadConnection(this.runtime, connection.record.id);
      if (reloaded.bundle.tokens?.accessToken !== connection.bundle.tokens?.accessToken) {
        return { outcome: 'tokens', connection: reloaded, refreshed: false };
      }
      current = reloaded; // same tokens, another field changed (a re-seal, a parameter): write again
    }
    return this.failure(connection, 'error', classifiedError('ConnectionRefreshFailed', { message: `Connection '${connection.record.name}': the refreshed token could not be saved.`, connection: connection.context }));
  }

  private async markRejected(connection: LoadedConnection, tokens: TokenSet, reason: string): Promise<void> {
    const bundle: CredentialBundle = { ...connection.bundle, tokens: { ...tokens, refreshRejected: { at: this.runtime.clock(), reason } } };
    await this.runtime.store.writeCredentials(connection.record.id, {
      expectedRevision: connection.record.revision,
      secretNames: connection.record.secretNames,
      secretsSealed: sealBundle(this.runtime.keyring, connection.record.id, bundle),
      tokenExpiresAt: connection.record.tokenExpiresAt,
    });
  }

  private async failure(connection: LoadedConnection, status: 'unauthenticated' | 'error', error: ClassifiedError, reason: string = error.message): Promise<RefreshResult> {
    await this.runtime.store.recordStatus(connection.record.id, { status, statusReason: reason, lastCheckedAt: this.runtime.clock() });
    return { outcome: 'failed', error, statusChange: { status, reason } };
  }
}
