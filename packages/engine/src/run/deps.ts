// Everything a running run needs from the engine around it, passed as one plain object.
import type { CallbackUrls, ChildFlowResolver, Clock, ConnectionInvoker, EventSink, HttpClient, Logger, RunStore } from '../ports.js';
import type { Checkpointer } from './checkpoint.js';
import type { PlanCache } from '../definition/plan-cache.js';
import type { RunContext } from './run-context.js';

export interface EngineDeps {
  store: RunStore;
  http: HttpClient;
  connections?: ConnectionInvoker;
  childFlows?: ChildFlowResolver;
  callbackUrls?: CallbackUrls;
  clock: Clock;
  /** Random numbers in [0, 1) for rand() and guid(); injectable for repeatable runs. */
  random: () => number;
  logger: Logger;
  events?: EventSink;
  /** Values for appsetting('name'). */
  appSettings?: Record<string, unknown>;
  workerId: string;
  leaseMs: number;
  /** A run whose every in-flight action sleeps longer than this is suspended (its lease released, a timer set). */
  suspendThresholdMs: number;
  /** Longest a run may take (the service's 90 days by default). */
  runTimeoutMs: number;
  /** Longest a single outgoing HTTP call may take (120 s). */
  httpTimeoutMs: number;
  /** Interval at which a waiting webhook looks for its callback in the store (when it arrived in another process). */
  callbackPollMs: number;
  checkpointer: Checkpointer;
  plans: PlanCache;
  /** Runs executing in this process, for cancel and callback delivery. */
  active: Map<string, RunContext>;
  /** Executes a child run (Workflow action) to its end in this process, or waits for it when another worker has it. */
  runChild(runId: string, signal: AbortSignal): Promise<import('../ports.js').RunRecord | null>;
}
