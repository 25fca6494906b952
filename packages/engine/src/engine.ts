// The engine: ports in, runs out. `createEngine` composes the ports with the group
// committer and the plan cache; the same object executes one-shot runs in-process
// (`runToCompletion`, used by `brook run` and tests) and runs workers that claim runs
// from the store (`startWorker`).
import { randomBytes } from 'node:crypto';
import type { ActionRecord, CallbackUrls, ChildFlowResolver, Clock, ConnectionInvoker, EventSink, HttpClient, Logger, RunRecord, RunStore } from './ports.js';
import { Checkpointer } from './run/checkpoint.js';
import { PlanCache } from './definition/plan-cache.js';
import type { EngineDeps } from './run/deps.js';
import { executeRun, type RunEnd } from './run/execute-run.js';
import { silentLogger, systemClock } from './clock.js';
import { createFetchHttpClient } from './http/fetch-client.js';
import { startClaimLoop, type Worker, type WorkerOptions } from './run/claim.js';
import { resubmitRun, type ResubmitOptions } from './run/resubmit.js';
import { isFinalStatus } from './run/keys.js';

export interface EngineOptions {
  store: RunStore;
  /** Outgoing HTTP; defaults to plain undici (use the guarded client of @brook/connectors on a server). */
  http?: HttpClient;
  connections?: ConnectionInvoker;
  childFlows?: ChildFlowResolver;
  callbackUrls?: CallbackUrls;
  clock?: Clock;
  /** Random numbers in [0, 1) for rand() and guid(); Math.random by default (a seeded one makes runs repeatable). */
  random?: () => number;
  logger?: Logger;
  events?: EventSink;
  appSettings?: Record<string, unknown>;
  /** Identifies this process in leases; random by default. */
  workerId?: string;
  /** Lease length (renewed at a third of it). Default 30 s. */
  leaseMs?: number;
  /** Suspend a run whose every in-flight action sleeps longer than this. Default 30 s; Infinity never suspends. */
  suspendThresholdMs?: number;
  /** Longest a run may take. Default 90 days. */
  runTimeoutMs?: number;
  /** Per-call HTTP timeout. Default 120 s. */
  httpTimeoutMs?: number;
  /** How often a waiting webhook looks in the store for a callback delivered to another process. Default 5 s. */
  callbackPollMs?: number;
}

export interface StartRunInput {
  flowId: string;
  flowVersion: number;
  triggerName: string;
  triggerOutputs: unknown;
  clientTrackingId?: string | null;
}

export interface RunResult {
  run: RunRecord;
  /** Every action record, in start order. */
  actions: ActionRecord[];
}

export interface CallbackPayload {
  headers: Record<string, string>;
  body: unknown;
}

export interface Engine {
  readonly workerId: string;
  /** Creates a Waiting run; a worker (this one or another) claims it. */
  startRun(input: StartRunInput): Promise<RunRecord>;
  /** Creates a run and executes it here to its end (waits included; nothing is suspended). */
  runToCompletion(input: StartRunInput): Promise<RunResult>;
  /** Claims workers' work from the store until stopped. */
  startWorker(options?: WorkerOptions): Worker;
  /** A new run from an old one: the whole run on the flow's current version, or from an action on the original version. */
  resubmit(runId: string, options?: ResubmitOptions): Promise<RunRecord>;
  /** Cancels a run: at once when it has not started, otherwise its in-flight actions end Cancelled. */
  cancel(runId: string): Promise<RunRecord | null>;
  /** A webhook action's callback arrived; false when no such waiting action exists. */
  deliverCallback(runId: string, actionKey: string, payload: CallbackPayload): Promise<boolean>;
  /** Group-commit counters (flushes, writes, records). */
  readonly stats: { flushes: number; writes: number; records: number };
  /** Waits for queued checkpoints. */
  drain(): Promise<void>;
}

