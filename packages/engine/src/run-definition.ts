// Run one definition in memory to its end: the quickest way to execute WDL (tests,
// examples, the in-memory benchmark). `brook run` does the same on a temporary SQLite store.
import type { WorkflowDefinition } from '@brook/wdl';
import { createEngine, type EngineOptions, type RunResult } from './engine.js';
import { MemoryRunStore } from './memory-store.js';
import { manualTriggerOutputs } from './triggers/request.js';

export interface RunDefinitionOptions extends Partial<EngineOptions> {
  triggerName?: string;
  /** Defaults to a manual start with no body. */
  triggerOutputs?: unknown;
  flowId?: string;
}

/** The first trigger's name, or 'manual'. */
export function triggerNameOf(definition: WorkflowDefinition): string {
  const names = Object.keys(definition.triggers ?? {});
  return names[0] ?? 'manual';
}

export async function runDefinition(definition: WorkflowDefinition, options: RunDefinitionOptions = {}): Promise<RunResult> {
  const store = options.store ?? new MemoryRunStore();
  const flowId = options.flowId ?? 'flow_local';
  let version = await store.getCurrentFlowVersion(flowId);
  if (!version && store instanceof MemoryRunStore) version = store.addFlowVersion(flowId, definition);
  if (!version) throw new Error(`runDefinition: the store has no flow '${flowId}'; create it first or use a MemoryRunStore.`);
  const engine = createEngine({ ...options, store });
  return engine.runToCompletion({
    flowId,
    flowVersion: version.version,
    triggerName: options.triggerName ?? triggerNameOf(definition),
    triggerOutputs: options.triggerOutputs ?? manualTriggerOutputs(),
  });
}
