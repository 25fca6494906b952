import { describe, expect, it } from 'vitest';
import { documentPositions, sortInDocumentOrder } from './document-order.js';
import { error, warning } from './problems.js';
import { validateDefinition } from './validate.js';

describe('problems in document order', () => {
  it('numbers every JSON pointer in a depth-first walk, escaping names', () => {
    const positions = documentPositions({ a: { 'b/c': [1, { d: 2 }] }, e: null });
    expect([...positions.keys()]).toEqual(['', '/a', '/a/b~1c', '/a/b~1c/0', '/a/b~1c/1', '/a/b~1c/1/d', '/e']);
  });

  it('puts errors first, then follows the document; a missing member sorts right after its parent, file paths first', () => {
    const document = { triggers: { t: {} }, actions: { A: { type: 'Foreach' }, B: {} } };
    const sorted = sortInDocumentOrder(
      [
        warning('/triggers', 'MultipleTriggers', 'w-triggers'),
        error('/actions/B', 'MissingType', 'e-B'),
        error('/actions/A/foreach', 'MissingRequiredMember', 'e-A-foreach'),
        error('/actions/A/type', 'UnknownActionType', 'e-A-type'),
        error('flow.json:3:1', 'InvalidJson', 'e-file'),
        error('', 'InvalidShape', 'e-root'),
      ],
      document,
    );
    expect(sorted.map((problem) => problem.message)).toEqual(['e-file', 'e-root', 'e-A-foreach', 'e-A-type', 'e-B', 'w-triggers']);
  });

  it('keeps the problems of one action together whichever check found them', () => {
    const problems = validateDefinition({
      triggers: { manual: { type: 'Request', kind: 'Http' } },
      actions: {
        First: { type: 'Compose', inputs: '@concat(', runAfter: { Missing: ['Succeeded'] } },
        Second: { type: 'Condition', inputs: "@nope('", runAfter: {} },
      },
    }).problems;
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['InvalidExpression', '/actions/First/inputs'],
      ['RunAfterMissingAction', '/actions/First/runAfter/Missing'],
      ['UnknownActionType', '/actions/Second/type'],
      ['InvalidExpression', '/actions/Second/inputs'],
    ]);
  });

  it('does not loop on values with cycles', () => {
    const looped: Record<string, unknown> = { a: 1 };
    looped.self = looped;
    expect([...documentPositions(looped).keys()]).toEqual(['', '/a', '/self']);
  });
});
