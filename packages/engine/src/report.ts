// The run as one JSON object, the shape `brook run --json` prints (ARCHITECTURE.md,
// "Interfaces"): { id, status, error, outputs, response, actions: { NAME: { status,
// inputs, outputs, error, attempts, iterations? } } }. Actions inside loops keep one
// entry per name with their iterations in order; the entry shows the last iteration.
import type { ClassifiedError } from '@brook/wdl';
import type { ActionRecord, ActionStatus, RunResponse, RunStatus } from './ports.js';
import type { RunResult } from './engine.js';

export interface ActionReport {
  status: ActionStatus;
  code: string | null;
  inputs: unknown;
  outputs: unknown;
  error: ClassifiedError | null;
  /** How many times the action was tried (retries included). */
  attempts: number;
  durationMs: number | null;
  iterations?: Array<{ index: number[]; status: ActionStatus; code: string | null; inputs: unknown; outputs: unknown; error: ClassifiedError | null; attempts: number }>;
}

export interface RunReport {
  id: string;
  status: RunStatus;
  error: ClassifiedError | null;
  failedAction: string | null;
  outputs: Record<string, unknown> | null;
  response: RunResponse | null;
  durationMs: number | null;
  actions: Record<string, ActionReport>;
}

const duration = (record: { startedAt: number | null; endedAt: number | null }): number | null =>
  record.startedAt !== null && record.endedAt !== null ? record.endedAt - record.startedAt : null;

/** Failed beats TimedOut beats Cancelled beats the last iteration's status. */
function loopStatus(records: ActionRecord[]): ActionStatus {
  for (const status of ['Failed', 'TimedOut', 'Cancelled'] as const) if (records.some((r) => r.status === status)) return status;
  return records[records.length - 1]!.status;
}

export function runReport(result: RunResult): RunReport {
  const byName = new Map<string, ActionRecord[]>();
  for (const record of [...result.actions].sort((a, b) => a.seq - b.seq)) {
    const list = byName.get(record.name) ?? [];
    list.push(record);
    byName.set(record.name, list);
  }
  const actions: Record<string, ActionReport> = {};
  for (const [name, records] of byName) {
    const inLoop = records.some((r) => r.iterationPath.length > 0);
    const ordered = inLoop ? [...records].sort((a, b) => compareIndex(a.iterationPath, b.iterationPath)) : records;
    const last = ordered[ordered.length - 1]!;
    const status = inLoop ? loopStatus(ordered) : last.status;
    // The code of the iteration that gave the entry its status.
    const shown = last.status === status ? last : (ordered.find((r) => r.status === status) ?? last);
    const report: ActionReport = {
      status,
      code: shown.code,
      inputs: last.inputs,
      outputs: last.outputs,
      error: ordered.find((r) => r.error)?.error ?? null,
      attempts: ordered.reduce((sum, r) => sum + Math.max(1, r.attempts.length), 0),
      durationMs: duration(last),
    };
    if (inLoop) {
      report.iterations = ordered.map((r) => ({ index: r.iterationPath, status: r.status, code: r.code, inputs: r.inputs, outputs: r.outputs, error: r.error, attempts: Math.max(1, r.attempts.length) }));
    }
    actions[name] = report;
  }
  const run = result.run;
  return {
    id: run.id,
    status: run.status,
    error: run.error,
    failedAction: run.failedAction,
    outputs: run.outputs,
    response: run.response,
    durationMs: duration(run),
    actions,
  };
}

function compareIndex(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}
