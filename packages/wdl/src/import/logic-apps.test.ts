import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFlow } from './import-flow.js';

const definition = {
  $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
  contentVersion: '1.0.0.0',
  parameters: { $connections: { defaultValue: {}, type: 'Object' } },
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: { List: { type: 'ApiConnection', inputs: { host: { connection: { name: "@parameters('$connections')['azureblob']['connectionId']" } }, method: 'get', path: '/datasets/default/folders' }, runAfter: {} } },
};
const bytes = (value: unknown): Uint8Array => strToU8(JSON.stringify(value));

describe('Logic Apps documents', () => {
  it('reads a Consumption resource with its connections', () => {
    const flow = importFlow({
      name: 'app.json',
      bytes: bytes({
        id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Logic/workflows/list-blobs',
        name: 'list-blobs',
        type: 'Microsoft.Logic/workflows',
        properties: {
          definition,
          parameters: { $connections: { value: { azureblob: { connectionId: '/subscriptions/x/connections/azureblob', connectionName: 'azureblob', id: '/subscriptions/x/providers/Microsoft.Web/locations/westeurope/managedApis/azureblob' } } } },
        },
      }),
    });
    expect(flow).toMatchObject({ format: 'logic-apps-resource', displayName: 'list-blobs', definitionLocation: '/properties/definition', problems: [] });
    expect(flow.connectionReferences).toEqual([
      { name: 'azureblob', apiName: 'azureblob', connectorId: '/subscriptions/x/providers/Microsoft.Web/locations/westeurope/managedApis/azureblob', connectionName: 'azureblob', source: null },
    ]);
  });

  it('reads a Standard workflow.json and lists the connections its actions name', () => {
    const standard = {
      definition: {
        ...definition,
        parameters: {},
        actions: {
          Upload: { type: 'ServiceProvider', inputs: { serviceProviderConfiguration: { connectionName: 'AzureBlob', operationId: 'uploadBlob', serviceProviderId: '/serviceProviders/AzureBlob' } }, runAfter: {} },
          Send: { type: 'ApiConnection', inputs: { host: { connection: { referenceName: 'office365' } }, method: 'post', path: '/v2/Mail' }, runAfter: { Upload: ['Succeeded'] } },
        },
      },
      kind: 'Stateful',
    };
    const flow = importFlow({ name: 'workflow.json', bytes: bytes(standard) });
    expect(flow).toMatchObject({ format: 'logic-apps-standard', displayName: null, definitionLocation: '/definition', problems: [] });
    expect(flow.connectionReferences.map((reference) => [reference.name, reference.apiName])).toEqual([
      ['AzureBlob', 'AzureBlob'],
      ['office365', null],
    ]);
  });

  it('reports duplicate keys: actions as duplicate names, other keys as warnings at their place in the file', () => {
    const text = `{"kind":"Stateful","kind":"Stateless","definition":{"triggers":{"manual":{"type":"Request"}},"actions":{"A":{"type":"Compose","inputs":1},"A":{"type":"Compose","inputs":2,"inputs":3}}}}`;
    const flow = importFlow({ name: 'workflow.json', bytes: strToU8(text) });
    expect(flow.problems.map((problem) => [problem.code, problem.severity, problem.path])).toEqual([
      ['DuplicateActionName', 'error', '/actions/A'],
      ['DuplicateKey', 'warning', 'workflow.json#/kind'],
      ['DuplicateKey', 'warning', '/actions/A/inputs'],
    ]);
  });
});
