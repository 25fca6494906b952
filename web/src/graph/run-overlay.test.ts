import { describe, expect, it } from 'vitest';
import { overlayFromRecords, recordsOf } from './run-overlay';
import type { ActionRecord } from '../api/types';

function record(name: string, status: ActionRecord['status'], iteration: number | null = null, durationMs: number | null = 100): ActionRecord {
  return {
    name, type: 'Http', scopePath: [], iteration, status, code: null, startedAt: null, endedAt: null, durationMs,
    inputs: null, outputs: null, error: null, attempts: [], connectionId: null, connectionName: null,
    resubmitted: false, canResubmitFrom: true, resubmitFromBlockedReason: null,
  };
}

describe('overlayFromRecords', () => {
  it('shows a loop action as failed when one iteration failed, and counts iterations', () => {
    const overlay = overlayFromRecords([record('Send', 'Succeeded', 0), record('Send', 'Failed', 1), record('Send', 'Succeeded', 2), record('Log', 'Skipped')]);
    expect(overlay.get('Send')).toMatchObject({ status: 'Failed', count: 3, failedCount: 1, durationMs: 300 });
    expect(overlay.get('Log')).toMatchObject({ status: 'Skipped', count: 1 });
    expect(overlay.has('Other')).toBe(false);
  });

  it('keeps an unknown duration unknown', () => {
    expect(overlayFromRecords([record('A', 'Running', null, null)]).get('A')?.durationMs).toBeNull();
  });
});

describe('recordsOf', () => {
  it('lists one action’s iterations in order', () => {
    const list = recordsOf([record('Send', 'Failed', 2), record('Other', 'Succeeded'), record('Send', 'Succeeded', 0)], 'Send');
    expect(list.map((r) => r.iteration)).toEqual([0, 2]);
  });
});
