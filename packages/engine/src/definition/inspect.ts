// Questions about a definition that the API answers without running it.
import type { WorkflowDefinition } from '@brook/wdl';
import { compilePlan } from './plan.js';
import { resubmitFromBlockedReason } from '../run/resubmit.js';

/** Null when a run of this definition may be resubmitted from `actionName`, else why not (for canResubmitFrom / resubmitFromBlockedReason). */
export function canResubmitFrom(definition: WorkflowDefinition, actionName: string): string | null {
  const action = compilePlan(definition).actions.get(actionName);
  if (!action) return `The flow has no action named '${actionName}'.`;
  return resubmitFromBlockedReason(action);
}
