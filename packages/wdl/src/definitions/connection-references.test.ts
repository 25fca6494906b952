import { describe, expect, it } from 'vitest';
import { collectConnectionReferences } from './connection-references.js';

describe('connection references', () => {
  it('finds every kind of reference with the triggers and actions that use it', () => {
    const definition = {
      triggers: {
        When_mail: { type: 'ApiConnectionWebhook', inputs: { host: { connection: { name: "@parameters('$connections')['office365']['connectionId']" } } } },
      },
      actions: {
        Scope: {
          type: 'Scope',
          actions: {
            Send: { type: 'ApiConnection', inputs: { host: { connection: { name: "@parameters('$connections')['office365']['connectionId']" } } } },
            Get_item: { type: 'OpenApiConnection', inputs: { host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', connectionName: 'shared_sharepointonline', operationId: 'GetItem' } } },
          },
        },
        List: { type: 'ApiConnection', inputs: { host: { connection: { referenceName: 'azureblob' } } } },
        Query: { type: 'ServiceProvider', inputs: { serviceProviderConfiguration: { connectionName: 'sql', serviceProviderId: '/serviceProviders/sql', operationId: 'executeQuery' } } },
        Approve: { type: 'ApiConnectionWebhook', inputs: { host: { connection: { name: "@json(decodeBase64(triggerOutputs().headers['X-MS-APIM-Tokens']))['$connections']['shared_approvals']['connectionId']" } } } },
        Note: { type: 'Compose', inputs: 'no connection here', description: "@parameters('$connections')['ignored']" },
      },
    };
    expect(collectConnectionReferences(definition)).toEqual([
      { name: 'office365', kind: 'connections-parameter', apiIds: [], paths: ['/triggers/When_mail', '/actions/Scope/actions/Send'] },
      { name: 'shared_sharepointonline', kind: 'connection-name', apiIds: ['/providers/Microsoft.PowerApps/apis/shared_sharepointonline'], paths: ['/actions/Scope/actions/Get_item'] },
      { name: 'azureblob', kind: 'reference-name', apiIds: [], paths: ['/actions/List'] },
      { name: 'sql', kind: 'service-provider', apiIds: ['/serviceProviders/sql'], paths: ['/actions/Query'] },
      { name: 'shared_approvals', kind: 'connections-parameter', apiIds: [], paths: ['/actions/Approve'] },
    ]);
  });

  it('accepts the newer host.connection string of Power Automate', () => {
    const definition = { actions: { Get: { type: 'OpenApiConnection', inputs: { host: { connection: 'shared_commondataserviceforapps', apiId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' } } } } };
    expect(collectConnectionReferences(definition).map((use) => [use.name, use.kind])).toEqual([['shared_commondataserviceforapps', 'connection-name']]);
  });

  it('returns nothing for input that is not a definition', () => {
    for (const input of [null, 1, 'x', [], { actions: 3 }]) expect(collectConnectionReferences(input)).toEqual([]);
  });
});
