import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readLogicAppsConnections } from './connection-references.js';
import { importFlow } from './import-flow.js';

const definition = {
  $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
  contentVersion: '1.0.0.0',
  parameters: { $connections: { defaultValue: {}, type: 'Object' }, greeting: { type: 'String' } },
  triggers: { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Hour', interval: 1 } } },
  actions: {
    Send: {
      type: 'ApiConnection',
      inputs: { host: { connection: { name: "@parameters('$connections')['office365']['connectionId']" } }, method: 'post', path: '/v2/Mail', body: { Subject: "@parameters('greeting')" } },
      runAfter: {},
    },
    Call: { type: 'Http', inputs: { method: 'GET', uri: "[parameters('serviceUri')]" }, runAfter: { Send: ['Succeeded'] } },
  },
  outputs: {},
};

function template(resources: unknown[]): Uint8Array {
  return strToU8(
    JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { logicAppName: { type: 'string', defaultValue: 'reminder-app' }, serviceUri: { type: 'string', defaultValue: 'https://example.com/api' } },
      variables: {},
      resources,
    }),
  );
}

const workflow = (name: unknown, body: unknown = definition): Record<string, unknown> => ({
  type: 'Microsoft.Logic/workflows',
  apiVersion: '2019-05-01',
  name,
  location: "[resourceGroup().location]",
  properties: {
    definition: body,
    parameters: {
      $connections: { value: { office365: { connectionId: "[resourceId('Microsoft.Web/connections', 'office365')]", connectionName: 'office365', id: "[concat(subscription().id, '/providers/Microsoft.Web/locations/', 'westeurope', '/managedApis/office365')]" } } },
      greeting: { value: 'Hello' },
    },
  },
});

describe('ARM templates', () => {
  it('imports the workflow resource with its parameters, connections and placeholders explained', () => {
    const flow = importFlow({ name: 'azuredeploy.json', bytes: template([{ type: 'Microsoft.Web/connections', name: 'office365' }, workflow("[parameters('logicAppName')]")]) });
    expect(flow.format).toBe('arm-template');
    expect(flow.displayName).toBe('reminder-app');
    expect(flow.definitionLocation).toBe('/resources/1/properties/definition');
    expect(flow.parameters).toMatchObject({ greeting: 'Hello' });
    expect(flow.connectionReferences).toEqual([
      {
        name: 'office365',
        apiName: 'office365',
        connectionName: 'office365',
        connectorId: "[concat(subscription().id, '/providers/Microsoft.Web/locations/', 'westeurope', '/managedApis/office365')]",
        source: null,
      },
    ]);
    // greeting has no default but is supplied by the resource; the placeholder is explained.
    expect(flow.problems).toEqual([expect.objectContaining({ code: 'ArmTemplatePlaceholder', path: '/actions/Call/inputs/uri' })]);
    expect(flow.problems[0]!.message).toContain('defaults to "https://example.com/api"');
  });

  it('reports placeholders in supplied parameter values at their place in the file', () => {
    const resource = workflow('app');
    (resource.properties as { parameters: Record<string, unknown> }).parameters.greeting = { value: "[parameters('greetingText')]" };
    const flow = importFlow({ name: 't.json', bytes: template([resource]) });
    expect(flow.problems.map((problem) => problem.path)).toEqual(['t.json#/resources/0/properties/parameters/greeting/value', '/actions/Call/inputs/uri']);
  });

  it('imports the first of several workflows, or the one asked for', () => {
    const bytes = template([workflow('first'), workflow('second')]);
    const first = importFlow({ name: 't.json', bytes });
    expect(first.displayName).toBe('first');
    expect(first.problems.map((problem) => problem.code)).toContain('MultipleWorkflows');
    const second = importFlow({ name: 't.json', bytes }, { workflow: 'SECOND' });
    expect(second.displayName).toBe('second');
    expect(second.definitionLocation).toBe('/resources/1/properties/definition');
    expect(importFlow({ name: 't.json', bytes }, { workflow: 'third' }).problems).toEqual([expect.objectContaining({ code: 'UnknownWorkflow', path: 't.json' })]);
  });

  it('finds workflows in nested deployments', () => {
    const nested = { type: 'Microsoft.Resources/deployments', name: 'inner', properties: { template: { resources: [workflow('nested-app')] } } };
    const flow = importFlow({ name: 't.json', bytes: template([nested]) });
    expect(flow.displayName).toBe('nested-app');
    expect(flow.definitionLocation).toBe('/resources/0/properties/template/resources/0/properties/definition');
  });

  it('says when a template holds no Logic App', () => {
    const flow = importFlow({ name: 'storage.json', bytes: template([{ type: 'Microsoft.Storage/storageAccounts', name: 'x' }]) });
    expect(flow.definition).toBeNull();
    expect(flow.problems).toEqual([expect.objectContaining({ code: 'NoWorkflowInTemplate', path: 'storage.json' })]);
    expect(flow.problems[0]!.message).toContain('Microsoft.Storage/storageAccounts');
  });

  it('reports a workflow resource without a definition', () => {
    const flow = importFlow({ name: 't.json', bytes: template([{ type: 'microsoft.logic/workflows', name: 'x', properties: {} }]) });
    expect(flow.problems).toEqual([expect.objectContaining({ code: 'InvalidShape', path: 't.json#/resources/0/properties/definition' })]);
  });
});

describe('connections written as ARM template expressions', () => {
  it('takes the connector and connection names from the expression, not its last characters', () => {
    expect(
      readLogicAppsConnections({
        sql: {
          id: "[subscriptionResourceId('Microsoft.Web/locations/managedApis', parameters('location'), 'sql')]",
          connectionId: "[resourceId('Microsoft.Web/connections', parameters('sqlConnectionName'))]",
        },
        blob: { id: "[concat('/subscriptions/', subscription().subscriptionId, '/providers/Microsoft.Web/locations/westeurope/managedApis/azureblob')]", connectionId: "[resourceId('Microsoft.Web/connections', 'azureblob-1')]" },
        plain: { id: '/subscriptions/x/providers/Microsoft.Web/locations/westeurope/managedApis/office365', connectionId: '/subscriptions/x/resourceGroups/r/providers/Microsoft.Web/connections/office365-2' },
      }).map(({ name, apiName, connectionName }) => ({ name, apiName, connectionName })),
    ).toEqual([
      { name: 'sql', apiName: 'sql', connectionName: null },
      { name: 'blob', apiName: 'azureblob', connectionName: 'azureblob-1' },
      { name: 'plain', apiName: 'office365', connectionName: 'office365-2' },
    ]);
  });
});
