// Power Automate flow documents: the definition.json of an export package (also what the
// Flow API returns) and a solution's Workflows/<Name>-<GUID>.json. Both wrap the
// definition in `properties` beside its connectionReferences.
import { isPlainObject } from '../definitions/problems.js';
import { readPowerAutomateReferences } from './connection-references.js';
import { duplicateKeyWarnings, nameFromSolutionFile, splitDuplicateKeys, takeDefinition, type Extracted, type ImportFormat } from './extracted.js';

/** A solution flow (Dataverse clientdata) rather than a legacy package or Flow API flow. */
export function isSolutionFlow(document: Record<string, unknown>): boolean {
  if ('schemaVersion' in document) return true;
  const properties = isPlainObject(document.properties) ? document.properties : {};
  const references = isPlainObject(properties.connectionReferences) ? Object.values(properties.connectionReferences) : [];
  return references.some((reference) => isPlainObject(reference) && ('runtimeSource' in reference || isPlainObject(reference.api)));
}

export function isPowerAutomateFlow(document: Record<string, unknown>): boolean {
  const properties = isPlainObject(document.properties) ? document.properties : {};
  return (
    (typeof document.type === 'string' && document.type.toLowerCase() === 'microsoft.flow/flows') ||
    'connectionReferences' in properties ||
    'apiId' in properties ||
    isSolutionFlow(document)
  );
}

/** `fileName` names the file (or package entry) the document came from, for messages. */
export function readPowerAutomateFlow(fileName: string, document: Record<string, unknown>, duplicateKeys: string[], format: ImportFormat): Extracted {
  const properties = isPlainObject(document.properties) ? document.properties : {};
  const taken = takeDefinition(properties.definition, `${fileName}#/properties/definition`, fileName);
  const duplicates = splitDuplicateKeys(duplicateKeys, '/properties/definition');
  const displayName =
    typeof properties.displayName === 'string' && properties.displayName.trim() !== '' ? properties.displayName : format === 'power-automate-solution-flow' ? nameFromSolutionFile(fileName) : null;
  return {
    format,
    displayName,
    definition: taken.definition,
    definitionLocation: `${fileName}#/properties/definition`,
    parameters: {},
    declaredReferences: readPowerAutomateReferences(properties.connectionReferences),
    problems: [...taken.problems, ...duplicateKeyWarnings(fileName, duplicates.outside)],
    duplicateKeys: duplicates.inside,
  };
}
