// The expression host of a run: what trigger(), actions('x'), variables('v'), item(),
// items('Loop'), iterationIndexes('Loop'), result('Scope') and workflow() see from one
// action in one iteration.
import { collectConnectionReferences, ExpressionError, type ExpressionHost } from '@brook/wdl';
import type { ActionRecord } from '../ports.js';
import type { Frame } from '../run/frame.js';
import type { RunContext } from '../run/run-context.js';
import { recordKey } from '../run/keys.js';
import { evaluateTemplate } from './evaluate.js';

const CONNECTIONS_PARAMETER = '$connections';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export class EngineHost implements ExpressionHost {
  constructor(
    private readonly run: RunContext,
    private readonly frame: Frame,
    private readonly selfKey: string | null,
    private readonly currentItem?: { value: unknown },
  ) {}

  /** The same host with item() bound to a row (Query, Select, Table). */
  withItem(value: unknown): EngineHost {
    return new EngineHost(this.run, this.frame, this.selfKey, { value });
  }

  parameters(name: string): unknown {
    const parameters = this.run.plan.definition.parameters ?? {};
    const parameter = parameters[name] ?? Object.entries(parameters).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
    if (name.toLowerCase() === CONNECTIONS_PARAMETER) return this.connectionsParameter(parameter);
    if (!parameter) throw new ExpressionError('InvalidTemplate', `The workflow parameter '${name}' is not defined.`);
    const value = parameter.value !== undefined ? parameter.value : (parameter.defaultValue ?? null);
    // Logic Apps Standard parameter values may themselves be expressions (@appsetting('X')).
    if (typeof value === 'string' && value.startsWith('@') && !value.startsWith('@@')) {
      const cache = this.run.parameterValues;
      if (!cache.has(name)) {
        cache.set(name, undefined);
        cache.set(name, evaluateTemplate(value, this));
      }
      return cache.get(name) ?? null;
    }
    return value;
  }

  /**
   * `$connections`: the value the definition declares, plus an entry for every key its
   * actions read that it does not declare (exports carry `{}`, the real value lived in
   * Azure). Such a key stands for itself: `['orders']['connectionId']` is 'orders', the
   * connection reference the flow maps to one of its owner's connections.
   */
  private connectionsParameter(parameter: { value?: unknown; defaultValue?: unknown } | undefined): unknown {
    const cache = this.run.parameterValues;
    if (!cache.has(CONNECTIONS_PARAMETER)) {
      const declared = parameter ? (parameter.value !== undefined ? parameter.value : parameter.defaultValue) : undefined;
      const value: Record<string, unknown> = declared && typeof declared === 'object' && !Array.isArray(declared) ? { ...(declared as Record<string, unknown>) } : {};
      for (const use of collectConnectionReferences(this.run.plan.definition)) {
        if (use.kind === 'connections-parameter' && !(use.name in value)) value[use.name] = { connectionId: use.name, connectionName: use.name, id: use.name };
      }
      cache.set(CONNECTIONS_PARAMETER, value);
    }
    return cache.get(CONNECTIONS_PARAMETER);
  }

  variables(name: string): unknown {
    const variable = this.run.variables[name.toLowerCase()];
    if (!variable) throw new ExpressionError('InvalidTemplate', `The variable '${name}' has not been initialized; add an 'Initialize variable' action before it is used.`);
    return variable.value;
  }

  trigger(): unknown {
    if (this.run.triggerSecure) this.readSecured();
    // The same for the whole run: built once.
    this.run.triggerRecord ??= triggerRecord(this.run);
    return this.run.triggerRecord;
  }

  /** The expression being evaluated read secured data: the record of the action it belongs to hides its inputs. */
  private readSecured(): void {
    if (this.selfKey !== null) this.run.tainted.add(this.selfKey);
  }

  private view(record: ActionRecord): Record<string, unknown> {
    const secure = this.run.plan.actions.get(record.name)?.secure;
    if (secure && (secure.inputs || secure.outputs)) this.readSecured();
    const real = this.run.unmasked.get(record.key);
    const view: Record<string, unknown> = {
      name: record.name,
      inputs: real ? real.inputs : record.inputs,
      outputs: real ? real.outputs : record.outputs,
      startTime: iso(record.startedAt),
      endTime: iso(record.endedAt),
      trackingId: `${this.run.id}:${record.key}`,
      clientTrackingId: this.run.run.clientTrackingId ?? this.run.id,
      code: record.code,
      status: record.status,
    };
    if (record.error) view.error = { code: record.error.code, message: record.error.message };
    return view;
  }

  private findRecord(name: string): ActionRecord | undefined {
    const plan = this.run.plan.actions.get(name) ?? [...this.run.plan.actions.values()].find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (!plan) return undefined;
    if (plan.loopDepth <= this.frame.iterationPath.length) {
      const record = this.run.records.get(recordKey(plan.name, this.frame.iterationPath.slice(0, plan.loopDepth)));
      if (record) return record;
    }
    return this.run.latestByName.get(plan.name);
  }

  actions(name: string): unknown {
    const record = this.findRecord(name);
    if (!record) {
      const exists = this.run.plan.actions.has(name) || [...this.run.plan.actions.keys()].some((n) => n.toLowerCase() === name.toLowerCase());
      throw new ExpressionError(
        'InvalidTemplate',
        exists
          ? `The action '${name}' has not run yet, so its outputs cannot be used here; make this action run after '${name}'.`
          : `The template action '${name}' is not defined in the workflow.`,
      );
    }
    return this.view(record);
  }

  action(): unknown {
    const record = this.selfKey === null ? undefined : this.run.records.get(this.selfKey);
    if (!record) throw new ExpressionError('InvalidTemplate', "action() can only be used in trackedProperties, an Until condition or a webhook's unsubscribe.");
    return this.view(record);
  }

  item(): unknown {
    if (this.currentItem) return this.currentItem.value;
    for (let i = this.frame.loops.length - 1; i >= 0; i -= 1) {
      const loop = this.frame.loops[i]!;
      if (loop.hasItem) return loop.item;
    }
    throw new ExpressionError('InvalidTemplate', 'item() can only be used inside a Foreach loop or the from/select/where of Query, Select and Table.');
  }

  items(loopName: string): unknown {
    const loop = this.frame.loops.find((l) => l.hasItem && l.name.toLowerCase() === loopName.toLowerCase());
    if (!loop) throw new ExpressionError('InvalidTemplate', `items('${loopName}') must be used inside the Foreach loop '${loopName}'.`);
    return loop.item;
  }

  iterationIndexes(loopName: string): number {
    const loop = this.frame.loops.find((l) => l.name.toLowerCase() === loopName.toLowerCase());
    if (!loop) throw new ExpressionError('InvalidTemplate', `iterationIndexes('${loopName}') must be used inside the loop '${loopName}'.`);
    return loop.index;
  }

  result(scopeName: string): unknown {
    const scope = this.run.plan.actions.get(scopeName);
    if (!scope?.body) throw new ExpressionError('InvalidTemplate', `result('${scopeName}') needs the name of a Scope, Foreach or Until action.`);
    const children = new Set(scope.body.actions.map((a) => a.name));
    const views: unknown[] = [];
    const records = [...this.run.records.values()].filter((r) => children.has(r.name)).sort((a, b) => a.seq - b.seq);
    for (const record of records) views.push(this.view(record));
    return views;
  }

  workflow(): unknown {
    const run = this.run.run;
    return {
      id: run.flowId,
      name: run.flowId,
      type: 'Microsoft.Logic/workflows',
      version: run.flowVersion,
      run: { id: run.id, name: run.id, type: 'Microsoft.Logic/workflows/runs' },
      tags: {},
    };
  }

  listCallbackUrl(): string {
    const urls = this.run.deps.callbackUrls;
    if (!urls || this.selfKey === null) throw new ExpressionError('InvalidTemplate', 'listCallbackUrl() is only available to webhook actions on a Brook server.');
    return urls.actionCallbackUrl(this.run.id, this.selfKey);
  }

  appsetting(name: string): unknown {
    const settings = this.run.deps.appSettings ?? {};
    if (!(name in settings)) throw new ExpressionError('InvalidTemplate', `The app setting '${name}' is not defined.`);
    return settings[name];
  }

  now(): Date {
    return new Date(this.run.deps.clock.now());
  }

  random(): number {
    return this.run.deps.random();
  }
}

function triggerRecord(context: RunContext): Record<string, unknown> {
  const run = context.run;
  const definition = context.plan.definition.triggers?.[run.triggerName];
  const record: Record<string, unknown> = { name: run.triggerName };
  if (definition?.inputs !== undefined) record.inputs = definition.inputs;
  record.outputs = run.triggerOutputs;
  record.startTime = iso(run.createdAt);
  record.endTime = iso(run.createdAt);
  const scheduled = (run.triggerOutputs as { scheduledTime?: unknown } | null)?.scheduledTime;
  if (typeof scheduled === 'string') record.scheduledTime = scheduled;
  record.trackingId = run.id;
  record.clientTrackingId = run.clientTrackingId ?? run.id;
  record.originHistoryName = run.resubmittedFrom ?? run.id;
  record.status = 'Succeeded';
  return record;
}
