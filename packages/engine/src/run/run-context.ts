// The live state of one run while this process executes it: its records (restored from
// the store and new), variables, the abort and pause switches, and the sleepers that
// decide when the whole run can be suspended.
import { setMaxListeners } from 'node:events';
import type { ClassifiedError } from '@brook/wdl';
import type { ActionRecord, RunRecord, RunResponse, RunStatus, RunUpdate, RunVariables } from '../ports.js';
import type { FlowPlan } from '../definition/plan.js';
import type { EngineDeps } from './deps.js';
import { isFinalStatus } from './keys.js';
import { secureParameterValues, secureSettingsOf } from './secure.js';

/** Why a run stops executing before its actions are done. */
export type AbortReason =
  | { kind: 'terminated'; status: 'Failed' | 'Cancelled' | 'Succeeded'; error: ClassifiedError | null }
  | { kind: 'cancelled' }
  | { kind: 'timedOut' }
  /** The lease moved to another worker: stop without writing anything. */
  | { kind: 'lost' };

export class RunContext {
  readonly records = new Map<string, ActionRecord>();
  /** Latest record per action name (for actions('x') from outside x's loop). */
  readonly latestByName = new Map<string, ActionRecord>();
  /** Real (unmasked) inputs/outputs of records finished in this process, by key. */
  readonly unmasked = new Map<string, { inputs: unknown; outputs: unknown }>();
  /** Values of secure parameters, masked in every record. */
  readonly secrets: readonly string[];
  /** trigger() of this run, built on first use. */
  triggerRecord: Record<string, unknown> | undefined;
  /** Parameter values that were expressions, evaluated once per run. */
  readonly parameterValues = new Map<string, unknown>();
  variables: RunVariables;
  private variablesDirty = false;
  private nextSeq = 0;
  readonly abortController = new AbortController();
  abortReason: AbortReason | null = null;
  readonly pauseController = new AbortController();
  /** Earliest wake time of the sleepers interrupted by a pause (Infinity: a callback only). */
  pausedWake: number | null = null;
  /** A ready action was held back by a pause: the run must be released, not suspended. */
  heldBack = false;
  private readonly callbacks = new Map<string, unknown>();
  private readonly callbackWaiters = new Map<string, Set<() => void>>();
  private active = 0;
  private readonly sleepers = new Set<{ until: number | null }>();
  response: RunResponse | null;
  firstFailure: { action: string; error: ClassifiedError } | null = null;
  readonly failedConnections = new Set<string>();
  readonly startedAt: number;

  /** Record keys of running actions whose expressions read secured data (their inputs are hidden). */
  readonly tainted = new Set<string>();
  /** The trigger secures its inputs or outputs: actions reading them hide their inputs. */
  readonly triggerSecure: boolean;

  constructor(
    readonly deps: EngineDeps,
    public run: RunRecord,
    readonly plan: FlowPlan,
    restored: ActionRecord[],
  ) {
    // Every in-flight action listens on these; a wide Foreach has up to 50 at once.
    setMaxListeners(0, this.abortController.signal, this.pauseController.signal);
    this.variables = run.variables;
    this.secrets = secureParameterValues(plan.definition.parameters);
    const trigger = plan.definition.triggers?.[run.triggerName];
    const triggerSecure = trigger ? secureSettingsOf('', trigger) : null;
    this.triggerSecure = triggerSecure !== null && (triggerSecure.inputs || triggerSecure.outputs);
    this.response = run.response;
    for (const record of restored) this.restore(record);
    this.startedAt = run.startedAt ?? deps.clock.now();
  }

  private restore(record: ActionRecord): void {
    this.records.set(record.key, record);
    const latest = this.latestByName.get(record.name);
    if (!latest || latest.seq <= record.seq) this.latestByName.set(record.name, record);
    if (record.seq >= this.nextSeq) this.nextSeq = record.seq + 1;
    if (record.status === 'Failed' && record.error && !this.firstFailure && isFinalStatus(record.status)) {
      this.firstFailure = { action: record.name, error: record.error };
    }
    if (record.status === 'Failed' && record.error?.connectionId) this.failedConnections.add(record.error.connectionId);
  }

  get id(): string {
    return this.run.id;
  }

  takeSeq(): number {
    return this.nextSeq++;
  }

  get aborted(): boolean {
    return this.abortReason !== null;
  }

  get pausing(): boolean {
    return this.pauseController.signal.aborted;
  }

  abort(reason: AbortReason): void {
    if (this.abortReason) return;
    this.abortReason = reason;
    this.abortController.abort();
  }

  pause(): void {
    if (!this.pauseController.signal.aborted) this.pauseController.abort();
  }

  markVariablesChanged(): void {
    this.variablesDirty = true;
  }

