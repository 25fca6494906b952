// What the engine needs from outside, declared here so the engine runs anywhere: in
// tests and `brook run` with a temporary SQLite store and plain fetch, in the server
// with the shared store, the SSRF-guarded HTTP client and the connection vault.
// @brook/store implements RunStore (it imports these types; the engine never imports the store).
// Times are epoch milliseconds; JSON values are plain values (the store serialises them).
import type { ClassifiedError, WorkflowDefinition } from '@brook/wdl';

// ---------------------------------------------------------------------------
// Records

/** Status of a run. `Waiting` = created, not started yet. */
export type RunStatus = 'Waiting' | 'Running' | 'Succeeded' | 'Failed' | 'Cancelled' | 'TimedOut' | 'Skipped';

/** Status of one action (or one iteration of an action inside a loop). */
export type ActionStatus = 'Waiting' | 'Running' | 'Succeeded' | 'Failed' | 'Skipped' | 'TimedOut' | 'Cancelled';

/** How a run was resubmitted: the whole run again, or from a chosen action. */
export type ResubmitMode = 'run' | 'action';

/** What a Response action answered (kept on the run for the waiting HTTP caller). */
export interface RunResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

export type VariableType = 'Boolean' | 'Integer' | 'Float' | 'String' | 'Object' | 'Array';

export interface VariableState {
  /** The name as initialized (lookups are case-insensitive). */
  name: string;
  type: VariableType;
  value: unknown;
}

/** Variables of a run, keyed by lower-cased name. */
export type RunVariables = Record<string, VariableState>;

export interface RunRecord {
  id: string;
  flowId: string;
  flowVersion: number;
  status: RunStatus;
  triggerName: string;
  /** For Request triggers `{ headers, body, queries, relativePathParameters }`. */
  triggerOutputs: unknown;
  /** Definition `outputs`, evaluated when the run ends. */
  outputs: Record<string, unknown> | null;
  response: RunResponse | null;
  /** The run's error: the first failed action's classified error, or Terminate's runError. */
  error: ClassifiedError | null;
  /** Name of the action whose error is `error`. */
  failedAction: string | null;
  /** Connections whose calls failed in this run. */
  connectionIds: string[];
  variables: RunVariables;
  clientTrackingId: string | null;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  resubmittedFrom: string | null;
  resubmitMode: ResubmitMode | null;
  /** For `resubmitMode: 'action'`: where execution restarts. */
  resubmitFromAction: string | null;
  /** Set on runs started by a Workflow action. */
  parentRunId: string | null;
  parentActionKey: string | null;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  cancelRequested: boolean;
  /** Set while the run sleeps on a timer (Wait, a retry due later, a webhook): not claimable until woken. */
  wakeAt: number | null;
  suspended: boolean;
}

export interface AttemptRecord {
  startedAt: number;
  endedAt: number;
  status: ActionStatus;
  code: string | null;
  error: ClassifiedError | null;
}

export interface ActionRecord {
  runId: string;
  /** Unique in the run: the action name, plus `#i.j` for its loop iteration path. */
  key: string;
  name: string;
  type: string;
  /** Enclosing Scope/If/Switch/Foreach/Until names, outermost first. */
  scopePath: string[];
  /** Iteration indexes of the enclosing loops, outermost first; empty outside loops. */
  iterationPath: number[];
  status: ActionStatus;
  /** 'OK', 'NotFound', 'ActionSkipped', 'ActionBranchingConditionNotSatisfied', 'Terminated', … */
  code: string | null;
  /** Secret values are masked ('***'); secure inputs/outputs are `{ "$secure": true }`. */
  inputs: unknown;
  outputs: unknown;
  error: ClassifiedError | null;
  attempts: AttemptRecord[];
  startedAt: number | null;
  endedAt: number | null;
  /** The connection the action called through, when it used one. */
  connectionId: string | null;
  /** Copied from the original run by a resubmit from an action. */
  resubmitted: boolean;
  trackedProperties: Record<string, unknown> | null;
  /** Start order within the run. */
  seq: number;
  /** Engine-private state that lets a resumed run continue the action (a Wait's end, a webhook's callback). */
  state: unknown;
}

export interface FlowVersionRecord {
  flowId: string;
  version: number;
  definition: WorkflowDefinition;
  /**
   * Connection reference name → connection id: the connections this version calls. The
   * engine does not read it; the ConnectionInvoker resolves references by (flowId, flowVersion).
   */
  connections: Record<string, string>;
  createdAt: number;
  createdBy: string | null;
}

