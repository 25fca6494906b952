import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFlow } from './import-flow.js';

const definition = { triggers: { manual: { type: 'Request', kind: 'Http' } }, actions: { Reply: { type: 'Response', inputs: { statusCode: 200 }, runAfter: {} } } };
const file = (name: string, value: unknown): { name: string; bytes: Uint8Array } => ({ name, bytes: strToU8(typeof value === 'string' ? value : JSON.stringify(value)) });

describe('importFlow', () => {
  it('recognises each format by its shape', () => {
    expect(detectFormat(definition)).toBe('definition');
    expect(detectFormat({ $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#' })).toBe('definition');
    expect(detectFormat({ resources: [] })).toBe('arm-template');
    expect(detectFormat({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#' })).toBe('arm-template');
    expect(detectFormat({ name: 'x', properties: { definition } })).toBe('logic-apps-resource');
    expect(detectFormat({ type: 'Microsoft.Flow/flows', properties: { definition } })).toBe('power-automate-package');
    expect(detectFormat({ properties: { definition, connectionReferences: {} } })).toBe('power-automate-package');
    expect(detectFormat({ properties: { definition }, schemaVersion: '1.0.0.0' })).toBe('power-automate-solution-flow');
    expect(detectFormat({ definition, kind: 'Stateless' })).toBe('logic-apps-standard');
    expect(detectFormat({ nodeId: 'x', serializedValue: {} })).toBe('designer-clipboard');
    expect(detectFormat({ hello: 'world' })).toBeNull();
  });

  it('imports a bare definition as it is', () => {
    const flow = importFlow(file('flow.json', definition));
    expect(flow).toEqual({ format: 'definition', displayName: null, definition, definitionLocation: '', parameters: {}, connectionReferences: [], problems: [] });
  });

  it('reads a Power Automate flow as the Flow API returns it', () => {
    const flow = importFlow(file('definition.json', { name: 'abc', type: 'Microsoft.Flow/flows', properties: { displayName: 'My flow', definition, connectionReferences: {} } }));
    expect(flow).toMatchObject({ format: 'power-automate-package', displayName: 'My flow', problems: [] });
  });

  it('reads a solution flow file and takes its name from the file name', () => {
    const flow = importFlow(file('Workflows/Approve-0A1B2C3D-1111-4222-8333-444455556666.json', { properties: { definition, connectionReferences: {} }, schemaVersion: '1.0.0.0' }));
    expect(flow).toMatchObject({ format: 'power-automate-solution-flow', displayName: 'Approve', problems: [] });
  });

  it('says what it reads when the JSON is no flow', () => {
    const flow = importFlow(file('package.json', { name: 'x', version: '1.0.0' }));
    expect(flow.definition).toBeNull();
    expect(flow.problems).toEqual([expect.objectContaining({ code: 'UnknownFormat', path: 'package.json', severity: 'error' })]);
    expect(flow.problems[0]!.message).toContain('its members: name, version');
    expect(importFlow(file('list.json', [1, 2])).problems).toEqual([expect.objectContaining({ code: 'UnknownFormat' })]);
  });

  it('reports JSON that does not parse with the place', () => {
    expect(importFlow(file('flow.json', '{"triggers": }')).problems).toEqual([expect.objectContaining({ code: 'InvalidJson', path: 'flow.json:1:14' })]);
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('a.json', 'a.zip', ''), (bytes, name) => {
        const flow = importFlow({ name, bytes });
        expect(flow.problems.every((problem) => !problem.message.includes('could not finish'))).toBe(true);
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('manifest.json', 'Microsoft.Flow/flows/manifest.json', 'Microsoft.Flow/flows/x/definition.json', 'Workflows/a.json'), fc.jsonValue({ maxDepth: 3 })), (entries) => {
        const bytes = zipSync(Object.fromEntries(Object.entries(entries).map(([name, value]) => [name, strToU8(JSON.stringify(value) ?? 'null')])));
        const flow = importFlow({ name: 'p.zip', bytes });
        expect(flow.problems.every((problem) => !problem.message.includes('could not finish'))).toBe(true);
      }),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const flow = importFlow({ name: 'v.json', bytes: strToU8(JSON.stringify(value) ?? 'null') });
        expect(flow.problems.every((problem) => !problem.message.includes('could not finish'))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
