// What the engine's tests share: run a definition in memory with an instant clock, look
// records up by key, and serve HTTP on 127.0.0.1 with a handler.
import type { WorkflowDefinition } from '@brook/wdl';
import { InstantClock } from '../clock.js';
import { runDefinition, type RunDefinitionOptions } from '../run-definition.js';
import type { RunResult } from '../engine.js';
import type { ActionRecord } from '../ports.js';

export interface RunView extends RunResult {
  /** Records by key ('Send', 'Inner#2'). */
  byKey: Record<string, ActionRecord>;
  status(key: string): string | undefined;
  outputs(key: string): unknown;
}

export function view(result: RunResult): RunView {
  const byKey: Record<string, ActionRecord> = {};
  for (const action of result.actions) byKey[action.key] = action;
  return { ...result, byKey, status: (key) => byKey[key]?.status, outputs: (key) => byKey[key]?.outputs };
}

export async function run(definition: WorkflowDefinition, options: RunDefinitionOptions = {}): Promise<RunView> {
  return view(await runDefinition(definition, { clock: new InstantClock(), ...options }));
}

export const manual = { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} } } };

export function flow(actions: Record<string, unknown>, extra: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  return { triggers: manual, actions: actions as WorkflowDefinition['actions'], ...extra };
}

// The local HTTP service lives in @brook/testkit; the engine's tests know it by these names.
export {
  startLocalService as serve,
  sendJson as json,
  type LocalService as TestServer,
  type LocalServiceHandler as TestHandler,
  type RecordedRequest,
} from '@brook/testkit';
