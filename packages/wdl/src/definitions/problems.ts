// What validation and import report. Every problem names the place (a JSON pointer into
// the document) and says in plain words what is wrong and what to do about it.

export type ProblemSeverity = 'error' | 'warning';

/** Closed set of problem codes; docs/definitions.md has an example and the fix for each. */
export const DEFINITION_PROBLEM_CODES = [
  // the document
  'NotAnObject',
  'InvalidShape',
  'UnknownSchema',
  'InvalidContentVersion',
  'ArmTemplatePlaceholder',
  // parameters and outputs
  'UnknownParameterType',
  'ParameterWithoutValue',
  'ParameterValueMismatch',
  'UndeclaredParameter',
  'InvalidOutput',
  'InvalidStaticResult',
  'UnknownStaticResult',
  // triggers
  'NoTrigger',
  'MultipleTriggers',
  'UnknownTriggerType',
  'InvalidRecurrence',
  // actions
  'MissingType',
  'UnknownActionType',
  'InvalidName',
  'DuplicateActionName',
  'MissingRequiredMember',
  'DuplicateSwitchCase',
  'ResponseInLoop',
  'TerminateInLoop',
  'VariableNotTopLevel',
  // runAfter
  'RunAfterMissingAction',
  'RunAfterOutsideContainer',
  'RunAfterNoStatus',
  'RunAfterUnknownStatus',
  'RunAfterCycle',
  // expressions
  'InvalidExpression',
  'ExpressionTooLong',
  'ExpressionCallProblem',
  // limits
  'TooManyActions',
  'NestingTooDeep',
  'TooManySwitchCases',
  // files and packages
  'InvalidJson',
  'DuplicateKey',
  'UnreadableZip',
  'MissingPackageFile',
  'UnknownFormat',
  'NoWorkflowInTemplate',
  'MultipleWorkflows',
  'UnknownWorkflow',
  'ClipboardFragment',
] as const;

export type DefinitionProblemCode = (typeof DEFINITION_PROBLEM_CODES)[number];

export interface DefinitionProblem {
  /** JSON pointer into the document, e.g. "/actions/Scope_1/actions/Send/runAfter/Get". */
  path: string;
  code: DefinitionProblemCode;
  /** Plain words: what is wrong and what to do. */
  message: string;
  severity: ProblemSeverity;
}

/** Escape one segment of a JSON pointer (RFC 6901): "~" → "~0", "/" → "~1". */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Append segments to a JSON pointer: pointer('/actions', 'a/b') → "/actions/a~1b". */
export function pointer(base: string, ...segments: Array<string | number>): string {
  return base + segments.map((segment) => '/' + escapePointerSegment(segment)).join('');
}

export function error(path: string, code: DefinitionProblemCode, message: string): DefinitionProblem {
  return { path, code, message, severity: 'error' };
}

export function warning(path: string, code: DefinitionProblemCode, message: string): DefinitionProblem {
  return { path, code, message, severity: 'warning' };
}

/** Errors first, then warnings; otherwise in the order found (document order). */
export function sortProblems(problems: DefinitionProblem[]): DefinitionProblem[] {
  const rank = (problem: DefinitionProblem): number => (problem.severity === 'error' ? 0 : 1);
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => rank(a.problem) - rank(b.problem) || a.index - b.index)
    .map(({ problem }) => problem);
}

export function hasErrors(problems: readonly DefinitionProblem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** Quote a name or value for a message: JSON quoting keeps odd characters visible. */
export function quote(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? value.slice(0, 77) + '...' : value);
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? text.slice(0, 77) + '...' : text;
  } catch {
    return String(value);
  }
}

/** Plain JSON type name of a value, for "expected an object, found an array" messages. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return typeof value;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
