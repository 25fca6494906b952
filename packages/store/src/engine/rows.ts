// Rows ↔ records. JSON columns are text in both dialects; reading never throws: a
// damaged value reads as the fallback, so one bad row cannot take down a run list.
import type { ActionRecordsTable, FlowVersionsTable, RunsTable } from '../schema/engine.js';
import type { ActionRecord, FlowVersionRecord, RunRecord, RunStatus, ActionStatus, ResubmitMode, NewRun } from './records.js';
import type { WorkflowDefinition } from '@brook/wdl';

export function json(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

export function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

export function parse<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** pg returns bigint as number (see database.ts); SQLite returns number. Nulls stay null. */
function num(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

export function runFromRow(row: RunsTable): RunRecord {
  return {
    id: row.id,
    flowId: row.flow_id,
    flowVersion: Number(row.flow_version),
    status: row.status as RunStatus,
    triggerName: row.trigger_name,
    triggerOutputs: parse(row.trigger_outputs, null),
    outputs: parse(row.outputs, null),
    response: parse(row.response, null),
    error: parse(row.error, null),
    failedAction: row.failed_action,
    connectionIds: parse(row.connection_ids, []),
    variables: parse(row.variables, {}),
    clientTrackingId: row.client_tracking_id,
    createdAt: Number(row.created_at),
    startedAt: num(row.started_at),
    endedAt: num(row.ended_at),
    resubmittedFrom: row.resubmitted_from,
    resubmitMode: row.resubmit_mode as ResubmitMode | null,
    resubmitFromAction: row.resubmit_from_action,
    parentRunId: row.parent_run_id,
    parentActionKey: row.parent_action_key,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: num(row.lease_expires_at),
    cancelRequested: Number(row.cancel_requested) === 1,
    wakeAt: num(row.wake_at),
    suspended: Number(row.suspended) === 1,
  };
}

export function newRunRow(id: string, run: NewRun): RunsTable {
  return {
    id,
    flow_id: run.flowId,
    flow_version: run.flowVersion,
    status: 'Waiting',
    trigger_name: run.triggerName,
    trigger_outputs: json(run.triggerOutputs),
    outputs: null,
    response: null,
    error: null,
    error_category: null,
    failed_action: null,
    connection_ids: '[]',
    variables: json(run.variables ?? {}),
    client_tracking_id: run.clientTrackingId ?? null,
    created_at: run.createdAt,
    started_at: null,
    ended_at: null,
    resubmitted_from: run.resubmittedFrom ?? null,
    resubmit_mode: run.resubmitMode ?? null,
    resubmit_from_action: run.resubmitFromAction ?? null,
    parent_run_id: run.parentRunId ?? null,
    parent_action_key: run.parentActionKey ?? null,
    lease_owner: run.claim?.owner ?? null,
    lease_expires_at: run.claim ? run.createdAt + run.claim.leaseMs : null,
    cancel_requested: 0,
    suspended: 0,
    wake_at: null,
  };
}

export function actionFromRow(row: ActionRecordsTable): ActionRecord {
  return {
    runId: row.run_id,
    key: row.key,
    name: row.name,
    type: row.type,
    scopePath: parse(row.scope_path, []),
    iterationPath: row.iteration_path === '' ? [] : row.iteration_path.split('.').map(Number),
    status: row.status as ActionStatus,
    code: row.code,
    inputs: parse(row.inputs, null),
    outputs: parse(row.outputs, null),
    error: parse(row.error, null),
    attempts: parse(row.attempts, []),
    startedAt: num(row.started_at),
    endedAt: num(row.ended_at),
    connectionId: row.connection_id,
    resubmitted: Number(row.resubmitted) === 1,
    trackedProperties: parse(row.tracked_properties, null),
    seq: Number(row.seq),
    state: parse(row.state, null),
  };
}

export function actionRow(runId: string, action: ActionRecord): ActionRecordsTable {
  const path = action.iterationPath;
  return {
    run_id: runId,
    key: action.key,
    name: action.name,
    type: action.type,
    scope_path: JSON.stringify(action.scopePath),
    iteration_path: path.length === 0 ? '' : path.join('.'),
    iteration: path.length === 0 ? null : (path[path.length - 1] ?? null),
    status: action.status,
    code: action.code,
    inputs: jsonOrNull(action.inputs),
    outputs: jsonOrNull(action.outputs),
    error: jsonOrNull(action.error),
    attempts: JSON.stringify(action.attempts),
    started_at: action.startedAt,
    ended_at: action.endedAt,
    connection_id: action.connectionId,
    resubmitted: action.resubmitted ? 1 : 0,
    tracked_properties: jsonOrNull(action.trackedProperties),
    seq: action.seq,
    state: jsonOrNull(action.state),
  };
}

export function flowVersionFromRow(row: FlowVersionsTable): FlowVersionRecord {
  return {
    flowId: row.flow_id,
    version: Number(row.version),
    definition: parse<WorkflowDefinition>(row.definition, {}),
    connections: connectionMapFrom(row.connections),
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
  };
}

/** A stored connection mapping; anything but reference → id text (a damaged value) is left out. */
export function connectionMapFrom(text: string | null | undefined): Record<string, string> {
  const value = parse<unknown>(text, {});
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
