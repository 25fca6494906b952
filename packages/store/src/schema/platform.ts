// Tables of the platform: users, sessions, API tokens, flow ownership and trigger keys,
// connections with their encrypted credentials and status, the runs each connection broke,
// notifications, audit and background jobs.
// Times are epoch milliseconds; JSON is stored as text; booleans as 0/1.

export type UserRole = 'admin' | 'maker';

export interface UsersTable {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  name: string;
  role: UserRole;
  /** `scrypt$N$r$p$salt$hash` (base64url parts). */
  password_hash: string;
  created_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value (base64url); the cookie itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 of the token (base64url). */
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
}

export type FlowAccessRole = 'owner' | 'co-owner';

/** Who owns a flow (one 'owner' row) and who it is shared with ('co-owner' rows). */
export interface FlowAccessTable {
  flow_id: string;
  user_id: string;
  role: FlowAccessRole;
  created_at: number;
}

/** Platform settings of a flow the engine does not keep: the webhook signing key and alerting state. */
export interface FlowSettingsTable {
  flow_id: string;
  /** HMAC-SHA256 key of callback URLs (base64url); regenerating it invalidates old URLs. */
  trigger_key: string;
  /** 0/1: send failure notifications. */
  failure_alerts: number;
  /**
   * Superseded by flow_versions.connections (each version keeps its own mapping); no longer
   * written. Kept so the migration that copied it, and older databases, still read.
   */
  connection_map: string;
  created_at: number;
  updated_at: number;
}

export type ConnectionStatusValue = 'connected' | 'unauthenticated' | 'error';

export interface ConnectionsTable {
  id: string;
  owner_id: string;
  name: string;
  connector_id: string;
  auth_type: string;
  /** Non-secret parameters (JSON object). */
  parameters: string;
  /** Names of the secret fields that hold a value (JSON array). */
  secret_names: string;
  /** Secrets sealed by the keyring (versioned, key id inside); null when there are none. */
  secrets_sealed: string | null;
  status: ConnectionStatusValue;
  status_reason: string | null;
  last_checked_at: number | null;
  last_success_at: number | null;
  token_expires_at: number | null;
  /** Bumped on each credential change: lets a token refresh detect a concurrent update. */
  revision: number;
  /** The process refreshing the OAuth2 token now, and until when (one refresh at a time). */
  refresh_holder: string | null;
  refresh_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface ConnectionSharesTable {
  connection_id: string;
  user_id: string;
  created_at: number;
}

/** A run that failed because of a connection (authentication or permission), until it is resubmitted. */
export interface ConnectionFailuresTable {
  run_id: string;
  connection_id: string;
  flow_id: string;
  action_name: string;
  category: string;
  status: number | null;
  failed_at: number;
  /** Set when the run was resubmitted: it no longer counts as broken. */
  resubmitted_at: number | null;
}

export type NotificationKind = 'flow-failing' | 'connection-unauthenticated' | 'flow-turned-off' | 'digest' | 'connection-expiring';

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: NotificationKind;
  title: string;
  message: string;
  link: string;
  created_at: number;
  read_at: number | null;
}

/** Open causes ("flow F failing", "connection C unauthenticated"): one notice per cause until it is fixed. */
export interface NotificationCausesTable {
  cause: string;
  user_id: string;
  opened_at: number;
}

export interface AuditTable {
  id: string;
  at: number;
  actor_id: string | null;
  action: string;
  target: string;
  /** JSON object; never holds a secret. */
  detail: string;
}

export type JobKind = 'bulk-resubmit' | 'bulk-cancel';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobsTable {
  id: string;
  kind: JobKind;
  owner_id: string;
  status: JobStatus;
  /** Parameters of the job (JSON), e.g. { fromFailedAction: true }. */
  params: string;
  total: number;
  done: number;
  failed: number;
  /** The process working on it and until when; another process takes over when it lapses. */
  lease_owner: string | null;
  lease_until: number | null;
  created_at: number;
  finished_at: number | null;
}

export type JobItemState = 'pending' | 'done' | 'failed';

export interface JobItemsTable {
  job_id: string;
  seq: number;
  run_id: string;
  state: JobItemState;
  new_run_id: string | null;
  error: string | null;
}

/** Pending OAuth consents: the state parameter, the PKCE verifier (sealed) and where to go back. */
export interface OAuthStatesTable {
  state: string;
  connection_id: string;
  user_id: string;
  verifier_sealed: string;
  redirect_uri: string;
  return_to: string;
  expires_at: number;
}

/** Connectors imported from OpenAPI documents (their definition as JSON); every user may use them. */
export interface ImportedConnectorsTable {
  id: string;
  name: string;
  definition: string;
  imported_by: string | null;
  created_at: number;
  updated_at: number;
}

/** Small platform facts: the last digest day, the instance id … */
export interface PlatformValuesTable {
  key: string;
  value: string;
  updated_at: number;
}

/** Attempts per key (sign-in per client address) in the current fixed window, shared by every process. */
export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
}

export interface PlatformTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  flow_access: FlowAccessTable;
  flow_settings: FlowSettingsTable;
  connections: ConnectionsTable;
  connection_shares: ConnectionSharesTable;
  connection_failures: ConnectionFailuresTable;
  notifications: NotificationsTable;
  notification_causes: NotificationCausesTable;
  audit: AuditTable;
  jobs: JobsTable;
  job_items: JobItemsTable;
  oauth_states: OAuthStatesTable;
  platform_values: PlatformValuesTable;
  imported_connectors: ImportedConnectorsTable;
  rate_limits: RateLimitsTable;
}
