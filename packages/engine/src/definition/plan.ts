// A definition compiled once per flow version into what the scheduler walks: containers
// of actions with their runAfter edges resolved, dependents known, and the facts each
// action's record needs (scope path, loop depth). Problems that validation should have
// caught (a runAfter to a missing sibling, a cycle) do not throw: the action carries a
// `planError` and fails with it when it is reached.
import { normalizeTypeName, type ActionDefinition, type WorkflowDefinition } from '@brook/wdl';
import { secureSettingsOf, type SecureSettings } from '../run/secure.js';

export interface RunAfterEdge {
  name: string;
  /** Allowed statuses, canonical case (Succeeded, Failed, Skipped, TimedOut). */
  statuses: ReadonlySet<string>;
}

export interface ActionPlan {
  name: string;
  /** Lower-cased type, for dispatch. */
  type: string;
  /** The type as written, for records. */
  typeName: string;
  definition: ActionDefinition;
  runAfter: RunAfterEdge[];
  dependents: ActionPlan[];
  container: ContainerPlan;
  scopePath: string[];
  /** Number of enclosing Foreach/Until loops. */
  loopDepth: number;
  /** Child containers: `actions` (Scope, If then, Foreach, Until), `else`, `default`, and Switch cases. */
  children: ContainerPlan[];
  /** If: the else branch. Switch: the default branch. */
  otherwise?: ContainerPlan;
  cases?: Array<{ name: string; value: unknown; container: ContainerPlan }>;
  body?: ContainerPlan;
  /** Its own runtimeConfiguration.secureData: what its records hide. */
  secure: SecureSettings;
  planError?: string;
}

export interface ContainerPlan {
  owner: ActionPlan | null;
  /** Definition order. */
  actions: ActionPlan[];
  byName: Map<string, ActionPlan>;
}

export interface FlowPlan {
  definition: WorkflowDefinition;
  root: ContainerPlan;
  /** Every action anywhere in the tree. */
  actions: Map<string, ActionPlan>;
}

const CANONICAL_STATUS: Record<string, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
  timedout: 'TimedOut',
};

const LOOPS = new Set(['foreach', 'until']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function actionsOf(value: unknown): Record<string, ActionDefinition> {
  return isRecord(value) ? (value as Record<string, ActionDefinition>) : {};
}

export function compilePlan(definition: WorkflowDefinition): FlowPlan {
  const all = new Map<string, ActionPlan>();

  function container(owner: ActionPlan | null, actions: Record<string, ActionDefinition>, scopePath: string[], loopDepth: number): ContainerPlan {
    const plan: ContainerPlan = { owner, actions: [], byName: new Map() };
    for (const [name, def] of Object.entries(actions)) {
      if (!isRecord(def)) continue;
      const type = normalizeTypeName(def.type);
      const action: ActionPlan = {
        name,
        type,
        typeName: typeof def.type === 'string' ? def.type : String(def.type),
        definition: def,
        runAfter: [],
        dependents: [],
        container: plan,
        scopePath,
        loopDepth,
        children: [],
        secure: secureSettingsOf(type, def),
      };
      if (all.has(name)) action.planError = `The action name '${name}' is used more than once; names must be unique in the whole definition.`;
      else all.set(name, action);
      plan.actions.push(action);
      plan.byName.set(name, action);
      const innerPath = [...scopePath, name];
      const innerDepth = LOOPS.has(type) ? loopDepth + 1 : loopDepth;
      if (type === 'scope' || type === 'if' || type === 'foreach' || type === 'until') {
        action.body = container(action, actionsOf(def.actions), innerPath, innerDepth);
        action.children.push(action.body);
      }
      if (type === 'if') {
        action.otherwise = container(action, actionsOf(isRecord(def.else) ? def.else.actions : undefined), innerPath, innerDepth);
        action.children.push(action.otherwise);
      }
      if (type === 'switch') {
        action.cases = Object.entries(isRecord(def.cases) ? def.cases : {}).map(([caseName, branch]) => ({
          name: caseName,
          value: isRecord(branch) ? branch.case : undefined,
          container: container(action, actionsOf(isRecord(branch) ? branch.actions : undefined), innerPath, innerDepth),
        }));
        action.otherwise = container(action, actionsOf(isRecord(def.default) ? def.default.actions : undefined), innerPath, innerDepth);
        action.children.push(...action.cases.map((c) => c.container), action.otherwise);
      }
    }
    for (const action of plan.actions) resolveRunAfter(action, plan);
    markCycles(plan);
    return plan;
  }

  const root = container(null, actionsOf(definition.actions), [], 0);
  return { definition, root, actions: all };
}

function resolveRunAfter(action: ActionPlan, plan: ContainerPlan): void {
  const runAfter = action.definition.runAfter;
  if (runAfter === undefined || runAfter === null) return;
  if (!isRecord(runAfter)) {
    action.planError = `'runAfter' of action '${action.name}' must be an object that maps action names to statuses.`;
    return;
  }
  for (const [name, statuses] of Object.entries(runAfter)) {
    const predecessor = plan.byName.get(name);
    if (!predecessor || predecessor === action) {
      action.planError = `Action '${action.name}' runs after '${name}', which is not an action in the same scope.`;
      continue;
    }
    const list = Array.isArray(statuses) && statuses.length > 0 ? statuses : ['Succeeded'];
    const canonical = new Set<string>();
    for (const status of list) {
      const value = CANONICAL_STATUS[String(status).toLowerCase()];
      if (value) canonical.add(value);
      else action.planError = `Action '${action.name}' runs after '${name}' with the status '${String(status)}'; use Succeeded, Failed, Skipped or TimedOut.`;
    }
    action.runAfter.push({ name, statuses: canonical });
    predecessor.dependents.push(action);
  }
}

/** Actions on a runAfter cycle would wait forever: mark them and cut their edges. */
function markCycles(plan: ContainerPlan): void {
  const state = new Map<ActionPlan, 'visiting' | 'done'>();
  const visit = (action: ActionPlan, stack: ActionPlan[]): void => {
    const seen = state.get(action);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = stack.slice(stack.indexOf(action));
      for (const member of cycle) member.planError = `Actions ${cycle.map((a) => `'${a.name}'`).join(', ')} run after each other in a cycle.`;
      return;
    }
    state.set(action, 'visiting');
    for (const edge of action.runAfter) {
      const predecessor = plan.byName.get(edge.name);
      if (predecessor) visit(predecessor, [...stack, action]);
    }
    state.set(action, 'done');
  };
  for (const action of plan.actions) visit(action, []);
  for (const action of plan.actions) {
    if (action.planError?.includes('in a cycle')) {
      for (const edge of action.runAfter) {
        const predecessor = plan.byName.get(edge.name);
        if (predecessor) predecessor.dependents = predecessor.dependents.filter((d) => d !== action);
      }
      action.runAfter = [];
    }
  }
}

/** Names that nothing in the container runs after: the leaves of the status rule. */
export function leavesOf(container: ContainerPlan): ActionPlan[] {
  return container.actions.filter((action) => action.dependents.length === 0);
}
