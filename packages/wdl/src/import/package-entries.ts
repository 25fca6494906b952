// Reading the entries of a Power Automate zip: JSON entries by name, and the empty
// result a reader returns when there is no flow to give.
import { error, type DefinitionProblem } from '../definitions/problems.js';
import type { Extracted, ImportFormat } from './extracted.js';
import { parseJsonFile } from './json-text.js';
import { findEntry, tooLargeEntry, type ZipEntries } from './zip.js';

export function emptyResult(format: ImportFormat, problems: DefinitionProblem[]): Extracted {
  return { format, displayName: null, definition: null, definitionLocation: '', parameters: {}, declaredReferences: [], problems, duplicateKeys: [] };
}

export function readJsonEntry(fileName: string, entries: ZipEntries, entryName: string): { value: unknown; duplicateKeys: string[]; label: string } | { problem: DefinitionProblem } | null {
  const entry = findEntry(entries, entryName);
  if (!entry) {
    const large = tooLargeEntry(entries, entryName);
    if (!large) return null;
    const megabytes = (large.size / (1024 * 1024)).toFixed(1);
    return {
      problem: error(
        `${fileName}/${large.name}`,
        'UnreadableZip',
        `${fileName}/${large.name} expands to ${megabytes} MB, more than Brook reads from a package (64 MB per file, 256 MB in all). A flow's definition is a few megabytes at most: export the flow again.`,
      ),
    };
  }
  const label = `${fileName}/${entry.name}`;
  const parsed = parseJsonFile(label, entry.bytes);
  return parsed.ok ? { value: parsed.value, duplicateKeys: parsed.duplicateKeys, label } : { problem: parsed.problem };
}
