// Reading the JSON entries of a zip archive (Power Automate export packages, solutions).
// Entry names are normalised: Windows tools write "Microsoft.Flow\flows\…", and some
// generators add a leading "/" or "./". Only JSON entries of a sane size are expanded.
import { unzipSync } from 'fflate';
import { error, type DefinitionProblem } from '../definitions/problems.js';

/** Largest entry expanded (bytes); export packages hold JSON of a few megabytes at most. */
export const MAX_ENTRY_SIZE = 64 * 1024 * 1024;

export interface ZipEntries {
  /** Normalised entry name → bytes. */
  files: Map<string, Uint8Array>;
  /** Normalised names of every entry, expanded or not. */
  names: string[];
}

export function isZip(bytes: Uint8Array): boolean {
  // Local file header "PK\3\4", or "PK\5\6" for an empty archive.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

export function normalizeEntryName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
}

export function readZip(fileName: string, bytes: Uint8Array): { ok: true; entries: ZipEntries } | { ok: false; problem: DefinitionProblem } {
  const names: string[] = [];
  const oversized: string[] = [];
  try {
    const unzipped = unzipSync(bytes, {
      filter: (file) => {
        const name = normalizeEntryName(file.name);
        names.push(name);
        if (!name.toLowerCase().endsWith('.json')) return false;
        if (file.originalSize > MAX_ENTRY_SIZE) {
          oversized.push(name);
          return false;
        }
        return true;
      },
    });
    const files = new Map<string, Uint8Array>();
    for (const [name, content] of Object.entries(unzipped)) files.set(normalizeEntryName(name), content);
    for (const name of oversized) files.delete(name);
    return { ok: true, entries: { files, names } };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return {
      ok: false,
      problem: error(fileName, 'UnreadableZip', `${fileName} is not a readable zip archive (${reason}). Download the export package again; it may be incomplete.`),
    };
  }
}

/** Find an entry by name without regard to case (packages made on Windows vary). */
export function findEntry(entries: ZipEntries, name: string): { name: string; bytes: Uint8Array } | null {
  const wanted = name.toLowerCase();
  for (const [entryName, bytes] of entries.files) {
    if (entryName.toLowerCase() === wanted) return { name: entryName, bytes };
  }
  return null;
}
