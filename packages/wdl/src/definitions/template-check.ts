// The bridge from validation to the expression parser: every template string in a value
// that does not parse. Validation must never throw, so a failure inside the parser is
// reported as a problem of that value instead of escaping.
import { findTemplateCallProblems } from '../expressions/call-check.js';
import { findTemplateProblems, type TemplateProblem } from '../expressions/evaluate.js';

export function findTemplateProblemsSafely(value: unknown, path: string): TemplateProblem[] {
  try {
    return findTemplateProblems(value, path);
  } catch (cause) {
    return [{ path, position: 0, code: 'InvalidTemplate', message: `Brook could not read the expressions here (${cause instanceof Error ? cause.message : String(cause)}).` }];
  }
}

/** Calls of unknown functions and calls with the wrong number of arguments; never throws. */
export function findTemplateCallProblemsSafely(value: unknown, path: string): TemplateProblem[] {
  try {
    return findTemplateCallProblems(value, path);
  } catch {
    return [];
  }
}
