// Small definitions the server's tests run.
import type { WorkflowDefinition } from '@brook/wdl';

const SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

/** Request → Compose (the body) → Response 200 with it: the shape of the benchmark. */
export function echoFlow(): WorkflowDefinition {
  return {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} } } },
    actions: {
      Compose: { type: 'Compose', inputs: '@triggerBody()', runAfter: {} },
      Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, headers: { 'x-echo': 'yes' }, body: '@outputs(\'Compose\')' }, runAfter: { Compose: ['Succeeded'] } },
    },
  };
}

/** POST orders/{id} with no Response: the caller gets 202 and the run id. */
export function orderFlow(): WorkflowDefinition {
  return {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    triggers: { order: { type: 'Request', kind: 'Http', inputs: { method: 'POST', relativePath: 'orders/{id}' } } },
    actions: {
      Note: { type: 'Compose', inputs: "@concat('order ', triggerOutputs()['relativePathParameters']['id'])", runAfter: {} },
    },
  };
}

/** Fails every run (Terminate Failed) after a first step that succeeds. */
export function failingFlow(message = 'The order system said no'): WorkflowDefinition {
  return {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
    actions: {
      Prepare: { type: 'Compose', inputs: 'ready', runAfter: {} },
      Stop: { type: 'Terminate', inputs: { runStatus: 'Failed', runError: { code: 'OrderRejected', message } }, runAfter: { Prepare: ['Succeeded'] } },
    },
  };
}

/** Waits before answering: for response timeouts. */
export function slowFlow(wait = 'PT2S'): WorkflowDefinition {
  return {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
    actions: {
      Wait: { type: 'Wait', inputs: { interval: { count: Number(/\d+/.exec(wait)?.[0] ?? 2), unit: 'Second' } }, runAfter: {} },
      Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: 'late' }, runAfter: { Wait: ['Succeeded'] } },
    },
  };
}

/** A Recurrence trigger every `seconds` seconds. */
export function everySeconds(seconds: number): WorkflowDefinition {
  return {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    triggers: { Every: { type: 'Recurrence', recurrence: { frequency: 'Second', interval: seconds } } },
    actions: { Tick: { type: 'Compose', inputs: "@triggerOutputs()?['scheduledTime']", runAfter: {} } },
  };
}

/** Calls the orders service through the connection reference 'orders'. */
export function ordersFlow(orderId = '7'): WorkflowDefinition {
  return {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
    actions: {
      Get_order: { type: 'ApiConnection', inputs: { host: { connection: { name: 'orders' } }, method: 'get', path: `/orders/${orderId}` }, runAfter: {} },
      Status: { type: 'Compose', inputs: "@body('Get_order')?['status']", runAfter: { Get_order: ['Succeeded'] } },
    },
  };
}

/** Fails when the trigger body says { "fail": true }, succeeds otherwise. */
export function flakyFlow(): WorkflowDefinition {
  return {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    triggers: { manual: { type: 'Request', kind: 'Http', inputs: {} } },
    actions: {
      Check: {
        type: 'If',
        expression: { equals: ["@coalesce(triggerBody()?['fail'], false)", true] },
        actions: { Stop: { type: 'Terminate', inputs: { runStatus: 'Failed', runError: { code: 'Rejected', message: 'The input was rejected' } }, runAfter: {} } },
        else: { actions: {} },
        runAfter: {},
      },
    },
  };
}
