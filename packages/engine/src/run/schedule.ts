// The scheduler over the runAfter graph of one container (the run's top level, a
// Scope, a branch, a loop iteration). An action starts when all its predecessors have
// finished; it runs if each predecessor ended in a status it allows, otherwise it is
// Skipped (and everything inside it). Independent actions run concurrently. Each
// finished action is checkpointed before its dependents are looked at.
import type { ActionRecord, ActionStatus } from '../ports.js';
import type { ActionPlan, ContainerPlan } from '../definition/plan.js';
import type { Frame } from './frame.js';
import type { RunContext } from './run-context.js';
import { containerStatus, type ContainerStatus } from './status-rule.js';
import { recordKey, isFinalStatus } from './keys.js';
import { runAction, PAUSED } from './execute-action.js';
import { LeaseLostError } from './checkpoint.js';

export interface ContainerOutcome {
  status: ContainerStatus;
  /** Not every action finished: the run is suspending, stopping or was aborted. */
  paused: boolean;
  statuses: Map<string, ActionStatus>;
}

export function runContainer(run: RunContext, container: ContainerPlan, frame: Frame): Promise<ContainerOutcome> {
  const statuses = new Map<string, ActionStatus>();
  const total = container.actions.length;
  if (total === 0) return Promise.resolve({ status: 'Succeeded', paused: false, statuses });
  return new Promise((resolve) => {
    const remaining = new Map<ActionPlan, number>();
    let inFlight = 0;
    let finished = 0;
    let halted = false;

    const settle = (): void => {
      if (inFlight > 0) return;
      const paused = halted || finished < total;
      resolve({ status: containerStatus(container, (name) => statuses.get(name)), paused, statuses });
    };

    const done = (action: ActionPlan, status: ActionStatus | typeof PAUSED): void => {
      if (status === PAUSED) {
        halted = true;
      } else {
        statuses.set(action.name, status);
        finished += 1;
        for (const dependent of action.dependents) {
          const left = (remaining.get(dependent) ?? dependent.runAfter.length) - 1;
          remaining.set(dependent, left);
          if (left === 0) start(dependent);
        }
      }
      inFlight -= 1;
      settle();
    };

    const start = (action: ActionPlan): void => {
      inFlight += 1;
      decide(run, action, frame, statuses).then(
        (status) => done(action, status),
        (error: unknown) => {
          if (!(error instanceof LeaseLostError)) run.deps.logger.error({ err: error, runId: run.id, action: action.name }, 'action crashed the scheduler');
          run.abort({ kind: 'lost' });
          done(action, PAUSED);
        },
      );
    };

    inFlight += 1; // hold the container open while the roots start
    for (const action of container.actions) if (action.runAfter.length === 0) start(action);
    inFlight -= 1;
    settle();
  });
}

/** Runs an action whose predecessors are done, or records why it does not run. */
async function decide(run: RunContext, action: ActionPlan, frame: Frame, statuses: Map<string, ActionStatus>): Promise<ActionStatus | typeof PAUSED> {
  const key = recordKey(action.name, frame.iterationPath);
  const existing = run.records.get(key);
  if (existing && isFinalStatus(existing.status)) return existing.status;
  if (run.pausing) {
    run.heldBack = true;
    return PAUSED;
  }
  const reason = run.abortReason;
  if (reason) {
    // After Terminate the rest is recorded as Skipped; after a cancel or timeout it never started.
    if (reason.kind !== 'terminated') return PAUSED;
    await skipTree(run, action, frame, 'Terminated', `The run was terminated before action '${action.name}' started.`);
    return 'Skipped';
  }
  for (const edge of action.runAfter) {
    const status = statuses.get(edge.name) ?? 'Skipped';
    if (!edge.statuses.has(status)) {
      const expected = [...edge.statuses].map((s) => `'${s}'`).join(', ');
      await skipTree(
        run,
        action,
        frame,
        'ActionSkipped',
        `The execution of action '${action.name}' was skipped: the 'runAfter' condition for action '${edge.name}' is not satisfied. Expected status values ${expected} and actual value '${status}'.`,
      );
      return 'Skipped';
    }
  }
  return runAction(run, action, frame);
}

function skippedRecord(run: RunContext, action: ActionPlan, frame: Frame, code: string): ActionRecord {
  const now = run.deps.clock.now();
  return {
    runId: run.id,
    key: recordKey(action.name, frame.iterationPath),
    name: action.name,
    type: action.typeName,
    scopePath: action.scopePath,
    iterationPath: frame.iterationPath.slice(),
    status: 'Skipped',
    code,
    inputs: null,
    outputs: null,
    error: null,
    attempts: [],
    startedAt: now,
    endedAt: now,
    connectionId: null,
    resubmitted: false,
    trackedProperties: null,
    seq: run.takeSeq(),
    state: null,
  };
}

/** Records `action` and everything nested in it as Skipped with `code`, in one checkpoint. */
export async function skipTree(run: RunContext, action: ActionPlan, frame: Frame, code: string, _message: string): Promise<void> {
  const records: ActionRecord[] = [];
  const visit = (node: ActionPlan): void => {
    const key = recordKey(node.name, frame.iterationPath);
    const existing = run.records.get(key);
    if (!existing || !isFinalStatus(existing.status)) {
      const record = skippedRecord(run, node, frame, code);
      records.push(record);
      run.remember(record);
    }
    for (const child of node.children) for (const inner of child.actions) visit(inner);
  };
  visit(action);
  if (records.length > 0) await run.checkpoint(records);
  emitAll(run, records);
}

/** Records every action of a container (a branch not taken) as Skipped. */
export async function skipContainer(run: RunContext, container: ContainerPlan, frame: Frame, code: string, message: string): Promise<void> {
  for (const action of container.actions) await skipTree(run, action, frame, code, message);
}

function emitAll(run: RunContext, records: ActionRecord[]): void {
  const events = run.deps.events;
  if (!events) return;
  for (const action of records) events.emit({ type: 'action', runId: run.id, action });
}
