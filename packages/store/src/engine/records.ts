// The records the run store reads and writes. They mirror the RunStore port that
// @brook/engine declares (ports.ts); the store never imports the engine, TypeScript
// checks the two agree where the server and the CLI hand a store to the engine.
import type { ClassifiedError, WorkflowDefinition } from '@brook/wdl';


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
  /** Connection reference name → connection id: the connections this version calls services with. */
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

