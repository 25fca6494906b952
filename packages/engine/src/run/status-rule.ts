// How a container's (and the run's) final status follows from its actions (wdl.md 5.3):
// take the leaves (actions nothing runs after); replace a Skipped leaf by its runAfter
// predecessors until none is Skipped; then any Failed → Failed, else any TimedOut →
// TimedOut, else Succeeded. Cancelled counts as Failed (an aborted branch is a failure).
import type { ActionStatus } from '../ports.js';
import { leavesOf, type ContainerPlan } from '../definition/plan.js';

export type ContainerStatus = 'Succeeded' | 'Failed' | 'TimedOut';

export function containerStatus(container: ContainerPlan, statusOf: (name: string) => ActionStatus | undefined): ContainerStatus {
  const seen = new Set<string>();
  let failed = false;
  let timedOut = false;
  const pending = leavesOf(container).map((a) => a.name);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const status = statusOf(name);
    if (status === 'Skipped') {
      const action = container.byName.get(name);
      for (const edge of action?.runAfter ?? []) pending.push(edge.name);
    } else if (status === 'Failed' || status === 'Cancelled') {
      failed = true;
    } else if (status === 'TimedOut') {
      timedOut = true;
    }
  }
  return failed ? 'Failed' : timedOut ? 'TimedOut' : 'Succeeded';
}

/** Loops: any failed iteration fails the loop (the others still ran). */
export function mergeStatuses(statuses: Iterable<ContainerStatus>): ContainerStatus {
  let result: ContainerStatus = 'Succeeded';
  for (const status of statuses) {
    if (status === 'Failed') return 'Failed';
    if (status === 'TimedOut') result = 'TimedOut';
  }
  return result;
}