export function createEngine(options: EngineOptions): Engine {
  const logger = options.logger ?? silentLogger;
  const active = new Map<string, import('./run/run-context.js').RunContext>();
  const checkpointer = new Checkpointer({
    store: options.store,
    onLeaseLost: (runId) => active.get(runId)?.abort({ kind: 'lost' }),
    onError: (error) => logger.error({ err: error }, 'checkpoint failed'),
  });
  const deps: EngineDeps = {
    store: options.store,
    http: options.http ?? createFetchHttpClient(),
    ...(options.connections ? { connections: options.connections } : {}),
    ...(options.childFlows ? { childFlows: options.childFlows } : {}),
    ...(options.callbackUrls ? { callbackUrls: options.callbackUrls } : {}),
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
    logger,
    ...(options.events ? { events: options.events } : {}),
    ...(options.appSettings ? { appSettings: options.appSettings } : {}),
    workerId: options.workerId ?? `worker-${randomBytes(6).toString('hex')}`,
    leaseMs: options.leaseMs ?? 30_000,
    suspendThresholdMs: options.suspendThresholdMs ?? 30_000,
    runTimeoutMs: options.runTimeoutMs ?? 90 * 86_400_000,
    httpTimeoutMs: options.httpTimeoutMs ?? 120_000,
    callbackPollMs: options.callbackPollMs ?? 5000,
    checkpointer,
    plans: new PlanCache(),
    active,
    runChild: (runId, signal) => runChild(deps, runId, signal),
  };
  // In-process one-shot runs never suspend: there is no worker to wake them.
  const inProcess: EngineDeps = { ...deps, suspendThresholdMs: Number.POSITIVE_INFINITY };
  inProcess.runChild = (runId, signal) => runChild(inProcess, runId, signal);

  return {
    workerId: deps.workerId,
    stats: checkpointer.stats,
    async startRun(input) {
      const run = await deps.store.createRun({ ...input, createdAt: deps.clock.now() });
      deps.events?.emit({ type: 'run', run });
      return run;
    },
    async runToCompletion(input) {
      const run = await deps.store.createRun({ ...input, createdAt: deps.clock.now(), claim: { owner: deps.workerId, leaseMs: deps.leaseMs } });
      const end = await executeHeld(inProcess, run);
      if (end.kind === 'finished') return { run: end.run, actions: end.actions };
      // Lost to another worker (its lease lapsed): report what the store has.
      const loaded = await deps.store.loadRun(run.id);
      if (!loaded) throw new Error(`Run ${run.id} disappeared from the store.`);
      return loaded;
    },
    startWorker(workerOptions = {}) {
      return startClaimLoop(deps, workerOptions);
    },
    resubmit(runId, resubmitOptions = {}) {
      return resubmitRun(deps, runId, resubmitOptions);
    },
    async cancel(runId) {
      const run = await deps.store.requestCancel(runId, deps.clock.now());
      active.get(runId)?.abort({ kind: 'cancelled' });
      if (run) deps.events?.emit({ type: 'run', run });
      return run;
    },
    async deliverCallback(runId, actionKey, payload) {
      const action = await deps.store.getAction(runId, actionKey);
      if (!action || isFinalStatus(action.status)) return false;
      const state = { ...((action.state as object | null) ?? {}), subscribed: true, callback: payload };
      await deps.store.wakeRun(runId, actionKey, state);
      active.get(runId)?.deliverCallback(actionKey, payload);
      return true;
    },
    drain: () => checkpointer.drain(),
  };
}

/**
 * Executes a run this process holds, its lease renewed while it runs (`renew: false` when a
 * worker renews the leases of all its runs at once).
 */
export async function executeHeld(deps: EngineDeps, run: RunRecord, renewLease = true): Promise<RunEnd> {
  if (!renewLease) return executeRun(deps, run);
  const renew = setInterval(() => {
    deps.store.renewLeases(deps.workerId, [run.id], deps.leaseMs, deps.clock.now()).then(
      ({ lost, cancelRequested }) => {
        const ctx = deps.active.get(run.id);
        if (lost.length > 0) ctx?.abort({ kind: 'lost' });
        else if (cancelRequested.length > 0) ctx?.abort({ kind: 'cancelled' });
      },
      (error: unknown) => deps.logger.warn({ err: error, runId: run.id }, 'lease renewal failed'),
    );
  }, Math.max(1000, deps.leaseMs / 3));
  renew.unref?.();
  try {
    return await executeRun(deps, run);
  } finally {
    clearInterval(renew);
  }
}

/** Runs a child run (Workflow action) here when this process holds it; otherwise waits for whoever has it. */
async function runChild(deps: EngineDeps, runId: string, signal: AbortSignal): Promise<RunRecord | null> {
  for (;;) {
    const child = await deps.store.getRun(runId);
    if (!child) return null;
    if (isFinalStatus(child.status)) return child;
    if (signal.aborted) {
      await deps.store.requestCancel(runId, deps.clock.now());
      return null;
    }
    // Created claimed for this worker: run it here. Otherwise (a resumed parent) whoever holds it finishes it.
    if (child.leaseOwner === deps.workerId && !child.suspended && !deps.active.has(runId)) {
      const end = await executeHeld(deps, child);
      if (end.kind === 'finished') return end.run;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
