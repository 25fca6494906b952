// The vocabulary every layer uses to say why something failed. The engine attaches a
// ClassifiedError to each failed action; connectors classify HTTP and credential
// failures into it; the server, the portal and `brook runs why` show it as is.

/** Closed set: switch over it exhaustively (see assertNever). */
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

/** What fixes a failure, in the words of the portal. */
export interface Remedy {
  /** One sentence: "The password of connection 'Orders API' no longer works." */
  summary: string;
  /** Numbered steps a person follows, e.g. ["Open Settings, Connections.", "Choose 'Orders API'.", "Click Verify password …", "Resubmit the run."] */
  steps: string[];
}

export interface ClassifiedError {
  /** Service-style code: "Unauthorized", "ActionFailed", "InvalidTemplate", "ActionTimedOut", … */
  code: string;
  category: ErrorCategory;
  /** Plain message; never contains a secret. */
  message: string;
  /** HTTP status of the call that failed, when there was one. */
  status?: number;
  /** The connection whose call failed, when the action used one. */
  connectionId?: string;
  remedy: Remedy;
  /** Whether trying again as is can help (server errors, throttling, network). */
  retryable?: boolean;
  /** Milliseconds the service asked us to wait (Retry-After). */
  retryAfterMs?: number;
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
