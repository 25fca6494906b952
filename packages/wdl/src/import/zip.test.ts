import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readJsonEntry } from './package-entries.js';
import { findEntry, isZip, normalizeEntryName, readZip } from './zip.js';

describe('zip archives', () => {
  it('recognises a zip by its signature', () => {
    expect(isZip(zipSync({ 'a.json': strToU8('{}') }))).toBe(true);
    expect(isZip(zipSync({}))).toBe(true);
    expect(isZip(strToU8('{"PK": 1}'))).toBe(false);
  });

  it('normalises Windows separators and leading slashes', () => {
    expect(normalizeEntryName('Microsoft.Flow\\flows\\abc\\definition.json')).toBe('Microsoft.Flow/flows/abc/definition.json');
    expect(normalizeEntryName('./manifest.json')).toBe('manifest.json');
    expect(normalizeEntryName('/manifest.json')).toBe('manifest.json');
  });

  it('expands only the JSON entries and finds them without regard to case', () => {
    const read = readZip('p.zip', zipSync({ 'Manifest.JSON': strToU8('{}'), 'icon.png': new Uint8Array([1, 2, 3]) }));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.entries.names).toEqual(['Manifest.JSON', 'icon.png']);
    expect([...read.entries.files.keys()]).toEqual(['Manifest.JSON']);
    expect(findEntry(read.entries, 'manifest.json')?.name).toBe('Manifest.JSON');
  });

  it('leaves JSON entries past the size limits unexpanded, and says so when one is needed', () => {
    const big = `{"x":"${'y'.repeat(100)}"}`;
    const archive = zipSync({ 'Big.json': strToU8(big), 'b.json': strToU8('{"b":1}'), 'c.json': strToU8('{"c":22}'), 'd.json': strToU8('{}') });
    const read = readZip('p.zip', archive, { entry: 50, total: 12 });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    // Big.json is past the entry limit; c.json would take the total past 12 bytes; d.json still fits.
    expect([...read.entries.files.keys()]).toEqual(['b.json', 'd.json']);
    expect([...read.entries.tooLarge]).toEqual([['Big.json', big.length], ['c.json', 8]]);
    expect(readJsonEntry('p.zip', read.entries, 'b.json')).toMatchObject({ value: { b: 1 } });
    expect(readJsonEntry('p.zip', read.entries, 'missing.json')).toBeNull();
    const refused = readJsonEntry('p.zip', read.entries, 'big.json');
    expect(refused).toEqual({ problem: expect.objectContaining({ code: 'UnreadableZip', path: 'p.zip/Big.json' }) });
    if (refused && 'problem' in refused) expect(refused.problem.message).toContain('expands to 0.0 MB, more than Brook reads from a package');
  });

  it('reports a damaged archive instead of throwing', () => {
    const archive = zipSync({ 'manifest.json': strToU8('{"schema":"1.0"}') });
    const truncated = archive.slice(0, archive.length - 10);
    const read = readZip('flow.zip', truncated);
    expect(read).toEqual({ ok: false, problem: expect.objectContaining({ code: 'UnreadableZip', path: 'flow.zip' }) });
    if (!read.ok) expect(read.problem.message).toContain('Download the export package again');
  });
});
