// What a run adds to the graph: per action name, the status to show, how long it took and
// how many times it ran (loop iterations). Pure, tested beside.
import type { ActionRecord, ActionStatus } from '../api/types';

export interface ActionOverlay {
  status: ActionStatus;
  durationMs: number | null;
  /** How many records the action has: more than one inside a loop. */
  count: number;
  failedCount: number;
  resubmitted: boolean;
}

// The status a loop's action shows is the one a person must look at first.
const PRIORITY: Record<ActionStatus, number> = {
  Failed: 7,
  TimedOut: 6,
  Running: 5,
  Waiting: 4,
  Cancelled: 3,
  Succeeded: 2,
  Skipped: 1,
};

export function overlayFromRecords(records: ActionRecord[]): Map<string, ActionOverlay> {
  const overlay = new Map<string, ActionOverlay>();
  for (const record of records) {
    const seen = overlay.get(record.name);
    if (!seen) {
      overlay.set(record.name, {
        status: record.status,
        durationMs: record.durationMs,
        count: 1,
        failedCount: record.status === 'Failed' ? 1 : 0,
        resubmitted: record.resubmitted,
      });
      continue;
    }
    seen.count += 1;
    if (record.status === 'Failed') seen.failedCount += 1;
    if (PRIORITY[record.status] > PRIORITY[seen.status]) seen.status = record.status;
    if (record.durationMs !== null) seen.durationMs = (seen.durationMs ?? 0) + record.durationMs;
    seen.resubmitted = seen.resubmitted && record.resubmitted;
  }
  return overlay;
}

/** The records of one action, iterations in order (for the details panel). */
export function recordsOf(records: ActionRecord[], name: string): ActionRecord[] {
  return records.filter((record) => record.name === name).sort((a, b) => (a.iteration ?? -1) - (b.iteration ?? -1));
}
