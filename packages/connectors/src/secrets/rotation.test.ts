import { describe, expect, it } from 'vitest';
import { generateSecretKey } from './key-source.js';
import { Keyring } from './keyring.js';
import { resealSecrets, type SecretRecord, type SecretRecords } from './rotation.js';

/** A small store of sealed values, ordered by id, with compare-and-swap replace. */
class RecordsInMemory implements SecretRecords {
  readonly rows = new Map<string, SecretRecord>();
  beforeReplace?: (id: string) => void;
  async list(page: { after: string | null; limit: number }): Promise<SecretRecord[]> {
    return [...this.rows.values()]
      .sort((a, b) => a.id.localeCompare(b.id))
      .filter((row) => page.after === null || row.id > page.after)
      .slice(0, page.limit)
      .map((row) => ({ ...row }));
  }
  async replace(id: string, expected: string, next: string): Promise<boolean> {
    this.beforeReplace?.(id);
    const row = this.rows.get(id);
    if (!row || row.sealed !== expected) return false;
    row.sealed = next;
    return true;
  }
}

describe('re-sealing under a new key', () => {
  const oldKey = generateSecretKey();
  const newKey = generateSecretKey();

  function seeded(count: number): RecordsInMemory {
    const old = Keyring.fromKeys([oldKey]);
    const records = new RecordsInMemory();
    for (let i = 0; i < count; i++) {
      const id = `c${String(i).padStart(3, '0')}`;
      records.rows.set(id, { id, sealed: old.seal(`secret-${i}`, `connection:${id}`), associatedData: `connection:${id}` });
    }
    return records;
  }

  it('re-seals every record, page by page, and each still opens to the same value', async () => {
    const records = seeded(25);
    const keyring = Keyring.fromKeys([newKey, oldKey]);
    const progress: number[] = [];
    const report = await resealSecrets({ keyring, records, pageSize: 10, onProgress: (p) => progress.push(p.scanned) });
    expect(report).toMatchObject({ scanned: 25, resealed: 25, alreadyCurrent: 0, remaining: 0, failures: [] });
    expect(progress).toEqual([10, 20, 25]);
    const onlyNew = Keyring.fromKeys([newKey]);
    for (const [id, row] of records.rows) expect(onlyNew.open(row.sealed, `connection:${id}`)).toBe(`secret-${Number(id.slice(1))}`);
  });

  it('is a no-op the second time', async () => {
    const records = seeded(3);
    const keyring = Keyring.fromKeys([newKey, oldKey]);
    await resealSecrets({ keyring, records });
    const again = await resealSecrets({ keyring, records });
    expect(again).toMatchObject({ resealed: 0, alreadyCurrent: 3, remaining: 0 });
  });

  it('leaves a record a concurrent writer changed, then finishes it on the next pass', async () => {
    const records = seeded(3);
    const keyring = Keyring.fromKeys([newKey, oldKey]);
    const stillOld = Keyring.fromKeys([oldKey]);
    let raced = false;
    records.beforeReplace = (id) => {
      // Another process (that has not reloaded its keys yet) refreshes a token under the old key.
      if (id === 'c001' && !raced) {
        raced = true;
        records.rows.get(id)!.sealed = stillOld.seal('refreshed', 'connection:c001');
      }
    };
    const report = await resealSecrets({ keyring, records });
    expect(report.changedMeanwhile).toBe(1);
    expect(report.passes).toBe(2);
    expect(report.remaining).toBe(0);
    expect(keyring.open(records.rows.get('c001')!.sealed, 'connection:c001')).toBe('refreshed');
    expect(keyring.needsReseal(records.rows.get('c001')!.sealed)).toBe(false);
  });

  it('reports records it cannot open and leaves them untouched', async () => {
    const records = seeded(2);
    const stranger = Keyring.fromKeys([generateSecretKey()]);
    const foreign = stranger.seal('x', 'connection:zzz');
    records.rows.set('zzz', { id: 'zzz', sealed: foreign, associatedData: 'connection:zzz' });
    const report = await resealSecrets({ keyring: Keyring.fromKeys([newKey, oldKey]), records });
    expect(report.resealed).toBe(2);
    expect(report.failures).toEqual([{ id: 'zzz', message: expect.stringContaining('not in the keyring') }]);
    expect(report.remaining).toBe(1);
    expect(records.rows.get('zzz')!.sealed).toBe(foreign);
  });
});
