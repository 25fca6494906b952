import { describe, expect, it } from 'vitest';
import { applyActionEvent, applyRunEvent } from './live-run';
import type { ActionRecord, Run } from '../api/types';

const action = (name: string, status: ActionRecord['status'], iteration: number | null = null): ActionRecord => ({
  name, type: 'Http', scopePath: [], iteration, status, code: null, startedAt: null, endedAt: null, durationMs: null,
  inputs: null, outputs: null, error: null, attempts: [], connectionId: null, connectionName: null,
  resubmitted: false, canResubmitFrom: true, resubmitFromBlockedReason: null,
});

const run: Run = {
  id: 'r1', flowId: 'f1', flowName: 'Orders', flowVersion: 1, status: 'Running', startedAt: '2026-01-01T00:00:00Z', endedAt: null,
  durationMs: null, triggerName: 'manual', error: null, failedAction: null, connectionIds: [], resubmittedFrom: null, resubmitMode: null,
  resubmittedAs: [], triggerOutputs: {}, outputs: {}, response: null, actions: [action('Get', 'Running')], definition: {},
};

describe('live run events', () => {
  it('replaces the record an action event updates and adds new ones', () => {
    const updated = applyActionEvent(applyActionEvent(run, action('Get', 'Succeeded')), action('Send', 'Running'));
    expect(updated.actions.map((a) => `${a.name}:${a.status}`)).toEqual(['Get:Succeeded', 'Send:Running']);
    expect(run.actions[0]?.status).toBe('Running');
  });

  it('keeps loop iterations apart', () => {
    const updated = applyActionEvent(applyActionEvent(run, action('Each', 'Succeeded', 0)), action('Each', 'Failed', 1));
    expect(updated.actions.filter((a) => a.name === 'Each')).toHaveLength(2);
  });

  it('takes the new status of the run and keeps its actions', () => {
    const { actions: _actions, triggerOutputs: _t, outputs: _o, response: _r, definition: _d, ...summary } = run;
    const updated = applyRunEvent(run, { ...summary, status: 'Succeeded', durationMs: 1200 });
    expect(updated.status).toBe('Succeeded');
    expect(updated.actions).toHaveLength(1);
  });
});
