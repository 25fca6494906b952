// Signing an OAuth2 connection in: Brook redirects the owner to the provider with a state
// and a PKCE S256 challenge, the provider redirects back to Brook's callback with a code,
// and Brook exchanges it for tokens. The pending sign-in lives in the store (any server
// process may receive the callback) and is used once.
import { buildAuthorizeUrl, createOAuthState, createPkcePair } from '../auth/oauth2/pkce.js';
import { oauth2Settings, tokenClient } from '../auth/oauth2/settings.js';
import { requestTokens } from '../auth/oauth2/token-endpoint.js';
import { maskText } from '../secrets/masking.js';
import { ConnectionInputError } from './connection-input.js';
import { sealBundle } from './credential-bundle.js';
import { loadConnection, secretValuesOf } from './loaded-connection.js';
import type { ConnectionRuntime } from './runtime.js';

export interface StartConsentInput {
  /** The user signing in (the server checks they may edit the connection). */
  userId: string;
  /** Brook's callback URL, e.g. https://brook.example.com/api/v1/oauth/callback. */
  redirectUri: string;
  /** Where the portal goes afterwards (default /settings/connections?focus=ID). */
  returnTo?: string;
}

export interface CompleteConsentInput {
  state: string;
  /**
   * The Brook user whose browser came back (null when nobody is signed in). It must be
   * the user who started the sign-in: a consent link sent to someone else never puts
   * their account's tokens into another user's connection.
   */
  userId: string | null;
  code?: string;
  /** The provider's error, when it refused (e.g. access_denied). */
  error?: string;
  errorDescription?: string;
}

export type ConsentResult =
  | { ok: true; connectionId: string; userId: string; returnTo: string }
  | { ok: false; connectionId: string | null; returnTo: string | null; message: string };

export async function startConsent(runtime: ConnectionRuntime, connectionId: string, input: StartConsentInput): Promise<{ authorizeUrl: string; state: string }> {
  const connection = await loadConnection(runtime, connectionId);
  if (connection.scheme.tokenGrant !== 'authorization_code') {
    throw new ConnectionInputError([{ path: 'connectionId', message: `Connection '${connection.record.name}' does not sign in with OAuth2; verify it instead.` }]);
  }
  const settings = oauth2Settings(connection.connector.auth, connection.values);
  const problems = [];
  if (!settings.authorizationUrl) problems.push({ path: 'parameters.authorizationUrl', message: 'The authorization URL is not set.' });
  if (!settings.clientId) problems.push({ path: 'parameters.clientId', message: 'The client ID is not set.' });
  if (!settings.tokenUrl) problems.push({ path: 'parameters.tokenUrl', message: 'The token URL is not set.' });
  if (problems.length > 0) throw new ConnectionInputError(problems);
  const state = createOAuthState();
  const pkce = createPkcePair();
  await runtime.store.saveOAuthState({
    state,
    connectionId,
    userId: input.userId,
    verifierSealed: runtime.keyring.seal(pkce.verifier, `oauth-state:${state}`),
    redirectUri: input.redirectUri,
    returnTo: input.returnTo ?? `/settings/connections?focus=${encodeURIComponent(connectionId)}`,
    expiresAt: runtime.clock() + runtime.oauthStateTtlMs,
  });
  const authorizeUrl = buildAuthorizeUrl({
    authorizationUrl: settings.authorizationUrl!,
    clientId: settings.clientId!,
    redirectUri: input.redirectUri,
    scopes: settings.scopes,
    state,
    codeChallenge: pkce.challenge,
    ...(settings.extraAuthorizeParameters ? { extraParameters: settings.extraAuthorizeParameters } : {}),
  });
  return { authorizeUrl, state };
}

const NOT_SIGNED_IN = 'You are not signed in to Brook, so the sign-in was not saved. Sign in to Brook as the person who started it, then start it again from the Connections page.';
const ANOTHER_USER = 'This sign-in was started by another Brook user, so it was not saved. Sign in to Brook as the person who started it, then start it again from the Connections page.';

export async function completeConsent(runtime: ConnectionRuntime, input: CompleteConsentInput): Promise<ConsentResult> {
  const pending = await runtime.store.takeOAuthState(input.state);
  if (!pending) return { ok: false, connectionId: null, returnTo: null, message: 'This sign-in is unknown or was already used. Start it again from the Connections page.' };
  // The state is used up either way, and a stranger learns nothing about the connection.
  if (input.userId === null) return { ok: false, connectionId: null, returnTo: null, message: NOT_SIGNED_IN };
  if (input.userId !== pending.userId) {
    runtime.log.warn({ connectionId: pending.connectionId }, 'an OAuth2 sign-in came back to another user than the one who started it; it was refused');
    return { ok: false, connectionId: null, returnTo: null, message: ANOTHER_USER };
  }
  const failed = (message: string): ConsentResult => ({ ok: false, connectionId: pending.connectionId, returnTo: pending.returnTo, message });
  if (pending.expiresAt < runtime.clock()) return failed('The sign-in took too long and expired. Start it again from the Connections page.');
  if (input.error) return failed(`The provider did not sign the connection in (${input.error}${input.errorDescription ? `: ${input.errorDescription}` : ''}).`);
  if (!input.code) return failed('The provider came back without an authorization code. Start the sign-in again.');
  const connection = await loadConnection(runtime, pending.connectionId);
  const settings = oauth2Settings(connection.connector.auth, connection.values);
  const verifier = runtime.keyring.open(pending.verifierSealed, `oauth-state:${pending.state}`);
  const answer = await requestTokens(
    runtime.http,
    tokenClient(settings),
    { grant: 'authorization_code', code: input.code, redirectUri: pending.redirectUri, codeVerifier: verifier },
    // A provider that sends no refresh token on a repeated consent leaves the old one in force (unless it was refused).
    { now: runtime.clock(), ...(connection.bundle.tokens && !connection.bundle.tokens.refreshRejected ? { previous: connection.bundle.tokens } : {}) },
  );
  const mask = (text: string): string => maskText(text, { secretValues: [...secretValuesOf(connection), input.code ?? ''] });
  if (answer.outcome === 'rejected') return failed(mask(`The provider refused the authorization code (${answer.error}${answer.description ? `: ${answer.description}` : ''}). Start the sign-in again.`));
  if (answer.outcome === 'unavailable') return failed(mask(`The provider's token endpoint failed: ${answer.cause.message} Start the sign-in again.`));
  let current = connection;
  for (let attempt = 0; attempt < 5; attempt++) {
    const bundle = { ...current.bundle, tokens: answer.tokens };
    const now = runtime.clock();
    const written = await runtime.store.writeCredentials(current.record.id, {
      expectedRevision: current.record.revision,
      secretNames: current.record.secretNames,
      secretsSealed: sealBundle(runtime.keyring, current.record.id, bundle),
      tokenExpiresAt: answer.tokens.expiresAt ?? null,
      status: { status: 'connected', statusReason: null, lastCheckedAt: now, lastSuccessAt: now },
    });
    if (written.ok) {
      runtime.log.info({ connectionId: current.record.id }, 'connection signed in');
      return { ok: true, connectionId: current.record.id, userId: pending.userId, returnTo: pending.returnTo };
    }
    current = await loadConnection(runtime, pending.connectionId);
  }
  return failed('The connection kept changing while its new tokens were saved. Start the sign-in again.');
}
