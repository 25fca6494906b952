// importFlow: one entry point for every file a user may bring. It recognises the format,
// takes the definition out of its wrapper, validates it, and lists the connections it
// needs. Never throws: a bad zip, a missing entry or broken JSON is a problem naming the
// file and the place.
import { describeJsonType, error, isPlainObject, sortProblems, type DefinitionProblem } from '../definitions/problems.js';
import type { WorkflowDefinition } from '../definitions/types.js';
import { validateDefinition } from '../definitions/validate.js';
import { readArmTemplate } from './arm-template.js';
import { mergeReferences, referencesFromDefinition, type ImportedConnectionReference } from './connection-references.js';
import { isDesignerClipboard, readDesignerClipboard } from './designer-clipboard.js';
import { type Extracted, type ImportFormat, type ImportOptions } from './extracted.js';
import { parseJsonFile } from './json-text.js';
import { readLogicAppsResource, readLogicAppsStandard } from './logic-apps.js';
import { isPowerAutomateFlow, isSolutionFlow, readPowerAutomateFlow } from './power-automate.js';
import { readPowerAutomateZip } from './power-automate-package.js';
import { isZip } from './zip.js';

export interface ImportedFlow {
  format: ImportFormat;
  displayName: string | null;
  /** The definition found in the file (even when it has errors), or null when there is none. */
  definition: WorkflowDefinition | null;
  /** Where the definition sat in the file, e.g. "/resources/0/properties/definition" ("" for a bare definition). */
  definitionLocation: string;
  /** Parameter values supplied beside the definition (Logic Apps resource or ARM `parameters`). */
  parameters: Record<string, unknown>;
  connectionReferences: ImportedConnectionReference[];
  /**
   * Problems of the definition carry JSON pointers into the definition; problems of the
   * file carry "<file>", "<file>:<line>:<column>" or "<file>#<pointer>". Errors first.
   */
  problems: DefinitionProblem[];
}

export function importFlow(file: { name: string; bytes: Uint8Array }, options: ImportOptions = {}): ImportedFlow {
  const name = file.name || 'flow';
  try {
    return finish(extract(name, file.bytes, options));
  } catch (cause) {
    // A bug in a reader must not take down the caller; say so plainly instead.
    return finish({
      ...emptyExtraction('definition'),
      problems: [error(name, 'InvalidShape', `Brook could not finish reading ${name} (${cause instanceof Error ? cause.message : String(cause)}). Please report it with the file.`)],
    });
  }
}

function emptyExtraction(format: ImportFormat): Extracted {
  return { format, displayName: null, definition: null, definitionLocation: '', parameters: {}, declaredReferences: [], problems: [], duplicateKeys: [] };
}

function extract(name: string, bytes: Uint8Array, options: ImportOptions): Extracted {
  if (isZip(bytes)) return readPowerAutomateZip(name, bytes, options);
  if (name.toLowerCase().endsWith('.zip')) {
    return {
      ...emptyExtraction('power-automate-package'),
      problems: [error(name, 'UnreadableZip', `${name} is named like a zip archive, but it is not one. Download the export package again; it may be incomplete.`)],
    };
  }
  const parsed = parseJsonFile(name, bytes);
  if (!parsed.ok) return { ...emptyExtraction('definition'), problems: [parsed.problem] };
  const document = parsed.value;
  if (!isPlainObject(document)) {
    return {
      ...emptyExtraction('definition'),
      problems: [error(name, 'UnknownFormat', `${name} holds ${describeJsonType(document)}, not a flow. ${KNOWN_FORMATS}`)],
    };
  }
  const format = detectFormat(document);
  switch (format) {
    case 'designer-clipboard':
      return readDesignerClipboard(name, document, parsed.duplicateKeys);
    case 'arm-template':
      return readArmTemplate(name, document, parsed.duplicateKeys, options);
    case 'logic-apps-resource':
      return readLogicAppsResource(name, document, parsed.duplicateKeys);
    case 'logic-apps-standard':
      return readLogicAppsStandard(name, document, parsed.duplicateKeys);
    case 'power-automate-package':
    case 'power-automate-solution-flow':
      return readPowerAutomateFlow(name, document, parsed.duplicateKeys, format);
    case 'definition':
      return { ...emptyExtraction('definition'), definition: document, duplicateKeys: parsed.duplicateKeys };
    case null:
      return {
        ...emptyExtraction('definition'),
        problems: [error(name, 'UnknownFormat', `${name} is JSON, but not a flow Brook recognises (its members: ${Object.keys(document).slice(0, 8).join(', ') || 'none'}). ${KNOWN_FORMATS}`)],
      };
  }
}

const KNOWN_FORMATS =
  'Brook reads a workflow definition (an object with "triggers" and "actions"), a Logic App resource or ARM template, a Logic Apps Standard workflow.json, a Power Automate export package (.zip) or solution flow, and an action copied from the designer.';

const WORKFLOW_SCHEMA = /\/providers\/microsoft\.logic\/schemas\/.*workflowdefinition\.json/i;
const DEPLOYMENT_SCHEMA = /deploymenttemplate\.json/i;

/** Recognise the format of a JSON document; null when it is none of them. */
export function detectFormat(document: Record<string, unknown>): ImportFormat | null {
  if (isDesignerClipboard(document)) return 'designer-clipboard';
  if (Array.isArray(document.resources)) return 'arm-template';
  if (isPlainObject(document.properties) && 'definition' in document.properties) {
    if (isSolutionFlow(document)) return 'power-automate-solution-flow';
    return isPowerAutomateFlow(document) ? 'power-automate-package' : 'logic-apps-resource';
  }
  if ('definition' in document && (isPlainObject(document.definition) || 'kind' in document)) return 'logic-apps-standard';
  if ('triggers' in document || 'actions' in document) return 'definition';
  const schema = typeof document.$schema === 'string' ? document.$schema : '';
  if (DEPLOYMENT_SCHEMA.test(schema)) return 'arm-template';
  if (WORKFLOW_SCHEMA.test(schema)) return 'definition';
  return null;
}

function finish(extracted: Extracted): ImportedFlow {
  const problems = [...extracted.problems];
  let definition: WorkflowDefinition | null = null;
  if (extracted.definition !== null) {
    const result = validateDefinition(extracted.definition, {
      ...(extracted.arm ? { arm: extracted.arm } : {}),
      suppliedParameters: Object.keys(extracted.parameters),
      duplicateKeys: extracted.duplicateKeys,
    });
    definition = result.definition;
    problems.push(...result.problems);
  }
  return {
    format: extracted.format,
    displayName: extracted.displayName,
    definition,
    definitionLocation: extracted.definitionLocation,
    parameters: extracted.parameters,
    connectionReferences: mergeReferences(extracted.declaredReferences, definition ? referencesFromDefinition(definition) : []),
    problems: sortProblems(problems),
  };
}
