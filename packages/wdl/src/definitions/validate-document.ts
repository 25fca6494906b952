// The top level of a definition: $schema, contentVersion and the shape of its maps.
import { isArmPlaceholder } from './arm-placeholders.js';
import { describeJsonType, error, isPlainObject, quote, warning, type DefinitionProblem } from './problems.js';

export const CANONICAL_SCHEMA = 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#';

// Every published version: 2016-06-01 (current), 2016-04-01-preview, 2015-08-01-preview, …
const WORKFLOW_SCHEMA = /^https?:\/\/schema\.management\.azure\.com\/providers\/microsoft\.logic\/schemas\/[\w.-]+\/workflowdefinition\.json#?$/i;

const MAP_MEMBERS = ['parameters', 'triggers', 'actions', 'outputs', 'staticResults'] as const;

export function validateDocument(definition: Record<string, unknown>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const schema = definition.$schema;
  if (schema !== undefined && !isArmPlaceholder(schema)) {
    if (typeof schema !== 'string' || !WORKFLOW_SCHEMA.test(schema.trim())) {
      const what = typeof schema === 'string' && /deploymenttemplate\.json/i.test(schema) ? 'the schema of an ARM deployment template (left over from the template this definition came from), not of a workflow definition' : 'not a workflow definition schema';
      problems.push(warning('/$schema', 'UnknownSchema', `$schema is ${quote(schema)}, ${what}. Use "${CANONICAL_SCHEMA}" (or remove $schema).`));
    }
  }
  const version = definition.contentVersion;
  if (version !== undefined && !isArmPlaceholder(version)) {
    if (typeof version !== 'string' || !/^\d+(\.\d+){0,3}$/.test(version.trim())) {
      problems.push(
        warning('/contentVersion', 'InvalidContentVersion', `contentVersion is ${quote(version)}; it should be a version string such as "1.0.0.0".`),
      );
    }
  }
  for (const member of MAP_MEMBERS) {
    const value = definition[member];
    if (value !== undefined && !isPlainObject(value)) {
      problems.push(
        error(`/${member}`, 'InvalidShape', `"${member}" must be an object that maps names to ${describeMember(member)}, but it is ${describeJsonType(value)}.`),
      );
    }
  }
  return problems;
}

function describeMember(member: (typeof MAP_MEMBERS)[number]): string {
  switch (member) {
    case 'parameters':
      return 'parameter declarations ({ "type": "string", "defaultValue": … })';
    case 'triggers':
      return 'triggers';
    case 'actions':
      return 'actions';
    case 'outputs':
      return 'outputs ({ "type": "string", "value": … })';
    case 'staticResults':
      return 'static results ({ "status": "Succeeded", "outputs": … })';
  }
}
