// One run from claim to its end (or to a pause): restore its records, walk the graph,
// then write how it ended. A run that pauses is released (the worker stops) or
// suspended until its earliest timer (every in-flight action sleeps).
import type { ClassifiedError } from '@brook/wdl';
import type { ActionRecord, RunRecord, RunStatus, RunUpdate } from '../ports.js';
import type { EngineDeps } from './deps.js';
import { RunContext } from './run-context.js';
import { runContainer } from './schedule.js';
import { ROOT_FRAME } from './frame.js';
import { cancelledError, classified, definitionError, describeError } from './errors.js';
import { EngineHost } from '../expressions/engine-host.js';
import { evaluateTemplate } from '../expressions/evaluate.js';
import { LeaseLostError } from './checkpoint.js';

export type RunEnd = { kind: 'finished'; run: RunRecord; actions: ActionRecord[] } | { kind: 'suspended' | 'released' | 'lost' };

/** A run that never started has no records, unless a resubmit from an action copied some. */
function isFresh(run: RunRecord): boolean {
  return run.status === 'Waiting' && run.resubmitMode !== 'action';
}

/** Executes a run this worker holds the lease of. */
export async function executeRun(deps: EngineDeps, claimed: RunRecord): Promise<RunEnd> {
  const loaded = isFresh(claimed) ? { run: claimed, actions: [] } : await deps.store.loadRun(claimed.id);
  if (!loaded) return { kind: 'lost' };
  const plan = await deps.plans.load(deps.store, loaded.run.flowId, loaded.run.flowVersion);
  if (!plan) {
    const error = definitionError(`Version ${loaded.run.flowVersion} of flow ${loaded.run.flowId} was not found, so the run cannot start.`, 'WorkflowNotFound');
    return finish(deps, new RunContext(deps, loaded.run, { definition: {}, root: { owner: null, actions: [], byName: new Map() }, actions: new Map() }, []), 'Failed', error, null);
  }
  const run = new RunContext(deps, loaded.run, plan, loaded.actions);
  deps.active.set(run.id, run);
  try {
    return await drive(deps, run);
  } catch (error) {
    if (error instanceof LeaseLostError) return { kind: 'lost' };
    throw error;
  } finally {
    if (deps.active.get(run.id) === run) deps.active.delete(run.id);
  }
}

async function drive(deps: EngineDeps, run: RunContext): Promise<RunEnd> {
  if (run.run.cancelRequested) run.abort({ kind: 'cancelled' });
  if (run.run.status === 'Waiting') {
    const startedAt = deps.clock.now();
    run.run = { ...run.run, status: 'Running', startedAt };
    run.checkpointLater([], { status: 'Running', startedAt });
    deps.events?.emit({ type: 'run', run: run.run });
  }
  const remaining = deps.runTimeoutMs - (deps.clock.now() - run.startedAt);
  const timer = setTimeout(() => run.abort({ kind: 'timedOut' }), Math.max(0, Math.min(remaining, 2_147_000_000)));
  timer.unref?.();
  let outcome;
  try {
    outcome = await runContainer(run, run.plan.root, ROOT_FRAME);
  } finally {
    clearTimeout(timer);
  }
  if (run.abortReason?.kind === 'lost') return { kind: 'lost' };
  if (outcome.paused && !run.aborted) {
    if (!run.heldBack && run.pausedWake !== null) {
      const until = Number.isFinite(run.pausedWake) ? run.pausedWake : null;
      await run.checkpoint([], { suspend: { until } });
      return { kind: 'suspended' };
    }
    await run.checkpoint([], { release: true });
    return { kind: 'released' };
  }
  const status = run.finalStatus(outcome.status);
  return finish(deps, run, status, runError(run, status), definitionOutputs(run));
}

function runError(run: RunContext, status: RunStatus): ClassifiedError | null {
  const reason = run.abortReason;
  if (reason?.kind === 'terminated') return reason.status === 'Failed' ? reason.error : null;
  if (status === 'Cancelled') return classified('Cancelled', 'cancelled', 'The run was cancelled.', ['Someone cancelled this run.', 'Resubmit it to run it again.']);
  if (status === 'TimedOut' && reason?.kind === 'timedOut') {
    return classified('RunTimedOut', 'timeout', 'The run did not finish within the longest time a run may take.', ['The run ran out of time.', 'Look for actions that wait too long (Wait, webhooks, Until loops).', 'Resubmit the run.']);
  }
  if (status === 'Succeeded') return null;
  return run.firstFailure?.error ?? null;
}

function definitionOutputs(run: RunContext): Record<string, unknown> | null {
  const outputs = run.plan.definition.outputs;
  if (!outputs || typeof outputs !== 'object') return null;
  const host = new EngineHost(run, ROOT_FRAME, null);
  const values: Record<string, unknown> = {};
  for (const [name, output] of Object.entries(outputs)) {
    try {
      values[name] = evaluateTemplate(output?.value ?? null, host);
    } catch (error) {
      values[name] = { error: describeError(error) };
    }
  }
  return values;
}

/** Records still Running when the run ends (in flight before a suspension, then cancelled) end Cancelled. */
function closeUnfinished(run: RunContext, endedAt: number): ActionRecord[] {
  const closed: ActionRecord[] = [];
  for (const record of run.records.values()) {
    if (record.status !== 'Running' && record.status !== 'Waiting') continue;
    const error = cancelledError(record.name, run.abortReason?.kind === 'timedOut' ? 'the run ran out of time' : run.abortReason?.kind === 'terminated' ? 'the run was terminated' : 'the run was cancelled');
    const done: ActionRecord = { ...record, status: 'Cancelled', code: 'Cancelled', error, endedAt, state: null };
    run.remember(done);
    closed.push(done);
  }
  return closed;
}

async function finish(deps: EngineDeps, run: RunContext, status: RunStatus, error: ClassifiedError | null, outputs: Record<string, unknown> | null): Promise<RunEnd> {
  const endedAt = deps.clock.now();
  const failedAction = error && run.firstFailure && run.abortReason?.kind !== 'terminated' ? run.firstFailure.action : null;
  const update: RunUpdate = {
    status,
    endedAt,
    outputs,
    error,
    failedAction,
    connectionIds: [...run.failedConnections],
    release: true,
  };
  if (run.run.startedAt === null) update.startedAt = run.startedAt;
  await run.checkpoint(closeUnfinished(run, endedAt), update);
  const finished: RunRecord = {
    ...run.run,
    status,
    endedAt,
    startedAt: run.run.startedAt ?? run.startedAt,
    outputs,
    error,
    failedAction,
    connectionIds: [...run.failedConnections],
    response: run.response,
    variables: run.variables,
    leaseOwner: null,
    leaseExpiresAt: null,
  };
  deps.events?.emit({ type: 'run', run: finished });
  return { kind: 'finished', run: finished, actions: [...run.records.values()].sort((a, b) => a.seq - b.seq) };
}
