// runAfter: each entry names a sibling in the same container with a non-empty list of
// known statuses, and the entries of a container form no cycle.
import type { ActionEntry } from './action-tree.js';
import { closestNames } from './known-types.js';
import { describeJsonType, error, isPlainObject, pointer, quote, type DefinitionProblem } from './problems.js';

export const RUN_AFTER_STATUSES = ['Succeeded', 'Failed', 'Skipped', 'TimedOut'] as const;

export function validateRunAfter(actions: ActionEntry[], triggerNames: string[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const byContainer = new Map<string, Map<string, ActionEntry>>();
  for (const entry of actions) {
    const siblings = byContainer.get(entry.containerPath) ?? new Map<string, ActionEntry>();
    siblings.set(entry.name, entry);
    byContainer.set(entry.containerPath, siblings);
  }
  const byName = new Map(actions.map((entry) => [entry.name, entry]));

  for (const entry of actions) {
    if (!isPlainObject(entry.value) || entry.value.runAfter === undefined) continue;
    const runAfter = entry.value.runAfter;
    const runAfterPath = pointer(entry.path, 'runAfter');
    if (!isPlainObject(runAfter)) {
      problems.push(
        error(runAfterPath, 'InvalidShape', `runAfter of '${entry.name}' must be an object such as { "Get_item": ["Succeeded"] } (or {} to run first), but it is ${describeJsonType(runAfter)}.`),
      );
      continue;
    }
    const siblings = byContainer.get(entry.containerPath)!;
    for (const [target, statuses] of Object.entries(runAfter)) {
      const path = pointer(runAfterPath, target);
      problems.push(...checkTarget(entry, target, path, siblings, byName, triggerNames), ...checkStatuses(entry, target, path, statuses));
    }
  }
  for (const siblings of byContainer.values()) problems.push(...findCycles(siblings));
  return problems;
}

function checkTarget(
  entry: ActionEntry,
  target: string,
  path: string,
  siblings: Map<string, ActionEntry>,
  byName: Map<string, ActionEntry>,
  triggerNames: string[],
): DefinitionProblem[] {
  if (siblings.has(target)) return [];
  const elsewhere = byName.get(target);
  if (elsewhere) {
    const place = elsewhere.parentName === null ? 'at the top level' : `inside '${elsewhere.parentName}'`;
    const here = entry.parentName === null ? 'at the top level' : `inside '${entry.parentName}'`;
    return [
      error(
        path,
        'RunAfterOutsideContainer',
        `'${entry.name}' (${here}) runs after '${target}', which is ${place}. An action can only run after actions in the same container; move one of them, or run after an action next to '${entry.name}'.`,
      ),
    ];
  }
  if (triggerNames.includes(target)) {
    return [
      error(
        path,
        'RunAfterMissingAction',
        `'${entry.name}' runs after '${target}', which is the trigger, not an action. Actions that run first after the trigger have an empty runAfter: {}.`,
      ),
    ];
  }
  const suggestion = closestNames(target, [...siblings.keys()].filter((name) => name !== entry.name));
  return [
    error(
      path,
      'RunAfterMissingAction',
      `'${entry.name}' runs after '${target}', but there is no action of that name${entry.parentName === null ? '' : ` in '${entry.parentName}'`}${suggestion.length ? ` (did you mean '${suggestion[0]}'?)` : ''}. Fix the name, or remove this runAfter entry.`,
    ),
  ];
}

function checkStatuses(entry: ActionEntry, target: string, path: string, statuses: unknown): DefinitionProblem[] {
  if (!Array.isArray(statuses)) {
    return [error(path, 'InvalidShape', `runAfter '${target}' of '${entry.name}' must be a list of statuses such as ["Succeeded"], but it is ${describeJsonType(statuses)}.`)];
  }
  if (statuses.length === 0) {
    return [
      error(
        path,
        'RunAfterNoStatus',
        `'${entry.name}' runs after '${target}' with no status, so it could never run. List at least one of ${RUN_AFTER_STATUSES.join(', ')}, e.g. ["Succeeded"].`,
      ),
    ];
  }
  const problems: DefinitionProblem[] = [];
  statuses.forEach((status, index) => {
    if (typeof status === 'string' && RUN_AFTER_STATUSES.some((known) => known.toLowerCase() === status.trim().toLowerCase())) return;
    const suggestion = typeof status === 'string' ? closestNames(status, RUN_AFTER_STATUSES) : [];
    problems.push(
      error(
        pointer(path, index),
        'RunAfterUnknownStatus',
        `${quote(status)} is not a status '${entry.name}' can run after; use ${RUN_AFTER_STATUSES.join(', ')}${suggestion.length ? ` (did you mean ${suggestion[0]}?)` : ''}.`,
      ),
    );
  });
  return problems;
}

/**
 * Cycles among siblings: each strongly connected component with more than one action (or
 * an action that runs after itself) is reported once, naming one cycle through it.
 */
function findCycles(siblings: Map<string, ActionEntry>): DefinitionProblem[] {
  const order = [...siblings.keys()];
  const edges = new Map<string, string[]>();
  for (const [name, entry] of siblings) {
    const runAfter = isPlainObject(entry.value) && isPlainObject(entry.value.runAfter) ? entry.value.runAfter : {};
    edges.set(
      name,
      Object.keys(runAfter).filter((target) => siblings.has(target)),
    );
  }
  const problems: DefinitionProblem[] = [];
  for (const component of stronglyConnectedComponents(order, edges)) {
    const first = order.find((name) => component.has(name))!;
    const selfLoop = edges.get(first)!.includes(first);
    if (component.size === 1 && !selfLoop) continue;
    const cycle = selfLoop ? [first] : shortestCycle(first, edges, component);
    const next = cycle[1] ?? first;
    const entry = siblings.get(first)!;
    const described = [...cycle, first].map((name) => `'${name}'`).join(' → ');
    problems.push(
      error(
        pointer(entry.path, 'runAfter', next),
        'RunAfterCycle',
        cycle.length === 1
          ? `'${first}' runs after itself, so it can never start. Remove '${first}' from its own runAfter.`
          : `These actions wait for each other in a cycle, so none of them can start: ${described} (each runs after the next). Remove one of these runAfter entries.`,
      ),
    );
  }
  return problems;
}

/** Tarjan's algorithm, iterative so a long chain of actions cannot exhaust the stack. */
function stronglyConnectedComponents(nodes: string[], edges: Map<string, string[]>): Array<Set<string>> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: Array<Set<string>> = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = new Set<string>();
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.add(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** Breadth-first from `start` within the component back to `start`: [start, …]. */
function shortestCycle(start: string, edges: Map<string, string[]>, component: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const target of edges.get(node) ?? []) {
      if (!component.has(target)) continue;
      if (target === start) {
        const cycle = [node];
        while (cycle[0] !== start) cycle.unshift(previous.get(cycle[0]!)!);
        return cycle;
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start];
}
