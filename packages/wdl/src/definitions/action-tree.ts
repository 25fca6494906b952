// Walks the action tree of a definition: top-level actions and everything nested in
// Scope, If (actions + else), Switch (cases + default), Foreach and Until, to any depth.
// Tolerant of any input: members of the wrong shape are skipped here and reported by
// validation, so listing never throws.
import { isPlainObject, pointer } from './problems.js';
import { normalizeTypeName } from './types.js';

/** One action anywhere in the tree. */
export interface ActionListing {
  name: string;
  /** JSON pointer of the action, e.g. "/actions/Scope/actions/Send". */
  path: string;
  /** `type` as written ("" when missing or not a string). */
  type: string;
  /** The enclosing container action, null at top level. */
  parentName: string | null;
  /**
   * Where in the parent the action sits, as a pointer relative to the parent: "actions",
   * "else/actions", "cases/<case>/actions", "default/actions". "actions" at top level.
   */
  containerKey: string;
}

/** What validation needs beyond the public listing. */
export interface ActionEntry extends ActionListing {
  /** The raw action value (not necessarily an object). */
  value: unknown;
  /** JSON pointer of the map that holds this action and its siblings. */
  containerPath: string;
  /** Number of container actions around this action (0 at top level). */
  depth: number;
  /** Enclosing container actions, outermost first. */
  ancestors: Array<{ name: string; type: string }>;
}

/** One map of actions (the top-level one or a branch of a container). */
export interface ActionContainer {
  path: string;
  value: unknown;
  ownerName: string | null;
  ownerType: string | null;
  depth: number;
}

export interface ActionTree {
  actions: ActionEntry[];
  containers: ActionContainer[];
}

interface Branch {
  key: string;
  value: unknown;
}

/** The action maps a container action holds, in document order of its kind. */
export function branchesOf(action: Record<string, unknown>): Branch[] {
  const branches: Branch[] = [];
  switch (normalizeTypeName(action.type)) {
    case 'scope':
    case 'foreach':
    case 'until':
      if ('actions' in action) branches.push({ key: 'actions', value: action.actions });
      break;
    case 'if':
      if ('actions' in action) branches.push({ key: 'actions', value: action.actions });
      if (isPlainObject(action.else) && 'actions' in action.else) branches.push({ key: 'else/actions', value: action.else.actions });
      break;
    case 'switch':
      if (isPlainObject(action.cases)) {
        for (const [caseName, switchCase] of Object.entries(action.cases)) {
          if (isPlainObject(switchCase) && 'actions' in switchCase) {
            branches.push({ key: pointer('/cases', caseName, 'actions').slice(1), value: switchCase.actions });
          }
        }
      }
      if (isPlainObject(action.default) && 'actions' in action.default) branches.push({ key: 'default/actions', value: action.default.actions });
      break;
    default:
      break;
  }
  return branches;
}

/**
 * Containers nested deeper than this are not walked: far past the service's limit of 8
 * (reported as NestingTooDeep), and it keeps a hostile document from exhausting the stack.
 */
export const MAX_WALK_DEPTH = 64;

/** The whole tree in document order (depth first, each action before its children). */
export function walkActionTree(definition: unknown): ActionTree {
  const tree: ActionTree = { actions: [], containers: [] };
  if (!isPlainObject(definition) || !('actions' in definition)) return tree;
  const seen = new Set<unknown>();

  const visit = (container: ActionContainer, containerKey: string, ancestors: Array<{ name: string; type: string }>): void => {
    tree.containers.push(container);
    if (!isPlainObject(container.value) || seen.has(container.value)) return;
    seen.add(container.value);
    for (const [name, value] of Object.entries(container.value)) {
      const path = pointer(container.path, name);
      const type = isPlainObject(value) && typeof value.type === 'string' ? value.type : '';
      tree.actions.push({ name, path, type, parentName: container.ownerName, containerKey, value, containerPath: container.path, depth: container.depth, ancestors });
      if (!isPlainObject(value) || container.depth >= MAX_WALK_DEPTH) continue;
      for (const branch of branchesOf(value)) {
        const child: ActionContainer = { path: `${path}/${branch.key}`, value: branch.value, ownerName: name, ownerType: type, depth: container.depth + 1 };
        visit(child, branch.key, [...ancestors, { name, type }]);
      }
    }
  };
  visit({ path: '/actions', value: definition.actions, ownerName: null, ownerType: null, depth: 0 }, 'actions', []);
  return tree;
}

/** Every action anywhere in the definition, with where it sits. Never throws. */
export function listActions(definition: unknown): ActionListing[] {
  return walkActionTree(definition).actions.map(({ name, path, type, parentName, containerKey }) => ({ name, path, type, parentName, containerKey }));
}
