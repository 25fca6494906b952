// validateDefinition: every problem of a workflow definition at once, each with a JSON
// pointer and plain words. Never throws, whatever the input.
import { walkActionTree } from './action-tree.js';
import type { ArmContext } from './arm-placeholders.js';
import { operationsOf } from './connection-references.js';
import { sortInDocumentOrder } from './document-order.js';
import { describeJsonType, error, isPlainObject, warning, type DefinitionProblem } from './problems.js';
import type { WorkflowDefinition } from './types.js';
import { validateAction, validateContainers, validateUniqueNames } from './validate-actions.js';
import { validateDocument } from './validate-document.js';
import { evaluatedValues, findArmPlaceholders, validateExpressions } from './validate-expressions.js';
import { validateLimits } from './validate-limits.js';
import { findParameterUses, validateOutputs, validateParameters } from './validate-parameters.js';
import { validateRunAfter } from './validate-run-after.js';
import { validateStaticResults } from './validate-static-results.js';
import { validateTriggers } from './validate-triggers.js';

export interface ValidationOptions {
  /** The ARM template the definition came from, so placeholders can say what they stand for. */
  arm?: ArmContext;
  /** Names of parameters given values outside the definition (a resource's or package's parameters). */
  suppliedParameters?: Iterable<string>;
  /** JSON pointers of keys that appeared twice in the same object of the source text (the later one). */
  duplicateKeys?: Iterable<string>;
}

export interface ValidationResult {
  /** The definition as given when it is an object (even with errors), otherwise null. */
  definition: WorkflowDefinition | null;
  /** Errors first, then warnings, each group in document order. */
  problems: DefinitionProblem[];
}

export function validateDefinition(input: unknown, options: ValidationOptions = {}): ValidationResult {
  if (!isPlainObject(input)) {
    return {
      definition: null,
      problems: [
        error(
          '',
          'NotAnObject',
          `A workflow definition is a JSON object with "triggers" and "actions", but this is ${describeJsonType(input)}.`,
        ),
      ],
    };
  }
  try {
    return { definition: input, problems: sortInDocumentOrder(collectProblems(input, options), input) };
  } catch (cause) {
    // A bug in a check must not take down the caller; say so plainly instead.
    return {
      definition: input,
      problems: [error('', 'InvalidShape', `Brook could not finish checking this definition (${cause instanceof Error ? cause.message : String(cause)}). Please report it with the file.`)],
    };
  }
}

function collectProblems(definition: Record<string, unknown>, options: ValidationOptions): DefinitionProblem[] {
  const tree = walkActionTree(definition);
  const operations = operationsOf(definition);
  const triggerNames = isPlainObject(definition.triggers) ? Object.keys(definition.triggers) : [];
  const supplied = new Set([...(options.suppliedParameters ?? [])].map((name) => name.toLowerCase()));

  const problems: DefinitionProblem[] = [
    ...validateDocument(definition),
    ...findArmPlaceholders(definition, options.arm),
    ...validateParameters({ parameters: definition.parameters, uses: findParameterUses(operations, definition.outputs), supplied }),
    ...validateTriggers(definition.triggers),
    ...validateContainers(tree.containers),
  ];
  for (const entry of tree.actions) problems.push(...validateAction(entry));
  problems.push(...validateUniqueNames(tree.actions), ...duplicateKeyProblems(tree.actions, options.duplicateKeys));
  problems.push(
    ...validateRunAfter(tree.actions, triggerNames),
    ...validateLimits(tree.actions),
    ...validateExpressions(evaluatedValues(operations, definition.outputs)),
    ...validateOutputs(definition.outputs),
    ...validateStaticResults(definition.staticResults, operations),
  );
  return problems;
}

/** Keys written twice in one object of the source text: JSON parsing keeps only the last. */
function duplicateKeyProblems(actions: ReturnType<typeof walkActionTree>['actions'], duplicateKeys: Iterable<string> | undefined): DefinitionProblem[] {
  if (!duplicateKeys) return [];
  const byPath = new Map(actions.map((entry) => [entry.path, entry]));
  const problems: DefinitionProblem[] = [];
  for (const path of duplicateKeys) {
    const entry = byPath.get(path);
    problems.push(
      entry
        ? error(
            path,
            'DuplicateActionName',
            `Two actions in the same place are both named '${entry.name}'; only the last one is kept when the file is read, so the first is lost. Rename one of them (action names must be unique in the whole flow).`,
          )
        : warning(path, 'DuplicateKey', `This key appears twice in the same object; only the last value is kept. Remove the one you do not want.`),
    );
  }
  return problems;
}
