// Which members of a trigger or action the runtime evaluates as expressions. Names,
// types, runAfter, descriptions and designer metadata are never evaluated; the action
// maps of containers are walked as actions of their own.
import { isPlainObject, pointer } from './problems.js';
import { normalizeTypeName } from './types.js';

const NEVER_EVALUATED = new Set(['type', 'kind', 'runafter', 'description', 'metadata', 'operationoptions']);

/** [member name, value, JSON pointer] for each member that may hold expressions. */
export function evaluatedMembers(operation: unknown, path: string): Array<[string, unknown, string]> {
  if (!isPlainObject(operation)) return [];
  const type = normalizeTypeName(operation.type);
  const members: Array<[string, unknown, string]> = [];
  for (const [key, value] of Object.entries(operation)) {
    const lower = key.toLowerCase();
    if (NEVER_EVALUATED.has(lower)) continue;
    if (isContainerMember(type, lower)) continue;
    members.push([key, value, pointer(path, key)]);
  }
  // Switch case values are constants compared with the expression; nothing to evaluate.
  return members;
}

function isContainerMember(type: string, member: string): boolean {
  switch (type) {
    case 'scope':
    case 'foreach':
    case 'until':
      return member === 'actions';
    case 'if':
      return member === 'actions' || member === 'else';
    case 'switch':
      return member === 'cases' || member === 'default';
    default:
      return false;
  }
}
