// Expressions in a definition: ARM placeholders left from a template, expressions past
// the length limit, and expressions that do not parse (with the position).
import { armPlaceholderProblem, isArmPlaceholder, type ArmContext } from './arm-placeholders.js';
import { forEachString } from './json-walk.js';
import { evaluatedMembers } from './operation-members.js';
import { error, isPlainObject, pointer, warning, type DefinitionProblem } from './problems.js';
import { findTemplateCallProblemsSafely, findTemplateProblemsSafely } from './template-check.js';
import { expressionSegments } from './template-strings.js';
import { DEFINITION_LIMITS } from './validate-limits.js';

/** Every ARM template expression anywhere in the definition. */
export function findArmPlaceholders(definition: Record<string, unknown>, arm: ArmContext | undefined): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  forEachString(definition, '', (text, path, where) => {
    if (where === 'value' && isArmPlaceholder(text)) problems.push(armPlaceholderProblem(path, text, arm));
  });
  return problems;
}

/** The parts of a definition the runtime evaluates: triggers, actions (each once) and outputs. */
export function evaluatedValues(operations: Array<{ path: string; value: unknown }>, outputs: unknown): Array<{ value: unknown; path: string }> {
  const values: Array<{ value: unknown; path: string }> = [];
  for (const operation of operations) {
    for (const [, value, path] of evaluatedMembers(operation.value, operation.path)) values.push({ value, path });
  }
  if (isPlainObject(outputs)) {
    for (const [name, output] of Object.entries(outputs)) {
      if (isPlainObject(output) && 'value' in output) values.push({ value: output.value, path: pointer('/outputs', name, 'value') });
    }
  }
  return values;
}

export function validateExpressions(values: Array<{ value: unknown; path: string }>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const armPaths = new Set<string>();
  const tooLong = new Set<string>();
  for (const { value, path } of values) {
    forEachString(value, path, (text, at, where) => {
      if (where === 'value' && isArmPlaceholder(text)) {
        armPaths.add(at);
        return;
      }
      for (const segment of expressionSegments(text)) {
        if (segment.text.length > DEFINITION_LIMITS.expressionLength) {
          tooLong.add(at);
          problems.push(
            error(
              at,
              'ExpressionTooLong',
              `An expression here is ${segment.text.length} characters long (starting at character ${segment.offset + 1}); the limit is ${DEFINITION_LIMITS.expressionLength}. Split it across Compose actions, or move large constants into a parameter.`,
            ),
          );
          break;
        }
      }
    });
  }
  const unparsable = new Set<string>();
  for (const { value, path } of values) {
    for (const problem of findTemplateProblemsSafely(value, path)) {
      // A placeholder is reported as such, and an over-long expression once.
      if (armPaths.has(problem.path) || tooLong.has(problem.path)) continue;
      unparsable.add(problem.path);
      // The parser's message names the position (0-based) and quotes the expression.
      problems.push(error(problem.path, 'InvalidExpression', `This expression does not parse: ${problem.message}.`));
    }
  }
  // Unknown functions and wrong argument counts fail only when evaluated (an untaken
  // if() branch never is), so they are warnings: the run would fail at that action.
  for (const { value, path } of values) {
    for (const problem of findTemplateCallProblemsSafely(value, path)) {
      if (armPaths.has(problem.path) || tooLong.has(problem.path) || unparsable.has(problem.path)) continue;
      problems.push(warning(problem.path, 'ExpressionCallProblem', `${problem.message}. The action fails when this expression runs; check the function's name and arguments in docs/expressions.md.`));
    }
  }
  return problems;
}
