// The records the run store reads and writes are the engine's: the store implements the
// RunStore port that @brook/engine declares (ports.ts), so it takes the record types from
// there rather than keeping a copy that could drift.
export type {
  ActionRecord,
  ActionStatus,
  AttemptRecord,
  CheckpointResult,
  FlowVersionRecord,
  LeaseRenewal,
  NewRun,
  ResubmitMode,
  RunRecord,
  RunResponse,
  RunStatus,
  RunUpdate,
  RunVariables,
  RunWrite,
  ScheduleTimer,
  VariableState,
  VariableType,
} from '@brook/engine';
