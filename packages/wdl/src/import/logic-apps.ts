// Logic Apps documents other than ARM templates: a Consumption resource as the REST API
// and "Export" return it ({ name, properties: { definition, parameters } }) and a Standard
// project's workflow.json ({ definition, kind: "Stateful" | "Stateless" }).
import { isArmPlaceholder } from '../definitions/arm-placeholders.js';
import { isPlainObject } from '../definitions/problems.js';
import { readLogicAppsConnections } from './connection-references.js';
import { duplicateKeyWarnings, splitDuplicateKeys, suppliedValues, takeDefinition, type Extracted } from './extracted.js';

export function readLogicAppsResource(fileName: string, resource: Record<string, unknown>, duplicateKeys: string[]): Extracted {
  const properties = isPlainObject(resource.properties) ? resource.properties : {};
  const taken = takeDefinition(properties.definition, `${fileName}#/properties/definition`, fileName);
  const duplicates = splitDuplicateKeys(duplicateKeys, '/properties/definition');
  const supplied = isPlainObject(properties.parameters) ? properties.parameters : {};
  const parameters = suppliedValues(supplied);
  const name = typeof resource.name === 'string' && !isArmPlaceholder(resource.name) ? resource.name : null;
  return {
    format: 'logic-apps-resource',
    displayName: name,
    definition: taken.definition,
    definitionLocation: '/properties/definition',
    parameters,
    declaredReferences: readLogicAppsConnections(isPlainObject(supplied.$connections) ? supplied.$connections.value : undefined),
    problems: [...taken.problems, ...duplicateKeyWarnings(fileName, duplicates.outside)],
    duplicateKeys: duplicates.inside,
  };
}

export function readLogicAppsStandard(fileName: string, workflow: Record<string, unknown>, duplicateKeys: string[]): Extracted {
  const taken = takeDefinition(workflow.definition, `${fileName}#/definition`, fileName);
  const duplicates = splitDuplicateKeys(duplicateKeys, '/definition');
  return {
    format: 'logic-apps-standard',
    // A Standard workflow is named by its folder, which a single file does not carry.
    displayName: null,
    definition: taken.definition,
    definitionLocation: '/definition',
    parameters: {},
    declaredReferences: [],
    problems: [...taken.problems, ...duplicateKeyWarnings(fileName, duplicates.outside)],
    duplicateKeys: duplicates.inside,
  };
}
