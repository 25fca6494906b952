// Parameters (declarations, values, where they are used) and outputs.
import { isArmPlaceholder } from './arm-placeholders.js';
import { closestNames } from './known-types.js';
import { forEachString } from './json-walk.js';
import { evaluatedMembers } from './operation-members.js';
import { describeJsonType, error, isPlainObject, pointer, quote, warning, type DefinitionProblem } from './problems.js';
import { referencedParameters } from './template-strings.js';

export const PARAMETER_TYPES = ['int', 'float', 'string', 'securestring', 'bool', 'array', 'object', 'secureobject'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export function parameterType(type: unknown): ParameterType | null {
  if (typeof type !== 'string') return null;
  const lower = type.trim().toLowerCase();
  return (PARAMETER_TYPES as readonly string[]).includes(lower) ? (lower as ParameterType) : null;
}

/** Does a value fit a declared type? ARM placeholders are reported on their own. */
export function fitsParameterType(type: ParameterType, value: unknown): boolean {
  switch (type) {
    case 'int':
      return typeof value === 'number' && Number.isInteger(value);
    case 'float':
      return typeof value === 'number';
    case 'string':
    case 'securestring':
      return typeof value === 'string';
    case 'bool':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
    case 'secureobject':
      return isPlainObject(value);
  }
}

export interface ParameterUse {
  name: string;
  path: string;
}

/** Every parameters('…') call in the evaluated members of the given triggers and actions, and in outputs. */
export function findParameterUses(operations: Array<{ path: string; value: unknown }>, outputs: unknown): ParameterUse[] {
  const uses: ParameterUse[] = [];
  const collect = (text: string, path: string): void => {
    if (isArmPlaceholder(text)) return;
    for (const name of referencedParameters(text)) uses.push({ name, path });
  };
  for (const operation of operations) {
    for (const [, value, path] of evaluatedMembers(operation.value, operation.path)) forEachString(value, path, collect);
  }
  if (isPlainObject(outputs)) {
    for (const [name, output] of Object.entries(outputs)) {
      if (isPlainObject(output)) forEachString(output.value, pointer('/outputs', name, 'value'), collect);
    }
  }
  return uses;
}

export interface ParameterCheckInput {
  parameters: unknown;
  uses: ParameterUse[];
  /** Names of parameters given values outside the definition (case-insensitive). */
  supplied: ReadonlySet<string>;
}

export function validateParameters({ parameters, uses, supplied }: ParameterCheckInput): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const declared = isPlainObject(parameters) ? parameters : {};
  const usedNames = new Set(uses.map((use) => use.name.toLowerCase()));

  for (const [name, declaration] of Object.entries(declared)) {
    const path = pointer('/parameters', name);
    if (!isPlainObject(declaration)) {
      problems.push(error(path, 'InvalidShape', `Parameter '${name}' must be an object such as { "type": "string", "defaultValue": "…" }, but it is ${describeJsonType(declaration)}.`));
      continue;
    }
    const type = parameterType(declaration.type);
    if (type === null && !isArmPlaceholder(declaration.type)) {
      const suggestion = typeof declaration.type === 'string' ? closestNames(declaration.type, PARAMETER_TYPES) : [];
      problems.push(
        error(
          pointer(path, 'type'),
          'UnknownParameterType',
          `Parameter '${name}' has type ${quote(declaration.type)}. Use one of ${PARAMETER_TYPES.join(', ')} (any case)${suggestion.length ? `; did you mean ${suggestion.join(' or ')}?` : '.'}`,
        ),
      );
    }
    const hasValue = 'value' in declaration || 'defaultValue' in declaration || supplied.has(name.toLowerCase());
    if (!hasValue && usedNames.has(name.toLowerCase())) {
      problems.push(
        error(
          path,
          'ParameterWithoutValue',
          `Parameter '${name}' is used by the definition but has no value. Give it a "defaultValue", or supply a value for it when you import the flow.`,
        ),
      );
    }
    if (type !== null) problems.push(...checkParameterValues(name, path, type, declaration));
  }

  const reported = new Set<string>();
  const declaredNames = new Set(Object.keys(declared).map((name) => name.toLowerCase()));
  for (const use of uses) {
    const key = use.name.toLowerCase();
    if (declaredNames.has(key) || supplied.has(key) || reported.has(key)) continue;
    reported.add(key);
    const suggestion = closestNames(use.name, Object.keys(declared));
    problems.push(
      warning(
        use.path,
        'UndeclaredParameter',
        `parameters('${use.name}') is used here, but the definition declares no parameter '${use.name}'${suggestion.length ? ` (did you mean '${suggestion[0]}'?)` : ''}. Declare it under "parameters" with a type and a defaultValue; Logic Apps Standard projects may define it in parameters.json instead.`,
      ),
    );
  }
  return problems;
}

function checkParameterValues(name: string, path: string, type: ParameterType, declaration: Record<string, unknown>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const allowed = declaration.allowedValues;
  if (allowed !== undefined && !Array.isArray(allowed)) {
    problems.push(error(pointer(path, 'allowedValues'), 'InvalidShape', `allowedValues of parameter '${name}' must be an array of the values the parameter may take.`));
  }
  for (const member of ['defaultValue', 'value'] as const) {
    if (!(member in declaration)) continue;
    const value = declaration[member];
    if (isArmPlaceholder(value)) continue;
    if (!fitsParameterType(type, value)) {
      problems.push(
        error(
          pointer(path, member),
          'ParameterValueMismatch',
          `Parameter '${name}' is declared as ${type}, but its ${member} is ${describeJsonType(value)} (${quote(value)}). Change the ${member} or the type so they agree.`,
        ),
      );
    } else if (Array.isArray(allowed) && !allowed.some((candidate) => sameJson(candidate, value))) {
      problems.push(
        error(
          pointer(path, member),
          'ParameterValueMismatch',
          `The ${member} ${quote(value)} of parameter '${name}' is not one of its allowedValues (${allowed.map((candidate) => quote(candidate)).join(', ')}).`,
        ),
      );
    }
  }
  return problems;
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

export function validateOutputs(outputs: unknown): DefinitionProblem[] {
  if (!isPlainObject(outputs)) return [];
  const problems: DefinitionProblem[] = [];
  for (const [name, output] of Object.entries(outputs)) {
    const path = pointer('/outputs', name);
    if (!isPlainObject(output)) {
      problems.push(error(path, 'InvalidOutput', `Output '${name}' must be an object such as { "type": "string", "value": "@body('Get')" }, but it is ${describeJsonType(output)}.`));
      continue;
    }
    if (parameterType(output.type) === null && !isArmPlaceholder(output.type)) {
      problems.push(
        error(
          pointer(path, 'type'),
          'InvalidOutput',
          output.type === undefined
            ? `Output '${name}' has no "type". Add one of ${PARAMETER_TYPES.join(', ')}.`
            : `Output '${name}' has type ${quote(output.type)}. Use one of ${PARAMETER_TYPES.join(', ')}.`,
        ),
      );
    }
    if (!('value' in output)) {
      problems.push(error(path, 'InvalidOutput', `Output '${name}' has no "value". Add the value (usually an expression) the run should return as this output.`));
    }
  }
  return problems;
}
