// The service limits a definition must stay within (wdl notes §8, Logic Apps limits).
import type { ActionEntry } from './action-tree.js';
import { error, isPlainObject, pointer, type DefinitionProblem } from './problems.js';
import { normalizeTypeName } from './types.js';

export const DEFINITION_LIMITS = {
  actions: 500,
  nestingDepth: 8,
  switchCases: 25,
  expressionLength: 8_192,
} as const;

export function validateLimits(actions: ActionEntry[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (actions.length > DEFINITION_LIMITS.actions) {
    problems.push(
      error(
        '/actions',
        'TooManyActions',
        `The flow has ${actions.length} actions; at most ${DEFINITION_LIMITS.actions} are allowed. Split it into smaller flows that call each other (a Workflow action runs a child flow).`,
      ),
    );
  }
  // Report once per container past the limit (the first action nested too deep in it).
  const reportedContainers = new Set<string>();
  for (const entry of actions) {
    if (entry.depth > DEFINITION_LIMITS.nestingDepth) {
      const boundary = entry.ancestors[DEFINITION_LIMITS.nestingDepth];
      const key = entry.ancestors.slice(0, DEFINITION_LIMITS.nestingDepth + 1).map((ancestor) => ancestor.name).join('\u0000');
      if (boundary && !reportedContainers.has(key)) {
        reportedContainers.add(key);
        problems.push(
          error(
            entry.path,
            'NestingTooDeep',
            `'${entry.name}' sits inside ${entry.depth} nested containers (Scope, If, Switch, Foreach, Until); at most ${DEFINITION_LIMITS.nestingDepth} levels are allowed. Flatten the flow, e.g. by moving the inner part of '${boundary.name}' into a child flow.`,
          ),
        );
      }
    }
    if (normalizeTypeName(entry.type) === 'switch' && isPlainObject(entry.value) && isPlainObject(entry.value.cases)) {
      const count = Object.keys(entry.value.cases).length;
      if (count > DEFINITION_LIMITS.switchCases) {
        problems.push(
          error(
            pointer(entry.path, 'cases'),
            'TooManySwitchCases',
            `Switch '${entry.name}' has ${count} cases; at most ${DEFINITION_LIMITS.switchCases} are allowed. Group cases, or nest a second Switch in the default branch.`,
          ),
        );
      }
    }
  }
  return problems;
}
