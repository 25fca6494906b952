// What an action handler is given and what it answers. Handlers are small: they read
// their inputs, do their one thing, and answer a tagged outcome; the executor
// (run/execute-action.ts) records, retries, times out and checkpoints.
import type { ClassifiedError, ExpressionHost } from '@brook/wdl';
import type { ActionStatus } from '../ports.js';
import type { ActionPlan, ContainerPlan } from '../definition/plan.js';
import type { Frame } from '../run/frame.js';
import type { RunContext } from '../run/run-context.js';
import type { ContainerOutcome } from '../run/schedule.js';

export type ActionOutcome =
  | {
      kind: 'done';
      status: ActionStatus;
      code: string | null;
      inputs?: unknown;
      outputs?: unknown;
      error?: ClassifiedError | null;
      connectionId?: string | null;
      /** Hides more in the record than the secure parameters (a connection's secrets); expressions still see the real values. */
      hide?: <T>(value: T) => T;
    }
  /** The run is suspending or the worker stopping: no record now; the action continues from its state on resume. */
  | { kind: 'paused' };

export interface ActionContext {
  run: RunContext;
  action: ActionPlan;
  frame: Frame;
  key: string;
  /** Aborted on cancel, Terminate, run timeout and the action's own limit.timeout. */
  signal: AbortSignal;
  /** State saved by an earlier, unfinished execution of this action (a resumed run). */
  previousState: unknown;
  /** Inputs recorded by an earlier, unfinished execution (a container's decision). */
  previousInputs: unknown;
  startedAt: number;
  host: ExpressionHost;
  /** Evaluates a template value (every string in it) for this action. */
  evaluate(value: unknown, where?: string): unknown;
  /** Evaluates with item() bound to `item` (Query, Select, Table rows). */
  evaluateWithItem(value: unknown, item: unknown, where?: string): unknown;
  /** What the record shows as inputs if the action ends from outside (its timeout, a cancel). */
  noteInputs(inputs: unknown): void;
  /** Queues a Running record carrying `state` (and inputs) so a resumed run continues here. */
  saveState(state: unknown, inputs?: unknown): void;
  /** Sleeps until a time (null: until `wake`), or answers 'paused'/'aborted'. */
  sleep(until: number | null, wake?: Promise<void>): Promise<'done' | 'paused' | 'aborted'>;
  runContainer(container: ContainerPlan, frame: Frame): Promise<ContainerOutcome>;
  /** Records the container's children as Skipped (a branch not taken). */
  skipContainer(container: ContainerPlan, frame: Frame, code: string, message: string): Promise<void>;
}

export interface ActionHandler {
  run(ctx: ActionContext): Promise<ActionOutcome> | ActionOutcome;
  /** Uses the retry policy on retryable failures (HTTP-like actions). */
  retries?: boolean;
  /** Containers decide their own timeout handling (Until checks between cycles). */
  container?: boolean;
}

export class ActionFailure extends Error {
  constructor(
    readonly error: ClassifiedError,
    readonly inputs?: unknown,
    readonly outputs?: unknown,
  ) {
    super(error.message);
    this.name = 'ActionFailure';
  }
}

export function succeeded(inputs: unknown, outputs: unknown, code = 'OK'): ActionOutcome {
  return { kind: 'done', status: 'Succeeded', code, inputs, outputs };
}

export function failed(error: ClassifiedError, inputs?: unknown, outputs?: unknown, status: ActionStatus = 'Failed'): ActionOutcome {
  return { kind: 'done', status, code: error.code, error, inputs, outputs };
}
