// staticResults (mock results) and the actions that opt into them through
// runtimeConfiguration.staticResult.
import { closestNames } from './known-types.js';
import { describeJsonType, error, isPlainObject, pointer, quote, type DefinitionProblem } from './problems.js';

const STATIC_RESULT_STATUSES = ['Succeeded', 'Failed', 'TimedOut', 'Skipped', 'Cancelled'];

export function validateStaticResults(staticResults: unknown, operations: Array<{ name: string; path: string; value: unknown }>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const results = isPlainObject(staticResults) ? staticResults : {};
  for (const [name, result] of Object.entries(results)) {
    const path = pointer('/staticResults', name);
    if (!isPlainObject(result)) {
      problems.push(
        error(path, 'InvalidStaticResult', `Static result '${name}' must be an object such as { "status": "Succeeded", "outputs": { "statusCode": 200 } }, but it is ${describeJsonType(result)}.`),
      );
      continue;
    }
    const status = result.status;
    if (typeof status !== 'string' || !STATIC_RESULT_STATUSES.some((known) => known.toLowerCase() === status.toLowerCase())) {
      problems.push(
        error(
          pointer(path, 'status'),
          'InvalidStaticResult',
          `Static result '${name}' has status ${quote(status)}. Use one of ${STATIC_RESULT_STATUSES.join(', ')}.`,
        ),
      );
    }
    if ('outputs' in result && !isPlainObject(result.outputs)) {
      problems.push(
        error(pointer(path, 'outputs'), 'InvalidStaticResult', `The outputs of static result '${name}' must be an object such as { "statusCode": 200, "body": … }.`),
      );
    }
  }

  const names = Object.keys(results);
  for (const operation of operations) {
    if (!isPlainObject(operation.value) || !isPlainObject(operation.value.runtimeConfiguration)) continue;
    const reference = operation.value.runtimeConfiguration.staticResult;
    if (reference === undefined) continue;
    const path = pointer(operation.path, 'runtimeConfiguration', 'staticResult');
    if (!isPlainObject(reference) || typeof reference.name !== 'string') {
      problems.push(
        error(path, 'InvalidStaticResult', `'${operation.name}' opts into a static result, but staticResult must be { "name": "<static result>", "staticResultOptions": "Enabled" }.`),
      );
      continue;
    }
    const options = reference.staticResultOptions;
    if (options !== undefined && (typeof options !== 'string' || !['enabled', 'disabled'].includes(options.toLowerCase()))) {
      problems.push(error(pointer(path, 'staticResultOptions'), 'InvalidStaticResult', `staticResultOptions is ${quote(options)}; use "Enabled" or "Disabled".`));
    }
    const wanted = reference.name;
    if (!names.includes(wanted)) {
      const suggestion = closestNames(wanted, names);
      problems.push(
        error(
          pointer(path, 'name'),
          'UnknownStaticResult',
          `'${operation.name}' uses the static result '${wanted}', but "staticResults" has no entry of that name${suggestion.length ? ` (did you mean '${suggestion[0]}'?)` : ''}. Add it under "staticResults" or remove runtimeConfiguration.staticResult.`,
        ),
      );
    }
  }
  return problems;
}
