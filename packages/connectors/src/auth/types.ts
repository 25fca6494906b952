// The contract every auth scheme fulfils; auth-conformance.test.ts runs one suite over all.
import type { AuthSpec, AuthType, ConnectorParameter, FixAction } from '../definitions/types.js';

/** Tokens of an OAuth2 connection, kept sealed with its secrets. Times are epoch ms. */
export interface TokenSet {
  accessToken: string;
  tokenType: string;
  refreshToken?: string;
  expiresAt?: number;
  scope?: string;
  obtainedAt: number;
  /**
   * The provider refused this refresh token (invalid_grant): it is kept for the record,
   * but not sent again until a new sign-in replaces it.
   */
  refreshRejected?: { at: number; reason: string };
}

/** A connection's parameters and secrets, merged (secrets win). */
export type CredentialValues = Record<string, unknown>;

/** The part of an outgoing request a scheme may change. */
export interface AuthTarget {
  url: URL;
  headers: Record<string, string>;
}

export interface AuthContext {
  spec: AuthSpec;
  values: CredentialValues;
  tokens?: TokenSet;
}

/** How an OAuth2 scheme obtains tokens. */
export type TokenGrant = 'authorization_code' | 'client_credentials';

export interface AuthScheme {
  readonly type: AuthType;
  readonly fixAction: FixAction;
  /** Set for OAuth2 schemes. */
  readonly tokenGrant?: TokenGrant;
  /**
   * The connection parameters the scheme needs. `configurable`: the connector leaves the
   * scheme's details (header name, token URL, …) to the connection, as the HTTP connector does.
   */
  parameters(spec: AuthSpec, options: { configurable: boolean }): ConnectorParameter[];
  /** Puts the credentials on the request, at the last moment. Throws MissingCredentialError. */
  apply(target: AuthTarget, context: AuthContext): void;
  /** Values to mask wherever they appear, including derived ones (a Basic header's base64). */
  secretValues(context: AuthContext): string[];
}

/** A credential the call needs is not set (never signed in, or a secret left empty). */
export class MissingCredentialError extends Error {
  override readonly name = 'MissingCredentialError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function stringValue(values: CredentialValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : String(value);
}

export function requireValue(values: CredentialValues, name: string, label: string): string {
  const value = stringValue(values, name);
  if (value === undefined) throw new MissingCredentialError(name, `The ${label} is not set.`);
  return value;
}
