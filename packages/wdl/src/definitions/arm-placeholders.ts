// ARM template expressions ("[parameters('x')]", "[concat(...)]") left in a definition.
// Azure Resource Manager replaces them when it deploys a template; Brook deploys nothing,
// so each one is a value the user still has to fill in. Reported once, in plain words,
// instead of surfacing later as a confusing expression or type error.
import { error, quote, type DefinitionProblem } from './problems.js';

/** What an ARM template declares, so a message can say what a placeholder stands for. */
export interface ArmContext {
  /** Template parameters: name → declaration ({ type, defaultValue, … }). */
  parameters: Record<string, unknown>;
  /** Template variables: name → value. */
  variables: Record<string, unknown>;
  /** Values given for template parameters (a parameters file), when known. */
  parameterValues?: Record<string, unknown>;
}

// "[" + a function call + "]", the whole string. "[[" escapes a literal "[" in ARM.
const ARM_EXPRESSION = /^\[\s*[A-Za-z_][\w.]*\s*\([\s\S]*\]$/;

export function isArmPlaceholder(value: unknown): value is string {
  return typeof value === 'string' && !value.startsWith('[[') && ARM_EXPRESSION.test(value.trim());
}

const SIMPLE_REFERENCE = /^\[\s*(parameters|variables)\s*\(\s*'((?:[^']|'')*)'\s*\)\s*\]$/i;

function lookup(map: Record<string, unknown> | undefined, name: string): { found: boolean; value: unknown } {
  if (!map) return { found: false, value: undefined };
  const key = Object.keys(map).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? { found: false, value: undefined } : { found: true, value: map[key] };
}

/** A hint saying what the placeholder stands for, when the template tells us. */
function replacementHint(placeholder: string, arm: ArmContext | undefined): string {
  const match = SIMPLE_REFERENCE.exec(placeholder.trim());
  if (!match) {
    return 'Replace it with the value it produces for your deployment.';
  }
  const kind = match[1]!.toLowerCase();
  const name = match[2]!.replace(/''/g, "'");
  if (kind === 'variables') {
    const variable = lookup(arm?.variables, name);
    if (variable.found && typeof variable.value !== 'string') return `Replace it with the template variable '${name}', which is ${quote(variable.value)}.`;
    if (variable.found && !isArmPlaceholder(variable.value)) return `Replace it with ${quote(variable.value)}, the value of the template variable '${name}'.`;
    return `Replace it with the value of the template variable '${name}'.`;
  }
  const given = lookup(arm?.parameterValues, name);
  if (given.found) return `Replace it with ${quote(given.value)}, the value given for the template parameter '${name}'.`;
  const declaration = lookup(arm?.parameters, name);
  const declared = declaration.value;
  if (declaration.found && typeof declared === 'object' && declared !== null && 'defaultValue' in declared) {
    const defaultValue = declared.defaultValue;
    if (!isArmPlaceholder(defaultValue)) return `Replace it with the value you deploy with; the template parameter '${name}' defaults to ${quote(defaultValue)}.`;
  }
  return `Replace it with the value you would deploy with for the template parameter '${name}'.`;
}

export function armPlaceholderProblem(path: string, placeholder: string, arm?: ArmContext): DefinitionProblem {
  return error(
    path,
    'ArmTemplatePlaceholder',
    `${quote(placeholder)} is an ARM template expression: Azure fills it in when the template is deployed, and Brook does not deploy ARM templates. ${replacementHint(placeholder, arm)}`,
  );
}
