// Power Automate zips: the legacy "Export → Package (.zip)" layout
//   manifest.json
//   Microsoft.Flow/flows/manifest.json            { flowAssets: { assetPaths: [<guid>] } }
//   Microsoft.Flow/flows/<guid>/definition.json   { properties: { displayName, definition, connectionReferences } }
// and a solution zip (Workflows/<Name>-<GUID>.json). Every missing or broken entry is a
// problem naming the entry; nothing here throws.
import { error, isPlainObject, warning, type DefinitionProblem } from '../definitions/problems.js';
import type { Extracted, ImportOptions } from './extracted.js';
import { readPowerAutomateFlow } from './power-automate.js';
import { emptyResult, readJsonEntry } from './package-entries.js';
import { readSolutionZip } from './power-automate-solution-zip.js';
import { findEntry, readZip, type ZipEntries } from './zip.js';

const FLOWS_MANIFEST = 'Microsoft.Flow/flows/manifest.json';
const FLOW_DEFINITION = /^Microsoft\.Flow\/flows\/([^/]+)\/definition\.json$/i;
const SOLUTION_WORKFLOW = /^Workflows\/[^/]+\.json$/i;

export function readPowerAutomateZip(fileName: string, bytes: Uint8Array, options: ImportOptions): Extracted {
  const zip = readZip(fileName, bytes);
  if (!zip.ok) return emptyResult('power-automate-package', [zip.problem]);
  const { entries } = zip;
  const flowDefinitions = entries.names.filter((name) => FLOW_DEFINITION.test(name));
  const hasLegacyLayout = flowDefinitions.length > 0 || findEntry(entries, FLOWS_MANIFEST) !== null;
  if (!hasLegacyLayout) {
    const solutionFlows = entries.names.filter((name) => SOLUTION_WORKFLOW.test(name));
    if (solutionFlows.length > 0) return readSolutionZip(fileName, entries, solutionFlows, options);
    const listed = entries.names.slice(0, 8).join(', ') + (entries.names.length > 8 ? ', …' : '');
    return emptyResult('power-automate-package', [
      error(
        fileName,
        'MissingPackageFile',
        `${fileName} is a zip, but neither a Power Automate export package (no ${FLOWS_MANIFEST}) nor a solution (no Workflows/*.json)${entries.names.length ? `; it holds ${listed}` : '; it is empty'}. Export the flow with Export → Package (.zip).`,
      ),
    ]);
  }
  return readLegacyPackage(fileName, entries, flowDefinitions, options);
}

function readLegacyPackage(fileName: string, entries: ZipEntries, flowDefinitions: string[], options: ImportOptions): Extracted {
  const problems: DefinitionProblem[] = [];
  const root = readJsonEntry(fileName, entries, 'manifest.json');
  if (root === null) {
    problems.push(warning(fileName, 'MissingPackageFile', `${fileName} has no manifest.json at its root. Brook read the flow without it; the package may have been repacked by hand.`));
  } else if ('problem' in root) {
    problems.push(root.problem);
  }

  // The flows manifest says which flow folders the package holds; without it, take every definition.json.
  let guids = flowDefinitions.map((name) => FLOW_DEFINITION.exec(name)![1]!);
  const manifest = readJsonEntry(fileName, entries, FLOWS_MANIFEST);
  if (manifest === null) {
    problems.push(warning(fileName, 'MissingPackageFile', `${fileName} has no ${FLOWS_MANIFEST}; Brook looked for the flows' definition.json files instead.`));
  } else if ('problem' in manifest) {
    problems.push(manifest.problem);
  } else {
    const assets = isPlainObject(manifest.value) && isPlainObject(manifest.value.flowAssets) ? manifest.value.flowAssets.assetPaths : undefined;
    if (Array.isArray(assets) && assets.some((asset) => typeof asset === 'string')) guids = assets.filter((asset): asset is string => typeof asset === 'string');
    else problems.push(warning(`${manifest.label}#/flowAssets/assetPaths`, 'MissingPackageFile', `${manifest.label} lists no flows in flowAssets.assetPaths; Brook looked for the flows' definition.json files instead.`));
  }
  if (guids.length === 0) {
    return emptyResult('power-automate-package', [
      ...problems,
      error(fileName, 'MissingPackageFile', `${fileName} holds no flow: there is no Microsoft.Flow/flows/<id>/definition.json in it. Export the flow again.`),
    ]);
  }

  const rootManifest = root !== null && !('problem' in root) && isPlainObject(root.value) ? root.value : {};
  const flows = guids.map((guid) => ({ guid, displayName: displayNameFromManifest(rootManifest, guid) }));
  const wanted = options.workflow?.toLowerCase();
  const chosen = wanted === undefined ? flows[0]! : flows.find((flow) => flow.guid.toLowerCase() === wanted || flow.displayName?.toLowerCase() === wanted);
  if (!chosen) {
    return emptyResult('power-automate-package', [
      ...problems,
      error(fileName, 'UnknownWorkflow', `${fileName} has no flow named '${options.workflow}'. Its flows: ${flows.map(describeFlow).join(', ')}.`),
    ]);
  }
  if (wanted === undefined && flows.length > 1) {
    problems.push(warning(fileName, 'MultipleWorkflows', `${fileName} holds ${flows.length} flows (${flows.map(describeFlow).join(', ')}); Brook imported ${describeFlow(chosen)}. Import the others by choosing their name.`));
  }
  const entryName = `Microsoft.Flow/flows/${chosen.guid}/definition.json`;
  const document = readJsonEntry(fileName, entries, entryName);
  if (document === null) {
    return emptyResult('power-automate-package', [
      ...problems,
      error(fileName, 'MissingPackageFile', `${fileName} lists the flow ${chosen.guid}, but has no ${entryName}. Export the flow again.`),
    ]);
  }
  if ('problem' in document) return emptyResult('power-automate-package', [...problems, document.problem]);
  if (!isPlainObject(document.value)) {
    return emptyResult('power-automate-package', [...problems, error(document.label, 'InvalidShape', `${document.label} should be an object with "properties.definition", but it is not.`)]);
  }
  const flow = readPowerAutomateFlow(document.label, document.value, document.duplicateKeys, 'power-automate-package');
  return { ...flow, displayName: flow.displayName ?? chosen.displayName, problems: [...problems, ...flow.problems] };
}

function displayNameFromManifest(manifest: Record<string, unknown>, guid: string): string | null {
  const resources = isPlainObject(manifest.resources) ? Object.values(manifest.resources) : [];
  const flowResources = resources.filter(
    (resource): resource is Record<string, unknown> => isPlainObject(resource) && typeof resource.type === 'string' && resource.type.toLowerCase() === 'microsoft.flow/flows',
  );
  const match = flowResources.find((resource) => typeof resource.id === 'string' && resource.id.toLowerCase().endsWith(guid.toLowerCase())) ?? (flowResources.length === 1 ? flowResources[0] : undefined);
  const details = match && isPlainObject(match.details) ? match.details : isPlainObject(manifest.details) ? manifest.details : {};
  return typeof details.displayName === 'string' && details.displayName.trim() !== '' ? details.displayName : null;
}

function describeFlow(flow: { guid: string; displayName: string | null }): string {
  return flow.displayName ? `'${flow.displayName}' (${flow.guid})` : flow.guid;
}
