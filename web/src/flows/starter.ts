import type { WorkflowDefinition } from '../api/types';

export type StarterTrigger = 'request' | 'recurrence' | 'manual';

const SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/** The definition a new flow starts with: one trigger, one action that answers. */
export function starterDefinition(trigger: StarterTrigger): WorkflowDefinition {
  const triggers: WorkflowDefinition['triggers'] =
    trigger === 'recurrence'
      ? { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Hour', interval: 1 } } }
      : trigger === 'manual'
        ? { manual: { type: 'Request', kind: 'Button', inputs: { schema: {} } } }
        : { manual: { type: 'Request', kind: 'Http', inputs: { schema: { type: 'object' } } } };
  const actions: WorkflowDefinition['actions'] =
    trigger === 'request'
      ? { Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: "@triggerBody()" }, runAfter: {} } }
      : { Compose: { type: 'Compose', inputs: "@utcNow()", runAfter: {} } };
  return { $schema: SCHEMA, contentVersion: '1.0.0.0', parameters: {}, triggers, actions, outputs: {} };
}
