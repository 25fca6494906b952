// A RunUpdate as column assignments, shared by both dialects.
import type { RunUpdate } from './records.js';
import { json, jsonOrNull } from './rows.js';

export interface RunAssignments {
  /** Column → value, in a stable order (the SQLite store caches a statement per column set). */
  columns: Array<[string, unknown]>;
  /** The wake timer to write (suspend with a time) or delete (any other suspend/wake change). */
  timer: { fireAt: number } | 'delete' | null;
}

export function runAssignments(update: RunUpdate): RunAssignments {
  const columns: Array<[string, unknown]> = [];
  let timer: RunAssignments['timer'] = null;
  if (update.status !== undefined) columns.push(['status', update.status]);
  if (update.startedAt !== undefined) columns.push(['started_at', update.startedAt]);
  if (update.endedAt !== undefined) columns.push(['ended_at', update.endedAt]);
  if (update.outputs !== undefined) columns.push(['outputs', jsonOrNull(update.outputs)]);
  if (update.response !== undefined) columns.push(['response', jsonOrNull(update.response)]);
  if (update.error !== undefined) {
    columns.push(['error', jsonOrNull(update.error)]);
    columns.push(['error_category', update.error?.category ?? null]);
  }
  if (update.failedAction !== undefined) columns.push(['failed_action', update.failedAction]);
  if (update.connectionIds !== undefined) columns.push(['connection_ids', json(update.connectionIds)]);
  if (update.suspend) {
    columns.push(['suspended', 1], ['wake_at', update.suspend.until], ['lease_owner', null], ['lease_expires_at', null]);
    timer = update.suspend.until === null ? 'delete' : { fireAt: update.suspend.until };
  } else if (update.release) {
    columns.push(['lease_owner', null], ['lease_expires_at', null]);
  }
  return { columns, timer };
}

export const wakeTimerKey = (runId: string): string => `wake:${runId}`;
