// Reading the entries of a Power Automate zip: JSON entries by name, and the empty
// result a reader returns when there is no flow to give.
import type { DefinitionProblem } from '../definitions/problems.js';
import type { Extracted, ImportFormat } from './extracted.js';
import { parseJsonFile } from './json-text.js';
import { findEntry, type ZipEntries } from './zip.js';

export function emptyResult(format: ImportFormat, problems: DefinitionProblem[]): Extracted {
  return { format, displayName: null, definition: null, definitionLocation: '', parameters: {}, declaredReferences: [], problems, duplicateKeys: [] };
}

export function readJsonEntry(fileName: string, entries: ZipEntries, entryName: string): { value: unknown; duplicateKeys: string[]; label: string } | { problem: DefinitionProblem } | null {
  const entry = findEntry(entries, entryName);
  if (!entry) return null;
  const label = `${fileName}/${entry.name}`;
  const parsed = parseJsonFile(label, entry.bytes);
  return parsed.ok ? { value: parsed.value, duplicateKeys: parsed.duplicateKeys, label } : { problem: parsed.problem };
}
