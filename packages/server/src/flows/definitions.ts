// Checking a definition before it is saved: its size, then everything validateDefinition
// knows (structure, runAfter, expressions, the 500-action and 8-level limits). Problems
// carry JSON pointers that the API prefixes with where the definition sat in the body.
import { hasErrors, normalizeTypeName, validateDefinition, type DefinitionProblem, type WorkflowDefinition } from '@brook/wdl';
import { ApiError } from '../http/errors.js';

export interface DefinitionCheck {
  definition: WorkflowDefinition;
  warnings: DefinitionProblem[];
}

/** Validates `input`; throws 413 when too large and 400 InvalidDefinition naming each problem. */
export function checkDefinition(input: unknown, maxBytes: number, pathPrefix = '/definition'): DefinitionCheck {
  const size = Buffer.byteLength(JSON.stringify(input) ?? '');
  if (size > maxBytes) {
    throw new ApiError(413, 'PayloadTooLarge', `The definition is ${size} bytes; at most ${maxBytes} are allowed (BROOK_MAX_DEFINITION_BYTES). Split the flow into smaller flows.`, [
      { path: pathPrefix, message: `${size} bytes, limit ${maxBytes}` },
    ]);
  }
  const result = validateDefinition(input);
  if (!result.definition || hasErrors(result.problems)) {
    throw invalidDefinition(result.problems, pathPrefix);
  }
  return { definition: result.definition, warnings: result.problems.filter((problem) => problem.severity === 'warning') };
}

export function invalidDefinition(problems: readonly DefinitionProblem[], pathPrefix = '/definition'): ApiError {
  const errors = problems.filter((problem) => problem.severity === 'error');
  const first = errors[0];
  return new ApiError(
    400,
    'InvalidDefinition',
    first ? `The definition has ${errors.length} problem${errors.length === 1 ? '' : 's'}; the first, at ${first.path || '/'}: ${first.message}` : 'The definition is not valid.',
    errors.map((problem) => ({ path: problem.path.startsWith('/') || problem.path === '' ? `${pathPrefix}${problem.path}` : problem.path, message: problem.message, code: problem.code })),
  );
}

export interface TriggerSummary {
  name: string;
  type: string;
  kind: string;
  method: string | null;
  relativePath: string | null;
}

/** The triggers of a definition, in document order. */
export function triggersOf(definition: WorkflowDefinition): TriggerSummary[] {
  return Object.entries(definition.triggers ?? {}).map(([name, trigger]) => {
    const inputs = (trigger.inputs ?? {}) as { method?: unknown; relativePath?: unknown };
    return {
      name,
      type: trigger.type,
      kind: typeof trigger.kind === 'string' ? trigger.kind : '',
      method: typeof inputs.method === 'string' ? inputs.method.toUpperCase() : null,
      relativePath: typeof inputs.relativePath === 'string' ? inputs.relativePath.replace(/^\/+/, '') : null,
    };
  });
}

export const isRequestTrigger = (trigger: { type: string }): boolean => normalizeTypeName(trigger.type) === 'request';
export const isRecurrenceTrigger = (trigger: { type: string }): boolean => normalizeTypeName(trigger.type) === 'recurrence';

/** Whether a Response action answers the caller (anywhere in the definition). */
export function hasResponseAction(definition: WorkflowDefinition): boolean {
  const visit = (actions: Record<string, unknown> | undefined): boolean =>
    Object.values(actions ?? {}).some((action) => {
      if (typeof action !== 'object' || action === null) return false;
      const value = action as { type?: unknown; actions?: Record<string, unknown>; else?: { actions?: Record<string, unknown> }; cases?: Record<string, { actions?: Record<string, unknown> }>; default?: { actions?: Record<string, unknown> } };
      if (normalizeTypeName(value.type) === 'response') return true;
      return (
        visit(value.actions) ||
        visit(value.else?.actions) ||
        visit(value.default?.actions) ||
        Object.values(value.cases ?? {}).some((branch) => visit(branch?.actions))
      );
    });
  return visit(definition.actions);
}
