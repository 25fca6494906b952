// The shapes of Brook's REST API (docs/api.md), as the portal reads them. The portal talks
// to the API only, so it keeps its own copy of the contract instead of importing packages.

export type RunStatus = 'Waiting' | 'Running' | 'Succeeded' | 'Failed' | 'Cancelled' | 'TimedOut' | 'Skipped';
export type ActionStatus = 'Waiting' | 'Running' | 'Succeeded' | 'Failed' | 'Skipped' | 'TimedOut' | 'Cancelled';
export type ConnectionStatus = 'connected' | 'unauthenticated' | 'error';

export type ErrorCategory =
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'throttled'
  | 'server'
  | 'timeout'
  | 'network'
  | 'expression'
  | 'definition'
  | 'cancelled';

export const ERROR_CATEGORIES: readonly ErrorCategory[] = [
  'authentication',
  'permission',
  'not_found',
  'throttled',
  'server',
  'timeout',
  'network',
  'expression',
  'definition',
  'cancelled',
];

export interface ClassifiedError {
  code: string;
  category: ErrorCategory;
  message: string;
  status?: number;
  connectionId?: string;
  connectionName?: string;
  remedy: { summary: string; steps: string[] };
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'maker';
  createdAt: string;
}

export interface AuthState {
  needsSetup: boolean;
  user: User | null;
  csrfToken: string | null;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface FlowSummary {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  owner: PersonRef;
  coOwners: PersonRef[];
  version: number;
  triggerType: string | null;
  lastRun: { id: string; status: RunStatus; startedAt: string } | null;
  runsLast7Days: number;
  failuresLast7Days: number;
  createdAt: string;
  updatedAt: string;
}

export interface ConnectionReference {
  name: string;
  connectorId: string | null;
  connectionId: string | null;
}

export interface TriggerInfo {
  name: string;
  type: string;
  method: string | null;
  relativePath: string | null;
  callbackUrl: string | null;
  nextRunAt: string | null;
}

export interface Flow extends FlowSummary {
  definition: WorkflowDefinition;
  connectionReferences: ConnectionReference[];
  triggers: TriggerInfo[];
}

export interface Problem {
  path: string;
  message: string;
  code: string;
}

export interface RunSummary {
  id: string;
  flowId: string;
  flowName: string;
  flowVersion: number;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  triggerName: string;
  error: ClassifiedError | null;
  failedAction: string | null;
  connectionIds: string[];
  resubmittedFrom: string | null;
  resubmitMode: 'run' | 'action' | null;
  resubmittedAs: string[];
}

export interface ActionAttempt {
  startedAt: string;
  endedAt: string;
  status: string;
  code: string | null;
  error: ClassifiedError | null;
}

export interface ActionRecord {
  name: string;
  type: string;
  scopePath: string[];
  iteration: number | null;
  status: ActionStatus;
  code: string | null;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  inputs: unknown;
  outputs: unknown;
  error: ClassifiedError | null;
  attempts: ActionAttempt[];
  connectionId: string | null;
  connectionName: string | null;
  resubmitted: boolean;
  canResubmitFrom: boolean;
  resubmitFromBlockedReason: string | null;
}

export interface Run extends RunSummary {
  triggerOutputs: unknown;
  outputs: Record<string, unknown>;
  response: { statusCode: number; headers: Record<string, string>; body: unknown } | null;
  actions: ActionRecord[];
  definition: WorkflowDefinition;
}

export type AuthType =
  | 'none'
  | 'basic'
  | 'apiKey'
  | 'bearer'
  | 'oauth2AuthorizationCode'
  | 'oauth2ClientCredentials'
  | 'smtp';

export type FixAction = 'verify_password' | 'sign_in_again' | 'update_credentials';

export interface Connection {
  id: string;
  name: string;
  connectorId: string;
  connectorName: string;
  authType: AuthType;
  fixAction: FixAction;
  owner: PersonRef;
  sharedWith: PersonRef[];
  canEdit: boolean;
  parameters: Record<string, unknown>;
  secretsSet: string[];
  status: ConnectionStatus;
  statusReason: string | null;
  lastCheckedAt: string | null;
  lastSuccessAt: string | null;
  tokenExpiresAt: string | null;
  broken: { runs: number; flows: number; since: string | null };
  createdAt: string;
}

export interface ConnectorParameter {
  name: string;
  label: string;
  secret: boolean;
  required: boolean;
  description?: string;
  default?: unknown;
  /** The values allowed, when it is a choice (e.g. "header" or "query"). */
  options?: string[];
}

export interface Connector {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  authType: AuthType;
  parameters: ConnectorParameter[];
  /** Every way the connector can authenticate, each with its parameters (first: authType). */
  authOptions?: { authType: AuthType; parameters: ConnectorParameter[] }[];
  operations: { id: string; method: string; path: string; summary: string }[];
}

export interface Job {
  id: string;
  kind: 'bulk-resubmit' | 'bulk-cancel';
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total: number;
  done: number;
  failed: number;
  results: { runId: string; newRunId: string | null; error: string | null }[];
  createdAt: string;
  finishedAt: string | null;
}

export type NotificationKind =
  | 'flow-failing'
  | 'connection-unauthenticated'
  | 'flow-turned-off'
  | 'digest'
  | 'connection-expiring';

export interface Notification {
  id: string;
  kind: NotificationKind;
  title: string;
  message: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  token?: string;
}

export interface DirectoryEntry {
  id: string;
  name: string;
  email: string;
}

export interface StatsDay {
  date: string;
  succeeded: number;
  failed: number;
  cancelled: number;
}

/** The parts of a WDL definition the portal reads; everything else is carried along as is. */
export interface WorkflowDefinition {
  triggers?: Record<string, { type?: unknown; kind?: unknown; [member: string]: unknown }>;
  actions?: Record<string, ActionDefinition>;
  [member: string]: unknown;
}

export interface ActionDefinition {
  type?: unknown;
  runAfter?: Record<string, unknown>;
  actions?: Record<string, ActionDefinition>;
  else?: { actions?: Record<string, ActionDefinition> };
  cases?: Record<string, { case?: unknown; actions?: Record<string, ActionDefinition> }>;
  default?: { actions?: Record<string, ActionDefinition> };
  [member: string]: unknown;
}
