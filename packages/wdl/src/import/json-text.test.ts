import { describe, expect, it } from 'vitest';
import { importFlow } from './import-flow.js';
import { findDuplicateKeys, MAX_JSON_DEPTH, parseJsonFile, parseJsonText } from './json-text.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('reading JSON files', () => {
  it('names the file, line and column of a syntax error, in plain words', () => {
    const result = parseJsonText('flow.json', '{\n  "a": 1\n  "b": 2\n}');
    expect(result).toEqual({
      ok: false,
      problem: expect.objectContaining({ code: 'InvalidJson', path: 'flow.json:3:3', severity: 'error' }),
    });
    if (!result.ok) expect(result.problem.message).toBe('flow.json is not valid JSON: expected "," or the end of the object or array at line 3, column 3.');
  });

  it('points at a trailing comma and at comments', () => {
    const comma = parseJsonText('f.json', '{"a": [1, 2,]}');
    expect(!comma.ok && comma.problem.message).toContain('trailing comma');
    const comment = parseJsonText('f.json', '{"a": 1 // note\n}');
    expect(!comment.ok && comment.problem.message).toContain('comments are not allowed');
  });

  it('refuses nesting deeper than 1,000 levels, saying where, instead of overflowing the stack', () => {
    const deep = (levels: number): string => `{"triggers": {}, "actions": {"A": {"type": "Compose", "inputs": ${'['.repeat(levels)}"[{"${']'.repeat(levels)}}}}`;
    expect(parseJsonText('ok.json', deep(MAX_JSON_DEPTH - 4))).toMatchObject({ ok: true });
    // 64 characters before the brackets, then 997 levels of '[' fit: the 998th bracket is the 1,001st level.
    const refused = parseJsonText('deep.json', `\n${deep(100_000)}`);
    expect(refused).toEqual({ ok: false, problem: expect.objectContaining({ code: 'InvalidJson', path: 'deep.json:2:1062' }) });
    if (!refused.ok) expect(refused.problem.message).toBe('deep.json nests objects and arrays more than 1000 deep (at line 2, column 1062); no flow is that deep. Export the flow again.');
    expect(importFlow({ name: 'deep.json', bytes: bytes(deep(100_000)) }).problems.map((problem) => problem.code)).toEqual(['InvalidJson']);
  });

  it('reports empty files and bytes that are not text', () => {
    expect(parseJsonText('empty.json', '  \n')).toMatchObject({ ok: false, problem: { code: 'InvalidJson', message: 'empty.json is empty. Expected the JSON of a flow.' } });
    const binary = parseJsonFile('image.json', new Uint8Array([0x7b, 0xff, 0xfe, 0xfd, 0x7d]));
    expect(!binary.ok && binary.problem.message).toContain('not text in UTF-8 or UTF-16');
  });

  it('reads UTF-8 with a byte order mark and UTF-16 as Windows tools write them', () => {
    expect(parseJsonFile('bom.json', new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('{"a":1}')]))).toEqual({ ok: true, value: { a: 1 }, duplicateKeys: [] });
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'{"ü":1}'].flatMap((char) => [char.charCodeAt(0), 0])]);
    expect(parseJsonFile('wide.json', utf16)).toEqual({ ok: true, value: { ü: 1 }, duplicateKeys: [] });
  });

  it('finds keys written twice in one object, as JSON pointers', () => {
    expect(findDuplicateKeys('{"actions":{"Send":{"a":1},"Send":{"b":2}},"x/y":{"k":1,"k":2},"list":[{"n":1,"n":2}]}')).toEqual([
      '/actions/Send',
      '/x~1y/k',
      '/list/0/n',
    ]);
    expect(findDuplicateKeys('{"a":{"k":1},"b":{"k":1}}')).toEqual([]);
  });
});
