// Builds the API's RunSummary, Run and ActionRecord from the run store's records: names of
// flows and connections, the runs that replaced a run, whether an action can be resubmitted from.
import { canResubmitFrom } from '@brook/engine';
import type { ClassifiedError } from '@brook/wdl';
import type { ActionRecord, RunRecord, RunStatus } from '@brook/store';
import type { ServerContext } from '../app/context.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const duration = (start: number | null, end: number | null): number | null => (start !== null && end !== null ? Math.max(0, end - start) : null);

export type ErrorView = ClassifiedError & { connectionName?: string };

export interface RunSummaryView {
  id: string;
  flowId: string;
  flowName: string;
  flowVersion: number;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  durationMs: number | null;
  triggerName: string;
  error: ErrorView | null;
  failedAction: string | null;
  connectionIds: string[];
  resubmittedFrom: string | null;
  resubmitMode: 'run' | 'action' | null;
  resubmittedAs: string[];
}

export interface ActionView {
  name: string;
  type: string;
  scopePath: string[];
  iteration: number | null;
  status: ActionRecord['status'];
  code: string | null;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  inputs: unknown;
  outputs: unknown;
  error: ErrorView | null;
  attempts: { startedAt: string; endedAt: string; status: string; code: string | null; error: ErrorView | null }[];
  connectionId: string | null;
  connectionName: string | null;
  resubmitted: boolean;
  canResubmitFrom: boolean;
  resubmitFromBlockedReason: string | null;
}

const FINAL = new Set(['Succeeded', 'Failed', 'Cancelled', 'TimedOut', 'Skipped']);

/**
 * What the run page may show of the trigger's outputs. The run keeps them in full (a
 * resubmit needs them), but a trigger with secure outputs or inputs shows them as
 * `{ "$secure": true }`, as its actions' records do.
 */
export function triggerOutputsView(definition: unknown, triggerName: string, outputs: unknown): unknown {
  const triggers = (definition as { triggers?: Record<string, unknown> } | null)?.triggers ?? {};
  const wanted = triggerName.toLowerCase();
  const trigger = Object.entries(triggers).find(([name]) => name.toLowerCase() === wanted)?.[1] as
    | { runtimeConfiguration?: { secureData?: { properties?: unknown } } }
    | undefined;
  const properties = trigger?.runtimeConfiguration?.secureData?.properties;
  const secured = Array.isArray(properties) && properties.some((property) => property === 'outputs' || property === 'inputs');
  return secured ? { $secure: true } : outputs;
}
const RUNNING_REASON = 'The run has not ended yet; resubmit from an action once it has.';

type Lookup = Map<string, string>;

export class RunViews {
  constructor(private readonly context: Pick<ServerContext, 'flows' | 'runQueries' | 'platform'>) {}

  private async names(flowIds: string[], connectionIds: string[]): Promise<{ flows: Lookup; connections: Lookup }> {
    const flows = flowIds.length ? await this.context.flows.listFlows({ ids: [...new Set(flowIds)] }) : [];
    const connections = await this.context.platform.connections.getMany(connectionIds);
    return { flows: new Map(flows.map((flow) => [flow.id, flow.name])), connections: new Map(connections.map((c) => [c.id, c.name])) };
  }

  private errorView(error: ClassifiedError | null, connections: Lookup): ErrorView | null {
    if (!error) return null;
    const name = error.connectionId ? connections.get(error.connectionId) : undefined;
    return name ? { ...error, connectionName: name } : error;
  }

  async summaries(runs: readonly RunRecord[]): Promise<RunSummaryView[]> {
    if (runs.length === 0) return [];
    const connectionIds = runs.flatMap((run) => [...run.connectionIds, ...(run.error?.connectionId ? [run.error.connectionId] : [])]);
    const [{ flows, connections }, replacements] = await Promise.all([
      this.names(runs.map((run) => run.flowId), connectionIds),
      this.context.runQueries.resubmittedAs(runs.map((run) => run.id)),
    ]);
    return runs.map((run) => this.summary(run, flows, connections, replacements.get(run.id) ?? []));
  }

  private summary(run: RunRecord, flows: Lookup, connections: Lookup, resubmittedAs: string[]): RunSummaryView {
    return {
      id: run.id,
      flowId: run.flowId,
      flowName: flows.get(run.flowId) ?? '(deleted flow)',
      flowVersion: run.flowVersion,
      status: run.status,
      startedAt: iso(run.startedAt ?? run.createdAt)!,
      endedAt: iso(run.endedAt),
      durationMs: duration(run.startedAt ?? run.createdAt, run.endedAt),
      triggerName: run.triggerName,
      error: this.errorView(run.error, connections),
      failedAction: run.failedAction,
      connectionIds: run.connectionIds,
      resubmittedFrom: run.resubmittedFrom,
      resubmitMode: run.resubmitMode,
      resubmittedAs,
    };
  }

  async detail(run: RunRecord, actions: readonly ActionRecord[]) {
    const [summary] = await this.summaries([run]);
    const { connections } = await this.names([], actions.flatMap((action) => (action.connectionId ? [action.connectionId] : [])));
    const version = await this.context.flows.getVersion(run.flowId, run.flowVersion);
    const definition = version?.definition ?? null;
    const blocked = (action: ActionRecord): string | null => {
      if (!FINAL.has(run.status)) return RUNNING_REASON;
      if (!definition) return 'The version of the flow this run used is gone.';
      return canResubmitFrom(definition, action.name);
    };
    return {
      ...summary!,
      triggerOutputs: triggerOutputsView(definition, run.triggerName, run.triggerOutputs),
      outputs: run.outputs ?? {},
      response: run.response,
      actions: [...actions].sort((a, b) => a.seq - b.seq).map((action) => this.action(action, connections, blocked(action))),
      definition: definition ?? {},
    };
  }

  /** `blocked`: why the run cannot be resubmitted from this action (default: the run is still going, as in live updates). */
  action(action: ActionRecord, connections: Lookup = new Map(), blocked: string | null = RUNNING_REASON): ActionView {
    return {
      name: action.name,
      type: action.type,
      scopePath: action.scopePath,
      iteration: action.iterationPath.length ? (action.iterationPath[action.iterationPath.length - 1] ?? null) : null,
      status: action.status,
      code: action.code,
      startedAt: iso(action.startedAt),
      endedAt: iso(action.endedAt),
      durationMs: duration(action.startedAt, action.endedAt),
      inputs: action.inputs,
      outputs: action.outputs,
      error: this.errorView(action.error, connections),
      attempts: action.attempts.map((attempt) => ({
        startedAt: iso(attempt.startedAt)!,
        endedAt: iso(attempt.endedAt)!,
        status: attempt.status,
        code: attempt.code,
        error: this.errorView(attempt.error, connections),
      })),
      connectionId: action.connectionId,
      connectionName: action.connectionId ? (connections.get(action.connectionId) ?? null) : null,
      resubmitted: action.resubmitted,
      canResubmitFrom: blocked === null,
      resubmitFromBlockedReason: blocked,
    };
  }
}
