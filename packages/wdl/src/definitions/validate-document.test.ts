import { describe, expect, it } from 'vitest';
import { validateDefinition } from './validate.js';

const base = { triggers: { manual: { type: 'Request', kind: 'Http' } }, actions: {} };

describe('the document', () => {
  it('refuses anything that is not an object', () => {
    for (const input of [null, 3, 'x', [], true, undefined]) {
      const result = validateDefinition(input);
      expect(result.definition).toBeNull();
      expect(result.problems).toEqual([expect.objectContaining({ code: 'NotAnObject', path: '', severity: 'error' })]);
    }
  });

  it('accepts every published workflow schema, and none at all', () => {
    for (const schema of [
      'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-04-01-preview/workflowdefinition.json#',
      'http://schema.management.azure.com/providers/microsoft.logic/schemas/2015-08-01-preview/workflowdefinition.json',
    ]) {
      expect(validateDefinition({ ...base, $schema: schema }).problems).toEqual([]);
    }
    expect(validateDefinition(base).problems).toEqual([]);
  });

  it('warns about another schema, naming the right one, and says so for an ARM deployment schema', () => {
    const [problem] = validateDefinition({ ...base, $schema: 'https://example.com/schema.json' }).problems;
    expect(problem).toMatchObject({ code: 'UnknownSchema', path: '/$schema', severity: 'warning' });
    expect(problem!.message).toContain('2016-06-01/workflowdefinition.json#');
    const [arm] = validateDefinition({ ...base, $schema: 'https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#' }).problems;
    expect(arm!.message).toContain('ARM deployment template');
  });

  it('warns about a contentVersion that is not a version', () => {
    expect(validateDefinition({ ...base, contentVersion: 'latest' }).problems).toEqual([
      expect.objectContaining({ code: 'InvalidContentVersion', path: '/contentVersion', severity: 'warning' }),
    ]);
    expect(validateDefinition({ ...base, contentVersion: '1.0.0.0' }).problems).toEqual([]);
  });

  it('reports maps of the wrong shape, in the order of the document', () => {
    const problems = validateDefinition({ triggers: [], actions: 'none', parameters: 1, outputs: [], staticResults: 'x' }).problems;
    expect(problems.filter((problem) => problem.code === 'InvalidShape').map((problem) => problem.path)).toEqual([
      '/triggers',
      '/actions',
      '/parameters',
      '/outputs',
      '/staticResults',
    ]);
  });

  it('returns every problem at once, errors first', () => {
    const problems = validateDefinition({
      $schema: 'nope',
      triggers: { a: { type: 'Request' }, b: { type: 'Bogus' } },
      actions: { X: { type: 'Nope' }, Y: { type: 'Compose', runAfter: { Z: ['Succeeded'] } } },
    }).problems;
    expect(problems.map((problem) => problem.code)).toEqual(['UnknownTriggerType', 'UnknownActionType', 'RunAfterMissingAction', 'UnknownSchema', 'MultipleTriggers']);
  });
});
