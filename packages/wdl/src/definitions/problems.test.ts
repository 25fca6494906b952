import { describe, expect, it } from 'vitest';
import { error, escapePointerSegment, hasErrors, pointer, quote, sortProblems, warning } from './problems.js';

describe('problems', () => {
  it('builds JSON pointers with RFC 6901 escaping', () => {
    expect(pointer('/actions', 'Get a/b', 'x~y')).toBe('/actions/Get a~1b/x~0y');
    expect(escapePointerSegment(3)).toBe('3');
  });

  it('puts errors first and keeps document order within each severity', () => {
    const sorted = sortProblems([warning('/a', 'NoTrigger', 'w1'), error('/b', 'MissingType', 'e1'), warning('/c', 'NoTrigger', 'w2'), error('/d', 'MissingType', 'e2')]);
    expect(sorted.map((problem) => problem.message)).toEqual(['e1', 'e2', 'w1', 'w2']);
    expect(hasErrors(sorted)).toBe(true);
    expect(hasErrors([warning('/a', 'NoTrigger', 'w')])).toBe(false);
  });

  it('quotes values briefly for messages', () => {
    expect(quote('x'.repeat(200))).toHaveLength(82);
    expect(quote({ a: 1 })).toBe('{"a":1}');
    expect(quote(undefined)).toBe('undefined');
  });
});
