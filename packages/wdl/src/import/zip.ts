// Reading the JSON entries of a zip archive (Power Automate export packages, solutions).
// Entry names are normalised: Windows tools write "Microsoft.Flow\flows\…", and some
// generators add a leading "/" or "./". Only JSON entries of a sane size are expanded.
import { unzipSync } from 'fflate';
import { error, type DefinitionProblem } from '../definitions/problems.js';

/** How much is expanded (bytes): export packages hold JSON of a few megabytes at most, and a zip bomb must not fill the memory. */
export interface ZipLimits {
  /** Largest single entry. */
  entry: number;
  /** All expanded entries together. */
  total: number;
}

export const ZIP_LIMITS: ZipLimits = { entry: 64 * 1024 * 1024, total: 256 * 1024 * 1024 };

export interface ZipEntries {
  /** Normalised entry name → bytes. */
  files: Map<string, Uint8Array>;
  /** Normalised names of every entry, expanded or not. */
  names: string[];
  /** JSON entries left unexpanded because of their size: normalised name → size in bytes. */
  tooLarge: Map<string, number>;
}

export function isZip(bytes: Uint8Array): boolean {
  // Local file header "PK\3\4", or "PK\5\6" for an empty archive.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

export function normalizeEntryName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
}

export function readZip(fileName: string, bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): { ok: true; entries: ZipEntries } | { ok: false; problem: DefinitionProblem } {
  const names: string[] = [];
  const tooLarge = new Map<string, number>();
  let total = 0;
  try {
    const unzipped = unzipSync(bytes, {
      filter: (file) => {
        const name = normalizeEntryName(file.name);
        names.push(name);
        if (!name.toLowerCase().endsWith('.json')) return false;
        if (file.originalSize > limits.entry || total + file.originalSize > limits.total) {
          tooLarge.set(name, file.originalSize);
          return false;
        }
        total += file.originalSize;
        return true;
      },
    });
    const files = new Map<string, Uint8Array>();
    for (const [name, content] of Object.entries(unzipped)) files.set(normalizeEntryName(name), content);
    for (const name of tooLarge.keys()) files.delete(name);
    return { ok: true, entries: { files, names, tooLarge } };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return {
      ok: false,
      problem: error(fileName, 'UnreadableZip', `${fileName} is not a readable zip archive (${reason}). Download the export package again; it may be incomplete.`),
    };
  }
}

/** The size of a JSON entry left unexpanded because it is too large, or null. */
export function tooLargeEntry(entries: ZipEntries, name: string): { name: string; size: number } | null {
  const wanted = name.toLowerCase();
  for (const [entryName, size] of entries.tooLarge) if (entryName.toLowerCase() === wanted) return { name: entryName, size };
  return null;
}

/** Find an entry by name without regard to case (packages made on Windows vary). */
export function findEntry(entries: ZipEntries, name: string): { name: string; bytes: Uint8Array } | null {
  const wanted = name.toLowerCase();
  for (const [entryName, bytes] of entries.files) {
    if (entryName.toLowerCase() === wanted) return { name: entryName, bytes };
  }
  return null;
}