  /** Keeps a finished record in memory; the caller checkpoints it. */
  remember(record: ActionRecord, unmasked?: { inputs: unknown; outputs: unknown }): void {
    this.records.set(record.key, record);
    this.latestByName.set(record.name, record);
    if (unmasked) this.unmasked.set(record.key, unmasked);
    if (record.status === 'Failed' && record.error) {
      if (!this.firstFailure) this.firstFailure = { action: record.name, error: record.error };
      if (record.error.connectionId) this.failedConnections.add(record.error.connectionId);
    }
  }

  /** Commits records (and the variables, when they changed) before the caller goes on. */
  checkpoint(records: ActionRecord[], run?: RunUpdate): Promise<void> {
    // A snapshot: the committer may serialize later, when other actions have changed the
    // variables (values themselves are never changed in place, so a shallow copy suffices).
    const variables = this.variablesDirty ? snapshot(this.variables) : undefined;
    this.variablesDirty = false;
    return this.deps.checkpointer.write(this.run.id, this.deps.workerId, records, variables, run);
  }

  /** Queues a write without waiting (a container's Running record): later writes of this run commit after it. */
  checkpointLater(records: ActionRecord[], run?: RunUpdate): void {
    this.checkpoint(records, run).catch(() => undefined);
  }

  // --- activity: is every in-flight action asleep? -------------------------------------

  enter(): void {
    this.active += 1;
  }

  leave(): void {
    this.active -= 1;
  }

  /**
   * Sleeps until `until` (null: until woken by a callback). Returns 'paused' when the run
   * suspends or the worker stops meanwhile: the caller returns without a record, and the
   * action continues from its saved state when the run resumes.
   */
  async sleep(until: number | null, signal: AbortSignal, wake?: Promise<void>): Promise<'done' | 'paused' | 'aborted'> {
    const sleeper = { until };
    this.sleepers.add(sleeper);
    try {
      this.considerSuspending();
      if (this.pausing) {
        const wake = until ?? Number.POSITIVE_INFINITY;
        this.pausedWake = this.pausedWake === null ? wake : Math.min(this.pausedWake, wake);
        return 'paused';
      }
      if (signal.aborted) return 'aborted';
      const pause = this.pauseController.signal;
      const both = AbortSignal.any([signal, pause]);
      const waits: Array<Promise<unknown>> = [];
      if (until !== null) waits.push(this.deps.clock.sleep(Math.max(0, until - this.deps.clock.now()), both));
      else waits.push(new Promise((resolve) => both.addEventListener('abort', resolve, { once: true })));
      if (wake) waits.push(wake);
      await Promise.race(waits);
      if (pause.aborted) {
        const wake = until ?? Number.POSITIVE_INFINITY;
        this.pausedWake = this.pausedWake === null ? wake : Math.min(this.pausedWake, wake);
        return 'paused';
      }
      if (signal.aborted) return 'aborted';
      return 'done';
    } finally {
      this.sleepers.delete(sleeper);
    }
  }

  /** When every in-flight action sleeps long enough, pause them all: the run suspends until the earliest wakes. */
  private considerSuspending(): void {
    if (!Number.isFinite(this.deps.suspendThresholdMs)) return;
    if (this.active === 0 || this.sleepers.size < this.active) return;
    const now = this.deps.clock.now();
    for (const sleeper of this.sleepers) {
      if (sleeper.until !== null && sleeper.until - now < this.deps.suspendThresholdMs) return;
    }
    this.pause();
  }

  // --- webhook callbacks -----------------------------------------------------------------

  /** A callback delivered to this process for the action `key`. */
  deliverCallback(key: string, payload: unknown): void {
    this.callbacks.set(key, payload);
    const waiters = this.callbackWaiters.get(key);
    this.callbackWaiters.delete(key);
    for (const wake of waiters ?? []) wake();
  }

  callbackFor<T>(key: string): T | undefined {
    return this.callbacks.get(key) as T | undefined;
  }

  /** Resolves when a callback for `key` is delivered here, or after `pollMs` (to look in the store). */
  waitForCallback(key: string, pollMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, pollMs);
      timer.unref?.();
      let waiters = this.callbackWaiters.get(key);
      if (!waiters) this.callbackWaiters.set(key, (waiters = new Set()));
      waiters.add(done);
      function done(): void {
        clearTimeout(timer);
        waiters?.delete(done);
        resolve();
      }
    });
  }

  /** Status of the run once its actions are done (Terminate, cancel and timeouts override the graph). */
  finalStatus(graphStatus: 'Succeeded' | 'Failed' | 'TimedOut'): RunStatus {
    const reason = this.abortReason;
    if (!reason) return graphStatus;
    switch (reason.kind) {
      case 'terminated':
        return reason.status;
      case 'cancelled':
        return 'Cancelled';
      case 'timedOut':
        return 'TimedOut';
      case 'lost':
        return graphStatus;
    }
  }
}

function snapshot(variables: RunVariables): RunVariables {
  const copy: RunVariables = {};
  for (const [key, state] of Object.entries(variables)) copy[key] = { ...state };
  return copy;
}
