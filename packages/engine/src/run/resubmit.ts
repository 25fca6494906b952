// Resubmit: a new run with the original trigger outputs, linked to the original.
// The whole run uses the flow's current version. From an action it uses the original
// version: the records of the actions that succeeded and are not downstream of the
// chosen action are copied (marked resubmitted), and execution starts at the chosen
// action. Like the service, this is refused for actions inside loops and inside If/Switch
// branches. Variables are rebuilt by replaying the copied variable actions' inputs.
import type { ActionRecord, RunRecord, RunVariables, VariableType } from '../ports.js';
import type { ActionPlan } from '../definition/plan.js';
import type { EngineDeps } from './deps.js';
import { isFinalStatus } from './keys.js';

export interface ResubmitOptions {
  /** Start again at this action (copying the earlier successful ones). */
  fromAction?: string;
}

export type ResubmitErrorCode = 'RunNotFound' | 'RunStillRunning' | 'ActionNotFound' | 'ResubmitFromActionNotAllowed' | 'FlowVersionNotFound';

export class ResubmitError extends Error {
  constructor(
    readonly code: ResubmitErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ResubmitError';
  }
}

/** Why an action cannot be resubmitted from, or null when it can (the portal's canResubmitFrom). */
export function resubmitFromBlockedReason(action: ActionPlan): string | null {
  for (let container = action.container; container.owner; container = container.owner.container) {
    const owner = container.owner;
    if (owner.type === 'foreach' || owner.type === 'until') return `'${action.name}' is inside the loop '${owner.name}'; resubmit from '${owner.name}' or from an action outside it.`;
    if (owner.type === 'if' || owner.type === 'switch') return `'${action.name}' is inside a branch of '${owner.name}'; resubmit from '${owner.name}' itself.`;
  }
  return null;
}

export async function resubmitRun(deps: EngineDeps, runId: string, options: ResubmitOptions): Promise<RunRecord> {
  const original = await deps.store.loadRun(runId);
  if (!original) throw new ResubmitError('RunNotFound', `Run ${runId} was not found.`);
  const { run } = original;
  const common = {
    flowId: run.flowId,
    triggerName: run.triggerName,
    triggerOutputs: run.triggerOutputs,
    clientTrackingId: run.clientTrackingId,
    resubmittedFrom: run.id,
    createdAt: deps.clock.now(),
  };
  if (options.fromAction === undefined) {
    const current = await deps.store.getCurrentFlowVersion(run.flowId);
    const created = await deps.store.createRun({ ...common, flowVersion: current?.version ?? run.flowVersion, resubmitMode: 'run' });
    deps.events?.emit({ type: 'run', run: created });
    return created;
  }
  if (!isFinalStatus(run.status)) throw new ResubmitError('RunStillRunning', `Run ${runId} is still ${run.status}; resubmit from an action once it has ended.`);
  const plan = await deps.plans.load(deps.store, run.flowId, run.flowVersion);
  if (!plan) throw new ResubmitError('FlowVersionNotFound', `Version ${run.flowVersion} of the flow is gone, so run ${runId} cannot be resubmitted from an action.`);
  const chosen = plan.actions.get(options.fromAction);
  if (!chosen) throw new ResubmitError('ActionNotFound', `The flow has no action named '${options.fromAction}'.`);
  const blocked = resubmitFromBlockedReason(chosen);
  if (blocked) throw new ResubmitError('ResubmitFromActionNotAllowed', `Resubmitting from an action is not allowed here: ${blocked}`);

  const rerun = downstreamOf(chosen);
  const copied: ActionRecord[] = original.actions
    .filter((record) => record.status === 'Succeeded' && !rerun.has(record.name))
    .map((record) => ({ ...record, runId: '', resubmitted: true }));
  const created = await deps.store.createRun({
    ...common,
    flowVersion: run.flowVersion,
    resubmitMode: 'action',
    resubmitFromAction: chosen.name,
    copiedActions: copied,
    variables: replayVariables(copied),
  });
  deps.events?.emit({ type: 'run', run: created });
  return created;
}

/**
 * What runs again: the chosen action with everything inside it and after it, and the
 * containers that hold it (not their earlier actions, which are copied) with everything
 * after those.
 */
function downstreamOf(chosen: ActionPlan): Set<string> {
  const names = new Set<string>();
  const addTree = (action: ActionPlan): void => {
    if (names.has(action.name)) return;
    names.add(action.name);
    for (const child of action.children) for (const inner of child.actions) addTree(inner);
    for (const dependent of action.dependents) addTree(dependent);
  };
  addTree(chosen);
  for (let owner = chosen.container.owner; owner; owner = owner.container.owner) {
    names.add(owner.name);
    for (const dependent of owner.dependents) addTree(dependent);
  }
  return names;
}

const VARIABLE_ACTIONS = new Set(['initializevariable', 'setvariable', 'incrementvariable', 'decrementvariable', 'appendtoarrayvariable', 'appendtostringvariable']);

function replayVariables(records: ActionRecord[]): RunVariables {
  const variables: RunVariables = {};
  for (const record of [...records].sort((a, b) => a.seq - b.seq)) {
    const type = record.type.toLowerCase();
    if (!VARIABLE_ACTIONS.has(type)) continue;
    const inputs = (record.inputs ?? {}) as { name?: string; value?: unknown; variables?: Array<{ name: string; type: string; value?: unknown }> };
    if (type === 'initializevariable') {
      for (const v of inputs.variables ?? []) {
        const canonical = (v.type.charAt(0).toUpperCase() + v.type.slice(1).toLowerCase()) as VariableType;
        variables[v.name.toLowerCase()] = { name: v.name, type: canonical, value: v.value ?? null };
      }
      continue;
    }
    const variable = inputs.name === undefined ? undefined : variables[inputs.name.toLowerCase()];
    if (!variable) continue;
    const output = (record.outputs as { body?: { value?: unknown } } | null)?.body;
    if (output && 'value' in output) variable.value = output.value;
  }
  return variables;
}
