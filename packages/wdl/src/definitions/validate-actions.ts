// Actions anywhere in the tree: shape, name, type, the members each container needs,
// where an action may sit, and unique names.
import type { ActionContainer, ActionEntry } from './action-tree.js';
import { isArmPlaceholder } from './arm-placeholders.js';
import { closestActionTypes, isKnownActionType } from './known-types.js';
import { describeJsonType, error, isPlainObject, pointer, quote, type DefinitionProblem } from './problems.js';
import { normalizeTypeName } from './types.js';
import { validateName } from './validate-names.js';

export function validateContainers(containers: ActionContainer[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const container of containers) {
    // The top-level map is checked with the rest of the document.
    if (container.ownerName === null || container.value === undefined || isPlainObject(container.value)) continue;
    problems.push(error(container.path, 'InvalidShape', `'${container.ownerName}'s "actions" must be an object that maps action names to actions, but it is ${describeJsonType(container.value)}.`));
  }
  return problems;
}

export function validateAction(entry: ActionEntry): DefinitionProblem[] {
  const { name, path, value } = entry;
  const problems = validateName(name, path, 'action');
  if (!isPlainObject(value)) {
    problems.push(error(path, 'InvalidShape', `Action '${name}' must be an object with a "type", but it is ${describeJsonType(value)}.`));
    return problems;
  }
  const type = value.type;
  if (type === undefined || (typeof type === 'string' && type.trim() === '')) {
    problems.push(error(path, 'MissingType', `Action '${name}' has no "type". Add one, such as "Compose", "Http" or "Scope".`));
  } else if (!isArmPlaceholder(type) && (typeof type !== 'string' || !isKnownActionType(normalizeTypeName(type)))) {
    const suggestion = typeof type === 'string' ? closestActionTypes(type) : [];
    problems.push(
      error(
        pointer(path, 'type'),
        'UnknownActionType',
        `Action '${name}' has type ${quote(type)}, which is not an action type${suggestion.length ? `; the closest known types are ${suggestion.join(', ')}` : ' (docs/definitions.md lists the known types)'}. Fix the type, or replace the action with one Brook knows.`,
      ),
    );
  }
  problems.push(...validateRequiredMembers(entry, value), ...validatePlacement(entry));
  return problems;
}

function validateRequiredMembers(entry: ActionEntry, action: Record<string, unknown>): DefinitionProblem[] {
  const { name, path } = entry;
  const problems: DefinitionProblem[] = [];
  const missing = (member: string, what: string): void => {
    if (action[member] === undefined) problems.push(error(path, 'MissingRequiredMember', `'${name}' has no "${member}". Add ${what}.`));
  };
  const objectMember = (member: string, example: string): void => {
    const value = action[member];
    if (value !== undefined && !isPlainObject(value)) {
      problems.push(error(pointer(path, member), 'InvalidShape', `"${member}" of '${name}' must be an object such as ${example}, but it is ${describeJsonType(value)}.`));
    }
  };
  switch (normalizeTypeName(action.type)) {
    case 'if':
      missing('expression', 'the condition to test, e.g. { "and": [ { "equals": [ "@variables(\'done\')", true ] } ] }');
      objectMember('else', '{ "actions": { … } }');
      break;
    case 'foreach':
      missing('foreach', 'the array to loop over, e.g. "@body(\'Get_items\')"');
      break;
    case 'until':
      missing('expression', 'the condition that ends the loop, e.g. "@equals(variables(\'done\'), true)"');
      objectMember('limit', '{ "count": 60, "timeout": "PT1H" }');
      break;
    case 'switch':
      missing('expression', 'the value to switch on, e.g. "@triggerBody()?[\'kind\']"');
      objectMember('cases', '{ "Case": { "case": "a", "actions": { … } } }');
      objectMember('default', '{ "actions": { … } }');
      problems.push(...validateSwitchCases(name, path, action.cases));
      break;
    default:
      break;
  }
  return problems;
}

function validateSwitchCases(name: string, path: string, cases: unknown): DefinitionProblem[] {
  if (!isPlainObject(cases)) return [];
  const problems: DefinitionProblem[] = [];
  const seen = new Map<string, string>();
  for (const [caseName, switchCase] of Object.entries(cases)) {
    const casePath = pointer(path, 'cases', caseName);
    if (!isPlainObject(switchCase)) {
      problems.push(error(casePath, 'InvalidShape', `Case '${caseName}' of '${name}' must be an object such as { "case": "a", "actions": { … } }, but it is ${describeJsonType(switchCase)}.`));
      continue;
    }
    const value = switchCase.case;
    if (value === undefined) {
      problems.push(error(casePath, 'MissingRequiredMember', `Case '${caseName}' of '${name}' has no "case". Add the value that selects this case, e.g. "case": "Approved".`));
      continue;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push(error(pointer(casePath, 'case'), 'InvalidShape', `The "case" of '${caseName}' in '${name}' is ${describeJsonType(value)}; a case value must be a fixed string or number.`));
      continue;
    }
    const key = `${typeof value}:${value}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(
        error(pointer(casePath, 'case'), 'DuplicateSwitchCase', `Cases '${earlier}' and '${caseName}' of '${name}' both match ${quote(value)}; each case needs its own value. Merge them or change one.`),
      );
    } else {
      seen.set(key, caseName);
    }
  }
  return problems;
}

function validatePlacement(entry: ActionEntry): DefinitionProblem[] {
  const type = normalizeTypeName(entry.type);
  const loop = entry.ancestors.find((ancestor) => ['foreach', 'until'].includes(normalizeTypeName(ancestor.type)));
  switch (type) {
    case 'response':
      return loop
        ? [error(entry.path, 'ResponseInLoop', `Response '${entry.name}' is inside the loop '${loop.name}'; a flow answers its caller once, so Response is not allowed in Foreach or Until. Move it after the loop.`)]
        : [];
    case 'terminate':
      return loop
        ? [error(entry.path, 'TerminateInLoop', `Terminate '${entry.name}' is inside the loop '${loop.name}', where it is not allowed. Move it after the loop, e.g. set a variable in the loop and terminate after it.`)]
        : [];
    case 'initializevariable':
      return entry.depth > 0
        ? [
            error(
              entry.path,
              'VariableNotTopLevel',
              `InitializeVariable '${entry.name}' is inside '${entry.parentName ?? ''}'; variables must be initialized at the top level of the flow. Move it to the top level (before the actions that use it) and use SetVariable inside.`,
            ),
          ]
        : [];
    default:
      return [];
  }
}

/** Names are unique in the whole tree (compared without regard to case), since actions('x') is global. */
export function validateUniqueNames(actions: ActionEntry[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const first = new Map<string, ActionEntry>();
  for (const entry of actions) {
    const key = entry.name.toLowerCase();
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, entry);
      continue;
    }
    problems.push(duplicateNameProblem(entry.path, entry.name, earlier.path));
  }
  return problems;
}

export function duplicateNameProblem(path: string, name: string, otherPath: string): DefinitionProblem {
  return error(
    path,
    'DuplicateActionName',
    `There is more than one action named '${name}' (another is at ${otherPath}). Action names must be unique in the whole flow, without regard to case, because expressions such as outputs('${name}') find actions by name. Rename one of them.`,
  );
}
