import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFlow } from './import-flow.js';

const FLOW = '8a1b2c3d-0000-4000-8000-000000000001';
const json = (value: unknown): Uint8Array => strToU8(JSON.stringify(value));

const definition = {
  $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
  contentVersion: '1.0.0.0',
  parameters: { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } },
  triggers: { manual: { type: 'Request', kind: 'Button', inputs: { schema: { type: 'object', properties: {} } } } },
  actions: {
    Send_an_email: {
      type: 'OpenApiConnection',
      inputs: {
        host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_office365', connectionName: 'shared_office365', operationId: 'SendEmailV2' },
        parameters: { 'emailMessage/To': 'someone@example.com', 'emailMessage/Subject': "@{triggerOutputs()?['headers/x-ms-user-name']}" },
        authentication: "@parameters('$authentication')",
      },
      runAfter: {},
    },
    Get_item: {
      type: 'OpenApiConnection',
      inputs: {
        host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', connectionName: 'shared_sharepointonline_1', operationId: 'GetItem' },
        parameters: { dataset: 'https://contoso.sharepoint.com/sites/x', table: 'list', id: 1 },
        authentication: "@parameters('$authentication')",
      },
      runAfter: { Send_an_email: ['Succeeded'] },
    },
  },
};

const flowDocument = {
  name: FLOW,
  id: `/providers/Microsoft.Flow/flows/${FLOW}`,
  type: 'Microsoft.Flow/flows',
  properties: {
    apiId: '/providers/Microsoft.PowerApps/apis/shared_logicflows',
    displayName: 'Send a reminder',
    definition,
    connectionReferences: {
      shared_office365: { connectionName: 'shared-office365-1f2e', source: 'Embedded', id: '/providers/Microsoft.PowerApps/apis/shared_office365', tier: 'NotSpecified', apiName: 'office365' },
      shared_sharepointonline_1: { connectionName: '', source: 'Invoker', id: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', tier: 'NotSpecified' },
    },
    flowFailureAlertSubscribed: false,
    isManaged: false,
    definitionSummary: { triggers: [], actions: [] },
  },
};

const rootManifest = {
  schema: '1.0',
  details: { displayName: 'Reminder package', description: '', createdTime: '2024-05-01T10:00:00Z', packageTelemetryId: 'x', creator: 'N/A', sourceEnvironment: '' },
  resources: {
    'res-flow': { type: 'Microsoft.Flow/flows', suggestedCreationType: 'Update', details: { displayName: 'Send a reminder' }, configurableBy: 'User', hierarchy: 'Root', dependsOn: ['res-api'] },
    'res-api': { id: '/providers/Microsoft.PowerApps/apis/shared_office365', name: 'shared_office365', type: 'Microsoft.PowerApps/apis', suggestedCreationType: 'Existing', details: { displayName: 'Office 365 Outlook' }, configurableBy: 'System', hierarchy: 'Child', dependsOn: [] },
  },
};

function legacyPackage(files: Zippable = {}, windowsSeparators = false): Uint8Array {
  const separator = windowsSeparators ? '\\' : '/';
  const path = (...parts: string[]): string => parts.join(separator);
  return zipSync({
    'manifest.json': json(rootManifest),
    [path('Microsoft.Flow', 'flows', 'manifest.json')]: json({ packageSchemaVersion: '1.0', flowAssets: { assetPaths: [FLOW] } }),
    [path('Microsoft.Flow', 'flows', FLOW, 'definition.json')]: json(flowDocument),
    [path('Microsoft.Flow', 'flows', FLOW, 'apisMap.json')]: json({ shared_office365: 'res-api' }),
    [path('Microsoft.Flow', 'flows', FLOW, 'connectionsMap.json')]: json({ shared_office365: 'res-conn' }),
    ...files,
  });
}

describe('Power Automate export packages', () => {
  it('reads the flow, its name and both connection references from a legacy package', () => {
    const flow = importFlow({ name: 'Reminder.zip', bytes: legacyPackage() });
    expect(flow.problems).toEqual([]);
    expect(flow.format).toBe('power-automate-package');
    expect(flow.displayName).toBe('Send a reminder');
    expect(flow.definition).toEqual(definition);
    expect(flow.definitionLocation).toBe(`Reminder.zip/Microsoft.Flow/flows/${FLOW}/definition.json#/properties/definition`);
    expect(flow.connectionReferences).toEqual([
      { name: 'shared_office365', apiName: 'office365', connectorId: '/providers/Microsoft.PowerApps/apis/shared_office365', connectionName: 'shared-office365-1f2e', source: 'Embedded' },
      { name: 'shared_sharepointonline_1', apiName: 'shared_sharepointonline', connectorId: '/providers/Microsoft.PowerApps/apis/shared_sharepointonline', connectionName: null, source: 'Invoker' },
    ]);
  });

  it('tolerates backslashes in entry names', () => {
    const flow = importFlow({ name: 'Reminder.zip', bytes: legacyPackage({}, true) });
    expect(flow.problems).toEqual([]);
    expect(flow.definition).toEqual(definition);
  });

  it('still reads a package without manifests, saying which file is missing', () => {
    const bytes = zipSync({ [`Microsoft.Flow/flows/${FLOW}/definition.json`]: json(flowDocument) });
    const flow = importFlow({ name: 'bare.zip', bytes });
    expect(flow.definition).toEqual(definition);
    expect(flow.problems.map((problem) => [problem.code, problem.severity, problem.path])).toEqual([
      ['MissingPackageFile', 'warning', 'bare.zip'],
      ['MissingPackageFile', 'warning', 'bare.zip'],
    ]);
    expect(flow.problems[0]!.message).toContain('manifest.json');
    expect(flow.problems[1]!.message).toContain('Microsoft.Flow/flows/manifest.json');
  });

  it('names the missing definition.json of a listed flow', () => {
    const bytes = zipSync({
      'manifest.json': json(rootManifest),
      'Microsoft.Flow/flows/manifest.json': json({ flowAssets: { assetPaths: ['not-there'] } }),
    });
    const flow = importFlow({ name: 'p.zip', bytes });
    expect(flow.definition).toBeNull();
    expect(flow.problems).toEqual([expect.objectContaining({ code: 'MissingPackageFile', severity: 'error' })]);
    expect(flow.problems[0]!.message).toContain('Microsoft.Flow/flows/not-there/definition.json');
  });

  it('names the entry, line and column of broken JSON inside the package', () => {
    const bytes = legacyPackage({ [`Microsoft.Flow/flows/${FLOW}/definition.json`]: strToU8('{\n  "properties": {\n    "definition": {,\n  }\n}') });
    const flow = importFlow({ name: 'p.zip', bytes });
    expect(flow.definition).toBeNull();
    expect(flow.problems).toEqual([expect.objectContaining({ code: 'InvalidJson', path: `p.zip/Microsoft.Flow/flows/${FLOW}/definition.json:3:20` })]);
  });

  it('reports a definition.json without a definition', () => {
    const bytes = legacyPackage({ [`Microsoft.Flow/flows/${FLOW}/definition.json`]: json({ properties: { displayName: 'x' } }) });
    const flow = importFlow({ name: 'p.zip', bytes });
    expect(flow.definition).toBeNull();
    expect(flow.problems).toEqual([expect.objectContaining({ code: 'InvalidShape', path: `p.zip/Microsoft.Flow/flows/${FLOW}/definition.json#/properties/definition` })]);
  });

  it('reports problems of the definition with pointers into the definition', () => {
    const broken = { ...flowDocument, properties: { ...flowDocument.properties, definition: { ...definition, actions: { ...definition.actions, Get_item: { ...definition.actions.Get_item, runAfter: { Send_email: ['Succeeded'] } } } } } };
    const flow = importFlow({ name: 'p.zip', bytes: legacyPackage({ [`Microsoft.Flow/flows/${FLOW}/definition.json`]: json(broken) }) });
    expect(flow.problems).toEqual([expect.objectContaining({ code: 'RunAfterMissingAction', path: '/actions/Get_item/runAfter/Send_email' })]);
  });

  it('imports the first of several flows and names the others; another by its name', () => {
    const second = '8a1b2c3d-0000-4000-8000-000000000002';
    const bytes = legacyPackage({
      'Microsoft.Flow/flows/manifest.json': json({ flowAssets: { assetPaths: [FLOW, second] } }),
      [`Microsoft.Flow/flows/${second}/definition.json`]: json({ ...flowDocument, properties: { ...flowDocument.properties, displayName: 'Second' } }),
    });
    const first = importFlow({ name: 'two.zip', bytes });
    expect(first.problems).toEqual([expect.objectContaining({ code: 'MultipleWorkflows', severity: 'warning' })]);
    expect(importFlow({ name: 'two.zip', bytes }, { workflow: second }).displayName).toBe('Second');
    expect(importFlow({ name: 'two.zip', bytes }, { workflow: 'Third' }).problems).toEqual([expect.objectContaining({ code: 'UnknownWorkflow', severity: 'error' })]);
  });

  it('reads a solution zip and its connection references', () => {
    const solutionFlow = {
      properties: {
        connectionReferences: {
          shared_office365: { runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: 'contoso_sharedoffice365_a1b2' }, api: { name: 'shared_office365' } },
        },
        definition,
      },
      schemaVersion: '1.0.0.0',
    };
    const bytes = zipSync({
      'solution.xml': strToU8('<ImportExportXml />'),
      'customizations.xml': strToU8('<ImportExportXml />'),
      'Workflows/SendReminder-0A1B2C3D-1111-4222-8333-444455556666.json': json(solutionFlow),
    });
    const flow = importFlow({ name: 'Solution_1_0_0_1.zip', bytes });
    expect(flow.format).toBe('power-automate-solution-flow');
    expect(flow.displayName).toBe('SendReminder');
    expect(flow.problems).toEqual([]);
    expect(flow.connectionReferences[0]).toEqual({
      name: 'shared_office365',
      apiName: 'shared_office365',
      connectorId: '/providers/Microsoft.PowerApps/apis/shared_office365',
      connectionName: 'contoso_sharedoffice365_a1b2',
      source: 'embedded',
    });
  });

  it('reports a zip that is neither kind of package, and bytes that are no zip', () => {
    const other = importFlow({ name: 'photos.zip', bytes: zipSync({ 'a.jpg': new Uint8Array([1]) }) });
    expect(other.problems).toEqual([expect.objectContaining({ code: 'MissingPackageFile', severity: 'error' })]);
    expect(other.problems[0]!.message).toContain('a.jpg');
    expect(importFlow({ name: 'export.zip', bytes: strToU8('<html>Sign in</html>') }).problems).toEqual([expect.objectContaining({ code: 'UnreadableZip' })]);
    const truncated = legacyPackage().slice(0, 200);
    expect(importFlow({ name: 'cut.zip', bytes: truncated }).problems).toEqual([expect.objectContaining({ code: 'UnreadableZip', path: 'cut.zip' })]);
  });
});
