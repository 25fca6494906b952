// Triggers: how many, their types, and their recurrence.
import { isArmPlaceholder } from './arm-placeholders.js';
import { closestTriggerTypes, isKnownTriggerType, KNOWN_TRIGGER_TYPES } from './known-types.js';
import { describeJsonType, error, isPlainObject, pointer, quote, warning, type DefinitionProblem } from './problems.js';
import { normalizeTypeName } from './types.js';
import { validateName } from './validate-names.js';
import { validateRecurrence } from './validate-recurrence.js';

// Polling triggers carry a recurrence of their own; for Recurrence it is required.
const POLLING_TYPES = new Set(['recurrence', 'http', 'apiconnection', 'openapiconnection', 'apimanagement', 'serviceprovider', 'slidingwindow']);

export function validateTriggers(triggers: unknown): DefinitionProblem[] {
  if (triggers !== undefined && !isPlainObject(triggers)) return []; // the shape is reported with the document
  const entries = Object.entries(triggers ?? {});
  const problems: DefinitionProblem[] = [];
  if (entries.length === 0) {
    problems.push(warning('/triggers', 'NoTrigger', 'The definition has no trigger, so nothing starts it. Add one, for example a Request trigger named "manual" ({ "type": "Request", "kind": "Http" }).'));
  } else if (entries.length > 1) {
    problems.push(
      warning(
        '/triggers',
        'MultipleTriggers',
        `The definition has ${entries.length} triggers (${entries.map(([name]) => `'${name}'`).join(', ')}). Power Automate and Logic Apps Standard accept exactly one; keep one trigger unless the flow targets Logic Apps Consumption.`,
      ),
    );
  }
  for (const [name, trigger] of entries) {
    const path = pointer('/triggers', name);
    problems.push(...validateName(name, path, 'trigger'));
    if (!isPlainObject(trigger)) {
      problems.push(error(path, 'InvalidShape', `Trigger '${name}' must be an object with a "type", but it is ${describeJsonType(trigger)}.`));
      continue;
    }
    const type = trigger.type;
    if (type === undefined || (typeof type === 'string' && type.trim() === '')) {
      problems.push(error(path, 'MissingType', `Trigger '${name}' has no "type". Add one, such as "Request", "Recurrence" or "ApiConnection".`));
    } else if (isArmPlaceholder(type)) {
      // Reported as an ARM placeholder; its real type is known only at deployment.
    } else if (typeof type !== 'string' || !isKnownTriggerType(normalizeTypeName(type))) {
      const suggestion = typeof type === 'string' ? closestTriggerTypes(type) : [];
      problems.push(
        error(
          pointer(path, 'type'),
          'UnknownTriggerType',
          `Trigger '${name}' has type ${quote(type)}, which is not a trigger type${suggestion.length ? `; did you mean ${suggestion.join(' or ')}?` : `. Known types: ${KNOWN_TRIGGER_TYPES.join(', ')}.`}`,
        ),
      );
    }
    const normalized = normalizeTypeName(type);
    if (normalized === 'recurrence' && trigger.recurrence === undefined) {
      problems.push(error(path, 'InvalidRecurrence', `Recurrence trigger '${name}' has no "recurrence". Add one, such as { "frequency": "Hour", "interval": 1 }.`));
    } else if (trigger.recurrence !== undefined && (POLLING_TYPES.has(normalized) || isArmPlaceholder(type))) {
      problems.push(...validateRecurrence(trigger.recurrence, pointer(path, 'recurrence'), name));
    }
  }
  return problems;
}
