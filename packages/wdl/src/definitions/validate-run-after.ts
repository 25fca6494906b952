// runAfter: each entry names a sibling in the same container with a non-empty list of
// known statuses, and the entries of a container form no cycle.
import type { ActionEntry } from './action-tree.js';
import { closestNames } from './known-types.js';
import { findCycles } from './run-after-cycles.js';
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
