// What a trigger event becomes before any run exists: its `conditions` decide whether it
// fires, `splitOn` makes one run per element of an array, and the client tracking id
// comes from the x-ms-client-tracking-id header or `correlation.clientTrackingId`.
import { createJsonHost, type ExpressionHost, type WorkflowDefinition } from '@brook/wdl';
import { evaluateTemplate } from '../expressions/evaluate.js';
import { describeError } from '../run/errors.js';

export interface TriggerRunInput {
  triggerOutputs: unknown;
  clientTrackingId: string | null;
}

export type TriggerDecision =
  | { outcome: 'fire'; runs: TriggerRunInput[] }
  /** The trigger's conditions are not met: no run (trigger history shows Skipped). */
  | { outcome: 'skip'; reason: string }
  /** An expression of the trigger failed: no run; say why. */
  | { outcome: 'error'; message: string };

function parameterValues(definition: WorkflowDefinition): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, parameter] of Object.entries(definition.parameters ?? {})) values[name] = parameter.value !== undefined ? parameter.value : (parameter.defaultValue ?? null);
  return values;
}

function hostFor(definition: WorkflowDefinition, triggerName: string, outputs: unknown, options: { now?: () => Date; random?: () => number }): ExpressionHost {
  return createJsonHost(
    { triggerOutputs: outputs, trigger: { name: triggerName, outputs, status: 'Succeeded', code: 'OK' }, parameters: parameterValues(definition) },
    { ...(options.now ? { now: options.now } : {}), ...(options.random ? { random: options.random } : {}) },
  );
}

function headerValue(outputs: unknown, name: string): string | undefined {
  const headers = (outputs as { headers?: Record<string, unknown> } | null)?.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return typeof found?.[1] === 'string' && found[1] !== '' ? found[1] : undefined;
}

export function prepareTriggerRuns(definition: WorkflowDefinition, triggerName: string, triggerOutputs: unknown, options: { now?: () => Date; random?: () => number } = {}): TriggerDecision {
  const trigger = definition.triggers?.[triggerName];
  if (!trigger) return { outcome: 'error', message: `The flow has no trigger named '${triggerName}'.` };
  const host = hostFor(definition, triggerName, triggerOutputs, options);
  for (const [index, condition] of (Array.isArray(trigger.conditions) ? trigger.conditions : []).entries()) {
    try {
      const value = evaluateTemplate(condition?.expression, host);
      if (value !== true && String(value).toLowerCase() !== 'true') return { outcome: 'skip', reason: `Condition ${index + 1} of trigger '${triggerName}' is not met.` };
    } catch (error) {
      return { outcome: 'error', message: `Condition ${index + 1} of trigger '${triggerName}' could not be evaluated: ${describeError(error)}` };
    }
  }
  let bodies: Array<{ value: unknown }> = [];
  if (typeof trigger.splitOn === 'string' && trigger.splitOn !== '') {
    let items: unknown;
    try {
      items = evaluateTemplate(trigger.splitOn, host);
    } catch (error) {
      return { outcome: 'error', message: `splitOn of trigger '${triggerName}' could not be evaluated: ${describeError(error)}` };
    }
    if (!Array.isArray(items)) return { outcome: 'error', message: `splitOn of trigger '${triggerName}' must select an array; it selected ${items === null ? 'null' : typeof items}.` };
    bodies = items.map((value) => ({ value }));
  }
  const outputsOf = (body?: { value: unknown }): unknown =>
    body === undefined ? triggerOutputs : { ...((triggerOutputs ?? {}) as Record<string, unknown>), body: body.value };
  const runs: TriggerRunInput[] = [];
  for (const body of trigger.splitOn ? bodies : [undefined]) {
    const outputs = outputsOf(body);
    let clientTrackingId = headerValue(outputs, 'x-ms-client-tracking-id') ?? null;
    const expression = (trigger.correlation as { clientTrackingId?: unknown } | undefined)?.clientTrackingId;
    if (clientTrackingId === null && expression !== undefined) {
      try {
        const value = evaluateTemplate(expression, hostFor(definition, triggerName, outputs, options));
        if (value !== null && value !== undefined && value !== '') clientTrackingId = String(value);
      } catch (error) {
        return { outcome: 'error', message: `correlation.clientTrackingId of trigger '${triggerName}' could not be evaluated: ${describeError(error)}` };
      }
    }
    runs.push({ triggerOutputs: outputs, clientTrackingId });
  }
  return { outcome: 'fire', runs };
}
