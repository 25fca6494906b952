import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFlow } from './import-flow.js';

const envelope = {
  nodeId: 'Log',
  serializedValue: {
    type: 'Scope',
    actions: {
      Compose_log: { type: 'Compose', inputs: { RunId: "@workflow()?['run']?['name']" }, runAfter: {} },
      Create_row: {
        type: 'OpenApiConnection',
        inputs: {
          host: { apiId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps', connection: 'shared_commondataserviceforapps', operationId: 'CreateRecord' },
          parameters: { entityName: 'contoso_runs', 'item/contoso_runid': "@outputs('Compose_log')?['RunId']" },
          authentication: "@parameters('$authentication')",
        },
        runAfter: { Compose_log: ['Succeeded'] },
      },
    },
    runAfter: { Main_scope: ['Succeeded', 'Failed', 'TimedOut'] },
  },
  allConnectionData: {
    Create_row: {
      connectionReference: { api: { id: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps' }, connection: { id: 'contoso_sharedcommondataserviceforapps' }, connectionName: 'contoso_sharedcommondataserviceforapps' },
      referenceKey: 'shared_commondataserviceforapps',
    },
  },
  staticResults: {},
  isScopeNode: true,
  mslaNode: true,
};

describe('the designer clipboard', () => {
  it('makes a flow of the copied action, dropping its runAfter on actions that were not copied', () => {
    const flow = importFlow({ name: 'clipboard.json', bytes: strToU8(JSON.stringify(envelope)) });
    expect(flow.format).toBe('designer-clipboard');
    expect(flow.definition?.actions).toEqual({ Log: { ...envelope.serializedValue, runAfter: {} } });
    expect(flow.problems.map((problem) => [problem.code, problem.severity])).toEqual([
      ['ClipboardFragment', 'warning'],
      ['NoTrigger', 'warning'],
    ]);
    expect(flow.problems[0]!.message).toContain("'Main_scope'");
    expect(flow.connectionReferences).toEqual([
      { name: 'shared_commondataserviceforapps', apiName: 'shared_commondataserviceforapps', connectorId: '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps', connectionName: 'contoso_sharedcommondataserviceforapps', source: null },
    ]);
  });

  it('reads an action given as JSON text, and reports one that is not an action', () => {
    const text = importFlow({ name: 'c.json', bytes: strToU8(JSON.stringify({ ...envelope, serializedValue: JSON.stringify({ type: 'Compose', inputs: 1 }) })) });
    expect(text.definition?.actions).toEqual({ Log: { type: 'Compose', inputs: 1, runAfter: {} } });
    const broken = importFlow({ name: 'c.json', bytes: strToU8(JSON.stringify({ ...envelope, serializedValue: '{"type": ' })) });
    expect(broken.definition).toBeNull();
    expect(broken.problems).toEqual([expect.objectContaining({ code: 'InvalidJson', path: 'c.json (serializedValue):1:10' })]);
    const empty = importFlow({ name: 'c.json', bytes: strToU8(JSON.stringify({ ...envelope, serializedValue: 3 })) });
    expect(empty.problems).toEqual([expect.objectContaining({ code: 'InvalidShape', path: 'c.json#/serializedValue' })]);
  });
});