export interface NewRun {
  /** Chosen by the caller when it must be idempotent (child runs); otherwise generated. */
  id?: string;
  flowId: string;
  flowVersion: number;
  triggerName: string;
  triggerOutputs: unknown;
  clientTrackingId?: string | null;
  resubmittedFrom?: string | null;
  resubmitMode?: ResubmitMode | null;
  resubmitFromAction?: string | null;
  parentRunId?: string | null;
  parentActionKey?: string | null;
  /** Records copied into the new run (resubmit from an action). */
  copiedActions?: ActionRecord[];
  variables?: RunVariables;
  /** Claim the new run for this worker at once (saves a round trip when the creator runs it). */
  claim?: { owner: string; leaseMs: number };
  createdAt: number;
}

/** Changes to a run written together with action records in one checkpoint. */
export interface RunUpdate {
  status?: RunStatus;
  startedAt?: number;
  endedAt?: number;
  outputs?: Record<string, unknown> | null;
  response?: RunResponse | null;
  error?: ClassifiedError | null;
  failedAction?: string | null;
  connectionIds?: string[];
  /** Give the run up: clear the lease (a finished run, or a stopping worker). */
  release?: boolean;
  /**
   * Sleep: the lease is released and the run is not claimable until `until` (a timer row
   * is written) or until `wakeRun` (a webhook callback); `until: null` waits for the callback only.
   */
  suspend?: { until: number | null };
}

/** Everything one run writes in one checkpoint. Applied only while `leaseOwner` holds the run. */
export interface RunWrite {
  runId: string;
  leaseOwner: string;
  /** Upserted by (runId, key): a re-run of an action replaces its record. */
  actions: ActionRecord[];
  /** Full replacement of the run's variables, when they changed. */
  variables?: RunVariables;
  run?: RunUpdate;
}

export interface CheckpointResult {
  /** Runs whose lease was lost: nothing of theirs was written. */
  rejected: string[];
}

export interface LeaseRenewal {
  /** Runs this owner no longer holds (expired and claimed elsewhere, or gone). */
  lost: string[];
  /** Held runs whose cancellation was requested. */
  cancelRequested: string[];
}

/** Timers due: recurrence schedules (one row per flow trigger, advanced when it fires). */
export interface ScheduleTimer {
  key: string;
  flowId: string;
  triggerName: string;
  fireAt: number;
}

// ---------------------------------------------------------------------------
// Ports

/** Durable state of runs. Implemented by @brook/store (SQLite and PostgreSQL) and by MemoryRunStore. */
export interface RunStore {
  /** Creates a run (and its copied action records) in one transaction. Idempotent when `id` is given: an existing run is returned as is. */
  createRun(run: NewRun): Promise<RunRecord>;
  getRun(runId: string): Promise<RunRecord | null>;
  /** The run and all its action records, in start order. */
  loadRun(runId: string): Promise<{ run: RunRecord; actions: ActionRecord[] } | null>;
  /** One action record (a waiting webhook polls its own for the callback). */
  getAction(runId: string, key: string): Promise<ActionRecord | null>;
  getFlowVersion(flowId: string, version: number): Promise<FlowVersionRecord | null>;
  /** The flow's current version (resubmit of a whole run uses it). */
  getCurrentFlowVersion(flowId: string): Promise<FlowVersionRecord | null>;
  /**
   * Claims up to `limit` runnable runs (Waiting or Running, not suspended, lease free or
   * expired) for `owner` until `now + leaseMs`. PostgreSQL: FOR UPDATE SKIP LOCKED, so two
   * workers never claim the same run.
   */
  claimRuns(owner: string, limit: number, leaseMs: number, now: number): Promise<RunRecord[]>;
  renewLeases(owner: string, runIds: string[], leaseMs: number, now: number): Promise<LeaseRenewal>;
  /**
   * Writes finished actions, variable changes and run updates of many runs in ONE
   * transaction (group commit). Each run's part is applied only if `leaseOwner` still holds it.
   */
  checkpoint(writes: RunWrite[]): Promise<CheckpointResult>;
  /** Marks a run for cancellation; a Waiting or suspended run is cancelled at once. Returns the run after the change. */
  requestCancel(runId: string, now: number): Promise<RunRecord | null>;
  /** Makes suspended runs whose timer is due claimable again; returns how many. Fires once cluster-wide. */
  wakeDueRuns(now: number, limit: number): Promise<number>;
  /** Wakes one suspended run now (a webhook callback arrived). Stores `state` on the action record first when given. */
  wakeRun(runId: string, actionKey?: string, state?: unknown): Promise<void>;
  /** Resolves when there may be new work (PostgreSQL: LISTEN/NOTIFY), or after `timeoutMs`. */
  waitForWork?(timeoutMs: number, signal: AbortSignal): Promise<void>;
  /** Schedule timers (Recurrence triggers). */
  upsertScheduleTimer(timer: ScheduleTimer): Promise<void>;
  deleteScheduleTimers(flowId: string): Promise<void>;
  dueScheduleTimers(now: number, limit: number): Promise<ScheduleTimer[]>;
  /**
   * Fires a schedule once cluster-wide: if the timer still has `fireAt`, moves it to
   * `nextFireAt` (or deletes it when null) and creates `run`, in one transaction. Returns
   * the run, or null when another worker fired it first.
   */
  fireScheduleTimer(key: string, fireAt: number, nextFireAt: number | null, run: NewRun): Promise<RunRecord | null>;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Per-call timeout; the engine also aborts through `signal` on cancel or action timeout. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** ClientCertificate authentication. */
  clientCertificate?: { pfx: Uint8Array; passphrase?: string };
}

