// What each import format hands over before the definition is validated.
import type { ArmContext } from '../definitions/arm-placeholders.js';
import { describeJsonType, error, isPlainObject, warning, type DefinitionProblem } from '../definitions/problems.js';
import type { ImportedConnectionReference } from './connection-references.js';

export type ImportFormat =
  | 'definition'
  | 'arm-template'
  | 'logic-apps-resource'
  | 'logic-apps-standard'
  | 'power-automate-package'
  | 'power-automate-solution-flow'
  | 'designer-clipboard';

export interface Extracted {
  format: ImportFormat;
  displayName: string | null;
  /** The definition object, or null when the file holds none (a problem says why). */
  definition: Record<string, unknown> | null;
  /** Where the definition sits: "" (the whole file), "/properties/definition", "<entry>#/properties/definition". */
  definitionLocation: string;
  /** Parameter values supplied beside the definition. */
  parameters: Record<string, unknown>;
  declaredReferences: ImportedConnectionReference[];
  /** Problems outside the definition (files, entries, wrappers). */
  problems: DefinitionProblem[];
  arm?: ArmContext;
  /** Keys written twice, as JSON pointers relative to the definition. */
  duplicateKeys: string[];
}

export interface ImportOptions {
  /** For files holding several workflows (ARM templates, packages): the name of the one to import. */
  workflow?: string;
}

/** Take the definition found at `pointerInFile`, or explain why there is none. */
export function takeDefinition(
  value: unknown,
  where: string,
  owner: string,
): { definition: Record<string, unknown> | null; problems: DefinitionProblem[] } {
  if (isPlainObject(value)) return { definition: value, problems: [] };
  return {
    definition: null,
    problems: [
      error(
        where,
        'InvalidShape',
        value === undefined
          ? `${owner} has no workflow definition at ${where}. Export the flow again; the definition is the object with "triggers" and "actions".`
          : `${owner} holds ${describeJsonType(value)} at ${where} where the workflow definition (an object with "triggers" and "actions") should be.`,
      ),
    ],
  };
}

/** Split duplicate keys of a file: those inside the definition (made relative to it) and the rest. */
export function splitDuplicateKeys(duplicateKeys: string[], definitionPointer: string): { inside: string[]; outside: string[] } {
  const inside: string[] = [];
  const outside: string[] = [];
  for (const key of duplicateKeys) {
    if (definitionPointer === '') inside.push(key);
    else if (key.startsWith(definitionPointer + '/')) inside.push(key.slice(definitionPointer.length));
    else outside.push(key);
  }
  return { inside, outside };
}

/** "Flow_1-2B8E…-0011.json" (a solution's Workflows/ entry) → "Flow_1". */
export function nameFromSolutionFile(fileName: string): string | null {
  const base = fileName.split('/').pop() ?? fileName;
  const match = /^(.+?)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$/i.exec(base);
  return match ? match[1]! : null;
}

/** Keys written twice outside the definition: only the last value is kept. */
export function duplicateKeyWarnings(fileName: string, pointers: string[]): DefinitionProblem[] {
  return pointers.map((at) => warning(`${fileName}#${at}`, 'DuplicateKey', `This key appears twice in the same object of ${fileName}; only the last value is kept. Remove the one you do not want.`));
}

/** { name: { value } } → { name: value }, for the parameters given beside a definition. */
export function suppliedValues(parameters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(parameters).flatMap(([name, entry]) => (isPlainObject(entry) && 'value' in entry ? [[name, entry.value] as const] : [])),
  );
}
