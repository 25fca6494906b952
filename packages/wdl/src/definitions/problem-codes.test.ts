// Every problem code has an example that produces it, and is explained in
// docs/definitions.md. The Record type makes a new code without an example a type error.
import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFlow } from '../import/import-flow.js';
import { KNOWN_ACTION_TYPES, KNOWN_TRIGGER_TYPES } from './known-types.js';
import { DEFINITION_PROBLEM_CODES, type DefinitionProblem, type DefinitionProblemCode } from './problems.js';
import { validateDefinition } from './validate.js';

const manual = { manual: { type: 'Request', kind: 'Http' } };
const compose = { type: 'Compose', inputs: 1 };
const check = (definition: unknown): DefinitionProblem[] => validateDefinition(definition).problems;
const withActions = (actions: Record<string, unknown>): DefinitionProblem[] => check({ triggers: manual, actions });
const load = (name: string, content: string | Uint8Array): DefinitionProblem[] =>
  importFlow({ name, bytes: typeof content === 'string' ? strToU8(content) : content }).problems;
const nested = (depth: number): Record<string, unknown> => {
  let actions: Record<string, unknown> = { Leaf: compose };
  for (let level = depth; level >= 1; level--) actions = { [`S${level}`]: { type: 'Scope', actions } };
  return actions;
};
const template = (resources: unknown[]): string => JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources });
const workflowResource = (name: string): unknown => ({ type: 'Microsoft.Logic/workflows', name, properties: { definition: { triggers: manual, actions: {} } } });

