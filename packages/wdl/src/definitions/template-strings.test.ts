import { describe, expect, it } from 'vitest';
import { expressionSegments, referencedConnectionKeys, referencedParameters } from './template-strings.js';

describe('expression parts of a string', () => {
  it('treats "@…" as one expression and "@{…}" as interpolations', () => {
    expect(expressionSegments("@add(1, 2)")).toEqual([{ text: 'add(1, 2)', offset: 1 }]);
    expect(expressionSegments("Hi @{name()}, it is @{utcNow('}')} now")).toEqual([
      { text: 'name()', offset: 5 },
      { text: "utcNow('}')", offset: 22 },
    ]);
  });

  it('leaves literals alone: plain text, "@@" escapes, a leading space', () => {
    expect(expressionSegments('plain text')).toEqual([]);
    expect(expressionSegments("@@add(1,2)")).toEqual([]);
    expect(expressionSegments('mail @@{not}')).toEqual([]);
    expect(expressionSegments(' @add(1,2)')).toEqual([]);
    expect(expressionSegments('@')).toEqual([]);
  });

  it('keeps an unclosed interpolation for the parser to report', () => {
    expect(expressionSegments('a @{b(')).toEqual([{ text: 'b(', offset: 4 }]);
  });

  it('finds the parameters an expression reads', () => {
    expect(referencedParameters("@{parameters('a')} and @{Parameters( 'it''s' )} but not @parameters('b')")).toEqual(['a', "it's"]);
    expect(referencedParameters("parameters('not an expression')")).toEqual([]);
  });

  it('finds $connections keys, also behind invoker tokens', () => {
    expect(referencedConnectionKeys("@parameters('$connections')['office365']['connectionId']")).toEqual(['office365']);
    expect(referencedConnectionKeys("@parameters('$connections')?['sql'].connectionId")).toEqual(['sql']);
    expect(referencedConnectionKeys("@json(decodeBase64(triggerOutputs().headers['X-MS-APIM-Tokens']))['$connections']['shared_approvals']['connectionId']")).toEqual(['shared_approvals']);
  });
});
