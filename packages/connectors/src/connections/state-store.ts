// The port through which connections are kept: the server implements it on its database
// (the `connections` and `oauth_states` tables), tests and `brook run` use the in-memory
// one. Times are epoch milliseconds.
import type { AuthType, ConnectionStatus } from '../definitions/types.js';

export interface StoredConnection {
  id: string;
  ownerId: string;
  name: string;
  connectorId: string;
  authType: AuthType;
  /** Non-secret parameters (base URL, user name, client ID …). */
  parameters: Record<string, unknown>;
  /** Names of the secret fields that hold a value; never the values. */
  secretNames: string[];
  /** The sealed credential bundle (secrets and OAuth tokens), associated data "connection:<id>"; null when empty. */
  secretsSealed: string | null;
  status: ConnectionStatus;
  statusReason: string | null;
  lastCheckedAt: number | null;
  lastSuccessAt: number | null;
  tokenExpiresAt: number | null;
  /** Bumped by every credential write; lets writers detect a concurrent change. */
  revision: number;
  createdAt: number;
  updatedAt: number;
}

export interface StatusUpdate {
  status: ConnectionStatus;
  statusReason: string | null;
  lastCheckedAt: number;
  /** Given when the check or call succeeded. */
  lastSuccessAt?: number;
}

export interface CredentialWrite {
  /** The write happens only if the stored revision still equals this. */
  expectedRevision: number;
  /** Replaces the non-secret parameters when given. */
  parameters?: Record<string, unknown>;
  secretNames: string[];
  secretsSealed: string | null;
  tokenExpiresAt: number | null;
  /** A status recorded in the same write. */
  status?: StatusUpdate;
}

export type CredentialWriteResult = { ok: true; revision: number } | { ok: false };

/** A pending OAuth2 sign-in, from the redirect to the provider until Brook's callback. */
export interface OAuthStateRecord {
  state: string;
  connectionId: string;
  userId: string;
  /** The PKCE verifier, sealed with associated data "oauth-state:<state>". */
  verifierSealed: string;
  redirectUri: string;
  returnTo: string;
  expiresAt: number;
}

export interface ConnectionStateStore {
  getConnection(id: string): Promise<StoredConnection | null>;
  /** Every connection id (the health check walks them). */
  listConnectionIds(): Promise<string[]>;
  insertConnection(connection: StoredConnection): Promise<void>;
  /** Compare-and-swap on `revision`: writes (and bumps the revision) only if nobody wrote since. */
  writeCredentials(id: string, write: CredentialWrite): Promise<CredentialWriteResult>;
  recordStatus(id: string, update: StatusUpdate): Promise<void>;
  /**
   * Takes the connection's refresh lease for `holder` until `until` if it is free or its
   * previous holder's time is over (`now` >= its until). One holder at a time, across processes.
   */
  acquireRefreshLease(id: string, holder: string, until: number, now: number): Promise<boolean>;
  /** Gives the lease back if `holder` still has it. */
  releaseRefreshLease(id: string, holder: string): Promise<void>;
  saveOAuthState(record: OAuthStateRecord): Promise<void>;
  /** Returns the pending sign-in and deletes it (a state is used once); null when unknown. */
  takeOAuthState(state: string): Promise<OAuthStateRecord | null>;
}
