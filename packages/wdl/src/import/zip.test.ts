import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
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

  it('reports a damaged archive instead of throwing', () => {
    const archive = zipSync({ 'manifest.json': strToU8('{"schema":"1.0"}') });
    const truncated = archive.slice(0, archive.length - 10);
    const read = readZip('flow.zip', truncated);
    expect(read).toEqual({ ok: false, problem: expect.objectContaining({ code: 'UnreadableZip', path: 'flow.zip' }) });
    if (!read.ok) expect(read.problem.message).toContain('Download the export package again');
  });
});
