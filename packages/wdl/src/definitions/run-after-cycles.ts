// Cycles in runAfter: actions of one container that wait for each other can never start.
import type { ActionEntry } from './action-tree.js';
import { error, isPlainObject, pointer, type DefinitionProblem } from './problems.js';

/**
 * Cycles among siblings: each strongly connected component with more than one action (or
 * an action that runs after itself) is reported once, naming one cycle through it.
 */
export function findCycles(siblings: Map<string, ActionEntry>): DefinitionProblem[] {
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
