import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_ACTION_TYPES } from './known-types.js';
import { validateDefinition } from './validate.js';

// Names and strings that exercise the interesting paths: expressions, ARM placeholders, statuses.
const word = fc.oneof(
  fc.constantFrom('A', 'B', 'C', 'Scope', 'manual', 'Succeeded', 'FAILED', 'x/y~z', ''),
  fc.string({ maxLength: 12 }),
);
const text = fc.oneof(
  fc.constantFrom("@concat('a',", '@{x(}', "@parameters('p')", "[parameters('x')]", "@parameters('$connections')['sql']['connectionId']", '@@', '@', "@{utcNow()}"),
  fc.string({ maxLength: 20 }),
);
const anyValue = fc.jsonValue({ maxDepth: 2 });

/** Actions nested up to `depth` containers deep (bounded so the documents stay small). */
function actionsAt(depth: number): fc.Arbitrary<Record<string, unknown>> {
  const nested = depth > 0 ? actionsAt(depth - 1) : fc.constant({});
  const action = fc.record(
    {
      type: fc.oneof(fc.constantFrom(...KNOWN_ACTION_TYPES, 'foreach', 'IF', 'Nope'), anyValue),
      inputs: fc.oneof(text, anyValue),
      runAfter: fc.oneof(fc.dictionary(word, fc.oneof(fc.array(word, { maxLength: 3 }), anyValue), { maxKeys: 3 }), anyValue),
      actions: fc.oneof(nested, anyValue),
      else: fc.oneof(fc.record({ actions: nested }), anyValue),
      cases: fc.dictionary(word, fc.record({ case: anyValue, actions: nested }, { requiredKeys: [] }), { maxKeys: 2 }),
      default: fc.record({ actions: nested }),
      expression: fc.oneof(text, anyValue),
      foreach: text,
      runtimeConfiguration: fc.oneof(fc.record({ staticResult: fc.oneof(fc.record({ name: word }), anyValue) }), anyValue),
    },
    { requiredKeys: [] },
  );
  return fc.dictionary(word, action, { maxKeys: 3 });
}

const definitionLike = fc.record(
  {
    $schema: fc.oneof(text, anyValue),
    contentVersion: anyValue,
    parameters: fc.oneof(fc.dictionary(word, fc.record({ type: fc.oneof(word, anyValue), defaultValue: anyValue, allowedValues: anyValue }, { requiredKeys: [] })), anyValue),
    triggers: fc.oneof(
      fc.dictionary(word, fc.record({ type: fc.oneof(word, fc.constant('Recurrence')), recurrence: fc.oneof(fc.record({ frequency: fc.oneof(word, anyValue), interval: anyValue, timeZone: anyValue, schedule: anyValue }, { requiredKeys: [] }), anyValue), inputs: fc.oneof(text, anyValue) }, { requiredKeys: [] })),
      anyValue,
    ),
    actions: fc.oneof(actionsAt(3), anyValue),
    outputs: fc.oneof(fc.dictionary(word, fc.oneof(fc.record({ type: word, value: text }, { requiredKeys: [] }), anyValue)), anyValue),
    staticResults: fc.oneof(fc.dictionary(word, anyValue), anyValue),
  },
  { requiredKeys: [] },
);

function assertWellFormed(input: unknown): void {
  const result = validateDefinition(input);
  for (const problem of result.problems) {
    expect(typeof problem.path).toBe('string');
    expect(problem.message.length).toBeGreaterThan(0);
    expect(problem.message).not.toContain('could not finish checking');
    expect(['error', 'warning']).toContain(problem.severity);
  }
  expect(result.definition === null).toBe(typeof input !== 'object' || input === null || Array.isArray(input));
}

describe('validateDefinition never throws', () => {
  it('on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (input) => assertWellFormed(input)), { numRuns: 300 });
  });

  it('on arbitrary definition-shaped documents', () => {
    fc.assert(fc.property(definitionLike, (input) => assertWellFormed(input)), { numRuns: 250 });
  });

  it('on values JSON cannot hold: cycles, undefined, functions', () => {
    const cyclic: Record<string, unknown> = { type: 'Scope' };
    cyclic.actions = { Again: cyclic };
    assertWellFormed({ triggers: { t: { type: 'Request' } }, actions: { Loop: cyclic, F: () => 1, U: undefined } });
  });
});

describe('names that are also object members', () => {
  it('are ordinary names', () => {
    const definition: unknown = JSON.parse(
      '{"parameters":{"__proto__":{"type":"string","defaultValue":"x"}},"triggers":{"constructor":{"type":"Request"}},' +
        '"actions":{"__proto__":{"type":"Compose","inputs":"@parameters(\'__proto__\')"},"toString":{"type":"constructor","runAfter":{"__proto__":["Succeeded"],"hasOwnProperty":["Succeeded"]}}}}',
    );
    const problems = validateDefinition(definition).problems;
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['UnknownActionType', '/actions/toString/type'],
      ['RunAfterMissingAction', '/actions/toString/runAfter/hasOwnProperty'],
    ]);
  });
});

describe('a definition without problems', () => {
  it('returns the definition and no problems', () => {
    const definition = {
      $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
      contentVersion: '1.0.0.0',
      parameters: { greeting: { type: 'String', defaultValue: 'Hello' } },
      triggers: { manual: { type: 'Request', kind: 'Http', inputs: { schema: {} } } },
      actions: {
        Compose: { type: 'Compose', inputs: "@{parameters('greeting')}, @{triggerBody()?['name']}", runAfter: {} },
        Response: { type: 'Response', kind: 'Http', inputs: { statusCode: 200, body: "@outputs('Compose')" }, runAfter: { Compose: ['Succeeded'] } },
      },
      outputs: {},
    };
    expect(validateDefinition(definition)).toEqual({ definition, problems: [] });
  });
});
