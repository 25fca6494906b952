// An Azure Resource Manager template holding Logic Apps (resources of type
// Microsoft.Logic/workflows), as written by hand, by the quickstart gallery, or by Power
// Automate's "Export → Logic Apps template". ARM expressions are not evaluated: each
// one is reported, saying what it stands for when the template tells.
import { armPlaceholderProblem, isArmPlaceholder, type ArmContext } from '../definitions/arm-placeholders.js';
import { forEachString } from '../definitions/json-walk.js';
import { error, isPlainObject, pointer, warning } from '../definitions/problems.js';
import { readLogicAppsConnections } from './connection-references.js';
import { duplicateKeyWarnings, splitDuplicateKeys, suppliedValues, takeDefinition, type Extracted, type ImportOptions } from './extracted.js';

interface WorkflowResource {
  resource: Record<string, unknown>;
  pointer: string;
  /** The resource name with a simple parameters('x') resolved to its default; null if unknown. */
  name: string | null;
}

const MAX_TEMPLATE_DEPTH = 16;

function isWorkflowResource(resource: Record<string, unknown>): boolean {
  return typeof resource.type === 'string' && resource.type.trim().toLowerCase() === 'microsoft.logic/workflows';
}

/** Workflow resources, including child resources and nested deployments' templates. */
function findWorkflows(template: Record<string, unknown>, arm: ArmContext): WorkflowResource[] {
  const found: WorkflowResource[] = [];
  const visit = (resources: unknown, at: string, depth: number): void => {
    if (!Array.isArray(resources) || depth > MAX_TEMPLATE_DEPTH) return;
    resources.forEach((resource, index) => {
      if (!isPlainObject(resource)) return;
      const resourcePointer = pointer(at, index);
      if (isWorkflowResource(resource)) found.push({ resource, pointer: resourcePointer, name: resolveName(resource.name, arm) });
      visit(resource.resources, pointer(resourcePointer, 'resources'), depth + 1);
      if (isPlainObject(resource.properties) && isPlainObject(resource.properties.template)) {
        visit(resource.properties.template.resources, pointer(resourcePointer, 'properties', 'template', 'resources'), depth + 1);
      }
    });
  };
  visit(template.resources, '/resources', 0);
  return found;
}

function resolveName(name: unknown, arm: ArmContext): string | null {
  if (typeof name !== 'string') return null;
  if (!isArmPlaceholder(name)) return name;
  const match = /^\[\s*(parameters|variables)\s*\(\s*'([^']*)'\s*\)\s*\]$/i.exec(name.trim());
  if (!match) return null;
  const source = match[1]!.toLowerCase() === 'parameters' ? arm.parameters : arm.variables;
  const entry = Object.hasOwn(source, match[2]!) ? source[match[2]!] : undefined;
  const value = match[1]!.toLowerCase() === 'parameters' ? (isPlainObject(entry) ? entry.defaultValue : undefined) : entry;
  return typeof value === 'string' && !isArmPlaceholder(value) ? value : null;
}

export function readArmTemplate(fileName: string, template: Record<string, unknown>, duplicateKeys: string[], options: ImportOptions): Extracted {
  const arm: ArmContext = {
    parameters: isPlainObject(template.parameters) ? template.parameters : {},
    variables: isPlainObject(template.variables) ? template.variables : {},
  };
  const workflows = findWorkflows(template, arm);
  const base: Extracted = {
    format: 'arm-template',
    displayName: null,
    definition: null,
    definitionLocation: '',
    parameters: {},
    declaredReferences: [],
    problems: [],
    arm,
    duplicateKeys: [],
  };
  if (workflows.length === 0) {
    const types = Array.isArray(template.resources)
      ? [...new Set(template.resources.map((resource) => (isPlainObject(resource) && typeof resource.type === 'string' ? resource.type : '?')))]
      : [];
    base.problems.push(
      error(
        fileName,
        'NoWorkflowInTemplate',
        `${fileName} is an ARM template, but none of its resources is a Logic App (type Microsoft.Logic/workflows)${types.length ? `; it holds ${types.join(', ')}` : ''}. Export the template of the logic app itself.`,
      ),
    );
    return base;
  }
  const wanted = options.workflow?.toLowerCase();
  const chosen = wanted === undefined ? workflows[0]! : workflows.find((workflow) => workflow.name?.toLowerCase() === wanted);
  if (!chosen) {
    base.problems.push(error(fileName, 'UnknownWorkflow', `${fileName} has no workflow named '${options.workflow}'. Its workflows: ${describeWorkflows(workflows)}.`));
    return base;
  }
  if (wanted === undefined && workflows.length > 1) {
    base.problems.push(
      warning(
        fileName,
        'MultipleWorkflows',
        `${fileName} holds ${workflows.length} workflows (${describeWorkflows(workflows)}); Brook imported ${chosen.name ? `'${chosen.name}'` : 'the first'}. Import the others by choosing their name.`,
      ),
    );
  }

  const properties = isPlainObject(chosen.resource.properties) ? chosen.resource.properties : {};
  const definitionPointer = pointer(chosen.pointer, 'properties', 'definition');
  const taken = takeDefinition(properties.definition, `${fileName}#${definitionPointer}`, fileName);
  const duplicates = splitDuplicateKeys(duplicateKeys, definitionPointer);
  const supplied = isPlainObject(properties.parameters) ? properties.parameters : {};
  const parameters = suppliedValues(supplied);
  for (const [name, entry] of Object.entries(supplied)) {
    // Connection ids are Azure resource ids Brook never calls; other placeholders reach the flow.
    if (name === '$connections') continue;
    forEachString(entry, pointer(chosen.pointer, 'properties', 'parameters', name), (text, at, where) => {
      if (where === 'value' && isArmPlaceholder(text)) base.problems.push(armPlaceholderProblem(`${fileName}#${at}`, text, arm));
    });
  }
  const connections = isPlainObject(supplied.$connections) ? supplied.$connections.value : undefined;
  return {
    ...base,
    displayName: chosen.name,
    definition: taken.definition,
    definitionLocation: definitionPointer,
    parameters,
    declaredReferences: readLogicAppsConnections(connections),
    problems: [...base.problems, ...taken.problems, ...duplicateKeyWarnings(fileName, duplicates.outside)],
    duplicateKeys: duplicates.inside,
  };
}

function describeWorkflows(workflows: WorkflowResource[]): string {
  return workflows.map((workflow, index) => (workflow.name ? `'${workflow.name}'` : `#${index + 1} at ${workflow.pointer}`)).join(', ');
}
