// A Power Automate solution zip: each solution-aware flow is Workflows/<Name>-<GUID>.json
// (the flow's clientdata); its connection references use the solution dialect.
import { error, isPlainObject, warning, type DefinitionProblem } from '../definitions/problems.js';
import type { Extracted, ImportOptions } from './extracted.js';
import { emptyResult, readJsonEntry } from './package-entries.js';
import { readPowerAutomateFlow } from './power-automate.js';
import type { ZipEntries } from './zip.js';

export function readSolutionZip(fileName: string, entries: ZipEntries, workflowEntries: string[], options: ImportOptions): Extracted {
  const problems: DefinitionProblem[] = [];
  const wanted = options.workflow?.toLowerCase();
  const chosenEntry = wanted === undefined ? workflowEntries[0]! : workflowEntries.find((name) => name.toLowerCase().includes(wanted));
  if (!chosenEntry) {
    return emptyResult('power-automate-solution-flow', [
      error(fileName, 'UnknownWorkflow', `${fileName} has no flow named '${options.workflow}'. Its flows: ${workflowEntries.join(', ')}.`),
    ]);
  }
  if (wanted === undefined && workflowEntries.length > 1) {
    problems.push(warning(fileName, 'MultipleWorkflows', `${fileName} holds ${workflowEntries.length} flows (${workflowEntries.join(', ')}); Brook imported ${chosenEntry}. Import the others by choosing their name.`));
  }
  const document = readJsonEntry(fileName, entries, chosenEntry);
  if (document === null || 'problem' in document) return emptyResult('power-automate-solution-flow', [...problems, ...(document ? [document.problem] : [])]);
  if (!isPlainObject(document.value)) {
    return emptyResult('power-automate-solution-flow', [...problems, error(document.label, 'InvalidShape', `${document.label} should be an object with "properties.definition", but it is not.`)]);
  }
  const flow = readPowerAutomateFlow(document.label, document.value, document.duplicateKeys, 'power-automate-solution-flow');
  return { ...flow, problems: [...problems, ...flow.problems] };
}