export interface HttpResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Outgoing HTTP. Rejects on transport failures; an Error carrying `classified:
 * ClassifiedError` (e.g. a blocked address) is recorded as is, other errors are
 * classified by the engine (timeout, network).
 */
export interface HttpClient {
  send(request: HttpRequest): Promise<HttpResponse>;
}

/** A call made through a connection (ApiConnection, OpenApiConnection, ApiConnectionWebhook actions). */
export interface ConnectionCallRequest {
  actionType: string;
  /** Connection reference name as written in the definition (`host.connection.name` / `referenceName`, `host.connectionName`). */
  connectionReference: string;
  /** The evaluated `inputs.host`. */
  host: Record<string, unknown>;
  /** ApiConnection: method, path, queries, headers, body. */
  method?: string;
  path?: string;
  queries?: Record<string, unknown>;
  headers?: Record<string, string>;
  body?: unknown;
  /** OpenApiConnection: the operation and its flattened parameters. */
  operationId?: string;
  parameters?: Record<string, unknown>;
  flowId: string;
  /** The version the run executes: its connection mapping resolves `connectionReference` (a resubmit from an action keeps the original's). */
  flowVersion: number;
  runId: string;
  actionName: string;
  /** Same for every attempt of one action in one iteration; send it as `Idempotency-Key`. */
  idempotencyKey: string;
  timeoutMs: number;
  signal: AbortSignal;
}

export type ConnectionCallResult = (
  | { ok: true; connectionId: string; status: number; headers: Record<string, string>; body: unknown }
  | { ok: false; connectionId?: string; status?: number; headers?: Record<string, string>; body?: unknown; error: ClassifiedError }
) & {
  /** Hides the connection's secrets and the call's sensitive values in a copy of the action's record (expressions see the real values). */
  hide?: <T>(value: T) => T;
};

/** Performs authenticated calls through stored connections (fulfilled by @brook/connectors in the server). */
export interface ConnectionInvoker {
  invoke(request: ConnectionCallRequest): Promise<ConnectionCallResult>;
}

export interface ChildFlowReference {
  /** LA: `host.workflow.id`; PA: `host.workflowReferenceName`. */
  workflowId: string;
  triggerName?: string;
}

/** Finds the flow a Workflow action calls. */
export interface ChildFlowResolver {
  resolve(reference: ChildFlowReference, parent: { flowId: string; runId: string }): Promise<{ flowId: string; version: number; definition: WorkflowDefinition; triggerName: string } | null>;
}

/** Where a webhook (HttpWebhook action) posts back; the server routes it to `Engine.deliverCallback`. */
export interface CallbackUrls {
  actionCallbackUrl(runId: string, actionKey: string): string;
}

export interface Clock {
  now(): number;
  /** Resolves after `ms` (or at once when `signal` aborts). Tests inject a clock whose sleep advances time instantly. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** pino-compatible subset. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Live changes, for SSE. Emitted after the change is committed. */
export type EngineEvent =
  | { type: 'run'; run: RunRecord }
  | { type: 'action'; runId: string; action: ActionRecord }
  | { type: 'response'; runId: string; response: RunResponse };

export interface EventSink {
  emit(event: EngineEvent): void;
}
