// The shape of a WDL workflow definition as Brook reads it. Member names follow the
// service exactly; type names (`type`, `kind`) are compared case-insensitively
// everywhere (see normalizeTypeName). Unknown members are kept, never dropped.

export type RunAfterStatus = 'Succeeded' | 'Failed' | 'Skipped' | 'TimedOut';

export interface WorkflowDefinition {
  $schema?: string;
  contentVersion?: string;
  description?: string;
  parameters?: Record<string, ParameterDefinition>;
  triggers?: Record<string, TriggerDefinition>;
  actions?: Record<string, ActionDefinition>;
  outputs?: Record<string, { type: string; value: unknown; description?: string }>;
  staticResults?: Record<string, StaticResult>;
  metadata?: Record<string, unknown>;
  [member: string]: unknown;
}

export interface ParameterDefinition {
  type: string; // int, float, string, securestring, bool, array, object, secureobject (any case)
  defaultValue?: unknown;
  /** Value supplied outside the definition (ARM `parameters`, PA package, flow settings). */
  value?: unknown;
  allowedValues?: unknown[];
  metadata?: Record<string, unknown>;
  description?: string;
}

export interface StaticResult {
  status: string;
  outputs?: { statusCode?: number | string; headers?: Record<string, string>; body?: unknown; errors?: unknown[]; [k: string]: unknown };
  [member: string]: unknown;
}

export interface RetryPolicy {
  type: string; // default | none | fixed | exponential (any case)
  count?: number;
  interval?: string;
  minimumInterval?: string;
  maximumInterval?: string;
}

export interface RuntimeConfiguration {
  concurrency?: { runs?: number; maximumWaitingRuns?: number; repetitions?: number };
  secureData?: { properties?: Array<'inputs' | 'outputs'> };
  staticResult?: { name: string; staticResultOptions?: string };
  paginationPolicy?: { minimumItemCount?: number };
  contentTransfer?: { transferMode?: string };
  [member: string]: unknown;
}

interface OperationBase {
  type: string;
  kind?: string;
  inputs?: unknown;
  description?: string;
  metadata?: Record<string, unknown>;
  runtimeConfiguration?: RuntimeConfiguration;
  operationOptions?: string;
  conditions?: Array<{ expression: string }>;
  [member: string]: unknown;
}

export interface TriggerDefinition extends OperationBase {
  recurrence?: Recurrence;
  splitOn?: string;
  correlation?: { clientTrackingId?: string };
}

export interface Recurrence {
  frequency: string; // Second | Minute | Hour | Day | Week | Month (any case)
  interval: number;
  startTime?: string;
  endTime?: string;
  timeZone?: string;
  schedule?: { hours?: number[]; minutes?: number[]; weekDays?: string[]; monthDays?: number[] };
}

export interface ActionDefinition extends OperationBase {
  runAfter?: Record<string, RunAfterStatus[] | string[]>;
  trackedProperties?: Record<string, unknown>;
  limit?: { count?: number | string; timeout?: string };
  /** Scope, If (then-branch), Foreach, Until */
  actions?: Record<string, ActionDefinition>;
  /** If */
  expression?: unknown;
  else?: { actions?: Record<string, ActionDefinition> };
  /** Switch */
  cases?: Record<string, { case: unknown; actions?: Record<string, ActionDefinition> }>;
  default?: { actions?: Record<string, ActionDefinition> };
  /** Foreach */
  foreach?: unknown;
}

/** Lower-case a `type` or `kind` for comparison: "foreach", "Foreach" and "ForEach" are the same. */
export function normalizeTypeName(type: unknown): string {
  return typeof type === 'string' ? type.trim().toLowerCase() : '';
}
