// A definition read as a tree of actions: what the graph draws. Containers (Scope, If,
// Switch, Foreach, Until) hold branches of actions; runAfter links actions in one branch.
import type { ActionDefinition, WorkflowDefinition } from '../api/types';

export interface RunAfterLink {
  name: string;
  statuses: string[];
}

export interface GraphAction {
  name: string;
  type: string;
  runAfter: RunAfterLink[];
  /** Empty for a plain action; one or more for a container. */
  branches: GraphBranch[];
  container: boolean;
}

export interface GraphBranch {
  /** "True", "False", "Case 'gold'", "Default"; null for the single body of Scope/Foreach/Until. */
  label: string | null;
  actions: GraphAction[];
}

export interface GraphTrigger {
  name: string;
  type: string;
}

export interface GraphModel {
  triggers: GraphTrigger[];
  actions: GraphAction[];
}

const CONTAINER_TYPES = new Set(['scope', 'foreach', 'until', 'if', 'switch']);

export function isContainerType(type: string): boolean {
  return CONTAINER_TYPES.has(type.toLowerCase());
}

export function readGraphModel(definition: WorkflowDefinition | null | undefined): GraphModel {
  const triggers = Object.entries(asRecord(definition?.triggers)).map(([name, trigger]) => ({
    name,
    type: typeName(asRecord(trigger).type),
  }));
  return { triggers, actions: readActions(definition?.actions) };
}

function readActions(actions: unknown): GraphAction[] {
  return Object.entries(asRecord(actions)).map(([name, value]) => readAction(name, asRecord(value) as ActionDefinition));
}

function readAction(name: string, action: ActionDefinition): GraphAction {
  const type = typeName(action.type);
  const branches = readBranches(type.toLowerCase(), action);
  return { name, type, runAfter: readRunAfter(action.runAfter), branches, container: isContainerType(type) };
}

function readBranches(type: string, action: ActionDefinition): GraphBranch[] {
  switch (type) {
    case 'scope':
    case 'foreach':
    case 'until':
      return [{ label: null, actions: readActions(action.actions) }];
    case 'if':
      return [
        { label: 'True', actions: readActions(action.actions) },
        { label: 'False', actions: readActions(asRecord(action.else).actions) },
      ];
    case 'switch': {
      const cases = Object.entries(asRecord(action.cases)).map(([caseName, value]) => {
        const branch = asRecord(value);
        return { label: `Case ${caseLabel(caseName, branch.case)}`, actions: readActions(branch.actions) };
      });
      return [...cases, { label: 'Default', actions: readActions(asRecord(action.default).actions) }];
    }
    default:
      return [];
  }
}

function caseLabel(caseName: string, value: unknown): string {
  if (value === undefined) return caseName;
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function readRunAfter(runAfter: unknown): RunAfterLink[] {
  return Object.entries(asRecord(runAfter)).map(([name, statuses]) => ({
    name,
    statuses: Array.isArray(statuses) ? statuses.filter((s): s is string => typeof s === 'string') : [],
  }));
}

function typeName(type: unknown): string {
  return typeof type === 'string' && type.trim() ? type.trim() : 'Unknown';
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Every action name in the tree, containers first, in definition order. */
export function allActionNames(actions: GraphAction[]): string[] {
  return actions.flatMap((action) => [action.name, ...action.branches.flatMap((branch) => allActionNames(branch.actions))]);
}
