import { describe, expect, it } from 'vitest';
import { parsePath, placeProblems, syntaxProblems } from './problem-positions';

const definition = {
  triggers: { manual: { type: 'Request', kind: 'Http' } },
  actions: {
    Get: { type: 'Http', inputs: { method: 'GET', uri: 'https://example.test' } },
    Send: { type: 'Http', runAfter: { Gett: ['Succeeded'] }, inputs: { headers: [1, 2] } },
  },
};
const text = JSON.stringify(definition, null, 2);
const lines = text.split('\n');

describe('parsePath', () => {
  it('reads JSON Pointer, JSONPath and dotted paths', () => {
    expect(parsePath('/actions/Send/runAfter')).toEqual(['actions', 'Send', 'runAfter']);
    expect(parsePath('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
    expect(parsePath("$.actions['Send it'].inputs[0]")).toEqual(['actions', 'Send it', 'inputs', '0']);
    expect(parsePath('actions.Send')).toEqual(['actions', 'Send']);
    expect(parsePath('')).toEqual([]);
  });
});

describe('placeProblems', () => {
  it('puts a problem on the line of the member it names', () => {
    const [placed] = placeProblems(text, [{ path: '/actions/Send/runAfter/Gett', message: 'Gett does not exist', code: 'UnknownRunAfter' }]);
    expect(lines[placed!.line - 1]).toContain('"Gett"');
    expect(text.slice(placed!.from, placed!.to)).toBe('"Gett"');
  });

  it('drops the /definition prefix of request-body paths', () => {
    const [placed] = placeProblems(text, [{ path: '/definition/actions/Get/inputs/uri', message: 'bad', code: 'X' }]);
    expect(lines[placed!.line - 1]).toContain('"uri": "https://example.test"');
    expect(text.slice(placed!.from, placed!.to)).toBe('"uri": "https://example.test"');
  });

  it('lands on the deepest existing member when the path names something missing', () => {
    const [placed] = placeProblems(text, [{ path: '$.actions.Get.inputs.body.value', message: 'missing', code: 'X' }]);
    expect(lines[placed!.line - 1]).toContain('"inputs"');
  });

  it('finds array items', () => {
    const [placed] = placeProblems(text, [{ path: '/actions/Send/inputs/headers/1', message: 'not a string', code: 'X' }]);
    expect(text.slice(placed!.from, placed!.to)).toBe('2');
  });

  it('places whole-definition problems at the start', () => {
    const [placed] = placeProblems(text, [{ path: '', message: 'no triggers', code: 'X' }]);
    expect(placed!.line).toBe(1);
  });
});

describe('syntaxProblems', () => {
  it('names the line of a JSON syntax error', () => {
    const broken = '{\n  "actions": {\n    "A": { "type": "Http" }\n    "B": {}\n  }\n}';
    const [problem] = syntaxProblems(broken);
    expect(problem!.line).toBe(4);
    expect(problem!.message).toMatch(/comma expected/i);
  });
  it('finds nothing wrong in valid JSON', () => {
    expect(syntaxProblems(text)).toEqual([]);
  });
});