const EXAMPLES: Record<DefinitionProblemCode, () => DefinitionProblem[]> = {
  NotAnObject: () => check([]),
  InvalidShape: () => check({ triggers: manual, actions: [] }),
  UnknownSchema: () => check({ $schema: 'https://example.com/schema', triggers: manual, actions: {} }),
  InvalidContentVersion: () => check({ contentVersion: 'v1', triggers: manual, actions: {} }),
  ArmTemplatePlaceholder: () => withActions({ Call: { type: 'Http', inputs: { uri: "[parameters('uri')]" } } }),
  UnknownParameterType: () => check({ parameters: { p: { type: 'text', defaultValue: 'x' } }, triggers: manual, actions: {} }),
  ParameterWithoutValue: () => check({ parameters: { p: { type: 'string' } }, triggers: manual, actions: { A: { type: 'Compose', inputs: "@parameters('p')" } } }),
  ParameterValueMismatch: () => check({ parameters: { p: { type: 'int', defaultValue: 'ten' } }, triggers: manual, actions: {} }),
  UndeclaredParameter: () => withActions({ A: { type: 'Compose', inputs: "@parameters('missing')" } }),
  InvalidOutput: () => check({ triggers: manual, actions: {}, outputs: { o: { value: 1 } } }),
  InvalidStaticResult: () => check({ triggers: manual, actions: {}, staticResults: { r: { status: 'Maybe' } } }),
  UnknownStaticResult: () => withActions({ A: { ...compose, runtimeConfiguration: { staticResult: { name: 'nope', staticResultOptions: 'Enabled' } } } }),
  NoTrigger: () => check({ actions: {} }),
  MultipleTriggers: () => check({ triggers: { a: { type: 'Request' }, b: { type: 'Request' } }, actions: {} }),
  UnknownTriggerType: () => check({ triggers: { a: { type: 'Timer' } }, actions: {} }),
  InvalidRecurrence: () => check({ triggers: { r: { type: 'Recurrence', recurrence: { frequency: 'Daily', interval: 1 } } }, actions: {} }),
  MissingType: () => withActions({ A: { inputs: 1 } }),
  UnknownActionType: () => withActions({ A: { type: 'Condition', expression: true } }),
  InvalidName: () => withActions({ ['x'.repeat(81)]: compose }),
  DuplicateActionName: () => withActions({ A: compose, S: { type: 'Scope', actions: { a: compose } } }),
  MissingRequiredMember: () => withActions({ Loop: { type: 'Foreach', actions: {} } }),
  DuplicateSwitchCase: () => withActions({ S: { type: 'Switch', expression: '@1', cases: { A: { case: 1 }, B: { case: 1 } } } }),
  ResponseInLoop: () => withActions({ L: { type: 'Foreach', foreach: '@createArray(1)', actions: { R: { type: 'Response', inputs: {} } } } }),
  TerminateInLoop: () => withActions({ L: { type: 'Until', expression: '@true', actions: { T: { type: 'Terminate', inputs: { runStatus: 'Failed' } } } } }),
  VariableNotTopLevel: () => withActions({ S: { type: 'Scope', actions: { V: { type: 'InitializeVariable', inputs: { variables: [] } } } } }),
  RunAfterMissingAction: () => withActions({ A: { ...compose, runAfter: { B: ['Succeeded'] } } }),
  RunAfterOutsideContainer: () => withActions({ A: compose, S: { type: 'Scope', actions: { B: { ...compose, runAfter: { A: ['Succeeded'] } } } } }),
  RunAfterNoStatus: () => withActions({ A: compose, B: { ...compose, runAfter: { A: [] } } }),
  RunAfterUnknownStatus: () => withActions({ A: compose, B: { ...compose, runAfter: { A: ['Done'] } } }),
  RunAfterCycle: () => withActions({ A: { ...compose, runAfter: { B: ['Succeeded'] } }, B: { ...compose, runAfter: { A: ['Succeeded'] } } }),
  InvalidExpression: () => withActions({ A: { type: 'Compose', inputs: "@concat('a'," } }),
  ExpressionCallProblem: () => withActions({ A: { type: 'Compose', inputs: "@toUpper('a', 'b')" } }),
  ExpressionTooLong: () => withActions({ A: { type: 'Compose', inputs: `@string('${'x'.repeat(8_200)}')` } }),
  TooManyActions: () => withActions(Object.fromEntries(Array.from({ length: 501 }, (_, index) => [`A${index}`, compose]))),
  NestingTooDeep: () => withActions(nested(9)),
  TooManySwitchCases: () => withActions({ S: { type: 'Switch', expression: '@1', cases: Object.fromEntries(Array.from({ length: 26 }, (_, index) => [`C${index}`, { case: index }])) } }),
  InvalidJson: () => load('flow.json', '{"triggers": }'),
  DuplicateKey: () => load('flow.json', '{"triggers":{"manual":{"type":"Request","type":"Request"}},"actions":{}}'),
  UnreadableZip: () => load('flow.zip', 'not a zip'),
  MissingPackageFile: () => load('flow.zip', zipSync({ 'readme.txt': strToU8('hello') })),
  UnknownFormat: () => load('flow.json', '{"hello":"world"}'),
  NoWorkflowInTemplate: () => load('azuredeploy.json', template([{ type: 'Microsoft.Web/sites', name: 'x' }])),
  MultipleWorkflows: () => load('azuredeploy.json', template([workflowResource('a'), workflowResource('b')])),
  UnknownWorkflow: () => importFlow({ name: 't.json', bytes: strToU8(template([workflowResource('a')])) }, { workflow: 'b' }).problems,
  ClipboardFragment: () => load('clipboard.json', JSON.stringify({ nodeId: 'Compose', serializedValue: compose, allConnectionData: {} })),
};

describe('problem codes', () => {
  it.each(DEFINITION_PROBLEM_CODES.map((code) => [code]))('%s has an example that produces it', (code) => {
    const problems = EXAMPLES[code]();
    const found = problems.filter((problem) => problem.code === code);
    expect(found.length, `${code}: ${JSON.stringify(problems)}`).toBeGreaterThan(0);
    for (const problem of found) expect(problem.message).toMatch(/[.?)]$/);
  });

  it('are each explained in docs/definitions.md', () => {
    const docs = readFileSync(new URL('../../../../docs/definitions.md', import.meta.url), 'utf8');
    const missing = DEFINITION_PROBLEM_CODES.filter((code) => !docs.includes(`#### ${code}\n`));
    expect(missing).toEqual([]);
    const undocumentedTypes = [...KNOWN_ACTION_TYPES, ...KNOWN_TRIGGER_TYPES].filter((type) => !docs.includes(`\`${type}\``));
    expect(undocumentedTypes).toEqual([]);
  });
});
