// @brook/engine — running a definition: scheduler over runAfter, action handlers, retries, checkpoints.
export type {
  RunStatus,
  ActionStatus,
  ResubmitMode,
  RunResponse,
  VariableType,
  VariableState,
  RunVariables,
  RunRecord,
  AttemptRecord,
  ActionRecord,
  FlowVersionRecord,
  NewRun,
  RunUpdate,
  RunWrite,
  CheckpointResult,
  LeaseRenewal,
  ScheduleTimer,
  RunStore,
  HttpRequest,
  HttpResponse,
  HttpClient,
  ConnectionCallRequest,
  ConnectionCallResult,
  ConnectionInvoker,
  ChildFlowReference,
  ChildFlowResolver,
  CallbackUrls,
  Clock,
  Logger,
  EngineEvent,
  EventSink,
} from './ports.js';

// Running flows
export { createEngine, type Engine, type EngineOptions, type StartRunInput, type RunResult, type CallbackPayload } from './engine.js';
export { startWorker, type StartWorkerOptions } from './start-worker.js';
export type { Worker, WorkerOptions } from './run/claim.js';
export { runDefinition, triggerNameOf, type RunDefinitionOptions } from './run-definition.js';
export { ResubmitError, type ResubmitErrorCode, type ResubmitOptions } from './run/resubmit.js';
export { canResubmitFrom } from './definition/inspect.js';
export { MemoryRunStore } from './memory-store.js';
export { systemClock, InstantClock, silentLogger, stderrLogger } from './clock.js';
export { createFetchHttpClient, type FetchHttpClientOptions } from './http/fetch-client.js';
export { idempotencyKey } from './http/request.js';
export { supportedActionTypes } from './actions/registry.js';
export { parseDuration } from './durations.js';

// Triggers
export {
  isRequestTrigger,
  matchRequestTrigger,
  requestTriggerOutputs,
  manualTriggerOutputs,
  type InboundRequest,
  type RequestMatch,
  type RequestTriggerOutputs,
  type TriggerOutputsResult,
} from './triggers/request.js';
export { nextOccurrence, RecurrenceError } from './triggers/recurrence.js';
export { ianaZone } from './triggers/time-zones.js';
export { scheduleKey, recurrenceTriggerOutputs } from './triggers/schedules.js';
export { runReport, type RunReport, type ActionReport } from './report.js';
export { prepareTriggerRuns, type TriggerDecision, type TriggerRunInput } from './triggers/prepare.js';
