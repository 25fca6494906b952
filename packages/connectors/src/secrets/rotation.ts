// Re-sealing every stored secret under the keyring's primary key. The store is reached
// through SecretRecords, so the same code rotates the server's database or a test's
// memory. Runs beside live traffic: a record changed meanwhile (a token refresh) is
// left to the writer and looked at again on the next pass.
import type { Keyring } from './keyring.js';

export interface SecretRecord {
  id: string;
  sealed: string;
  /** The associated data it was sealed with, e.g. "connection:ID". */
  associatedData?: string;
}

/** The port a store implements so its secrets can be rotated. */
export interface SecretRecords {
  /** Records in a stable order (by id), after `after` (exclusive), at most `limit`. */
  list(page: { after: string | null; limit: number }): Promise<SecretRecord[]>;
  /** Replaces a sealed value only if it still equals `expected`; false when it changed meanwhile. */
  replace(id: string, expected: string, next: string): Promise<boolean>;
}

export interface RotationProgress {
  pass: number;
  scanned: number;
  resealed: number;
}

export interface RotationReport {
  primaryKeyId: string;
  passes: number;
  scanned: number;
  resealed: number;
  alreadyCurrent: number;
  changedMeanwhile: number;
  /** Records that could not be opened (unknown key, tampered); they are left as they are. */
  failures: { id: string; message: string }[];
  /** Records still sealed with another key when the rotation stopped (0 when it finished). */
  remaining: number;
}

export interface ResealOptions {
  keyring: Keyring;
  records: SecretRecords;
  pageSize?: number;
  /** Passes over the records while some changed meanwhile (default 3). */
  maxPasses?: number;
  onProgress?: (progress: RotationProgress) => void;
}

export async function resealSecrets(options: ResealOptions): Promise<RotationReport> {
  const { keyring, records } = options;
  const pageSize = options.pageSize ?? 100;
  const maxPasses = options.maxPasses ?? 3;
  const report: RotationReport = {
    primaryKeyId: keyring.primaryKeyId,
    passes: 0,
    scanned: 0,
    resealed: 0,
    alreadyCurrent: 0,
    changedMeanwhile: 0,
    failures: [],
    remaining: 0,
  };
  const failed = new Set<string>();
  for (let pass = 1; pass <= maxPasses; pass++) {
    report.passes = pass;
    let stale = 0;
    let after: string | null = null;
    for (;;) {
      const page = await records.list({ after, limit: pageSize });
      if (page.length === 0) break;
      for (const record of page) {
        after = record.id;
        if (pass === 1) report.scanned += 1;
        if (failed.has(record.id)) continue;
        if (!keyring.needsReseal(record.sealed)) {
          if (pass === 1) report.alreadyCurrent += 1;
          continue;
        }
        let next: string;
        try {
          next = keyring.reseal(record.sealed, record.associatedData);
        } catch (error) {
          failed.add(record.id);
          report.failures.push({ id: record.id, message: (error as Error).message });
          continue;
        }
        if (await records.replace(record.id, record.sealed, next)) report.resealed += 1;
        else {
          report.changedMeanwhile += 1;
          stale += 1;
        }
      }
      options.onProgress?.({ pass, scanned: report.scanned, resealed: report.resealed });
      if (page.length < pageSize) break;
    }
    if (stale === 0) break;
  }
  report.remaining = await countOnOldKeys(options, failed);
  return report;
}

async function countOnOldKeys(options: ResealOptions, failed: Set<string>): Promise<number> {
  let remaining = 0;
  let after: string | null = null;
  for (;;) {
    const page = await options.records.list({ after, limit: options.pageSize ?? 100 });
    for (const record of page) {
      after = record.id;
      if (!failed.has(record.id) && options.keyring.needsReseal(record.sealed)) remaining += 1;
    }
    if (page.length < (options.pageSize ?? 100)) break;
  }
  return remaining + failed.size;
}
