// The reference's "Implicit data type conversions": values used where text is expected
// become text, and binary content is base64-decoded to text where text is expected.
import { describe, expect, it } from 'vitest';
import { wdl, wdlError } from '../expressions/test-kit.js';

describe('non-string values where a string is expected', () => {
  it('interpolation turns a number from the trigger into text', () => {
    expect(wdl("https://example.com/items/@{triggerBody()?['123']}", { triggerBody: { '123': 456 } })).toBe('https://example.com/items/456');
  });

  it('concat, join and string() stringify the same way as @{…}', () => {
    const context = { variables: { v: [1.5, true, null, { a: 'b' }] } };
    expect(wdl("@concat(variables('v')[0], variables('v')[1], variables('v')[2], variables('v')[3])", context)).toBe('1.5True{"a":"b"}');
    expect(wdl("@join(variables('v'), '|')", context)).toBe('1.5|True||{"a":"b"}');
    expect(wdl("@{variables('v')}", context)).toBe('[1.5,true,null,{"a":"b"}]');
    expect(wdl("@string(variables('v'))", context)).toBe('[1.5,true,null,{"a":"b"}]');
  });
});

describe('base64 encoding and decoding', () => {
  it('binary content reads as its text where text is expected', () => {
    expect(wdl("@{base64ToBinary('aGVsbG8=')}")).toBe('hello');
    expect(wdl("@concat('data:;base64,', base64('hello'))")).toBe('data:;base64,aGVsbG8=');
    expect(wdl("@concat('data:,', encodeUriComponent('a b'))")).toBe('data:,a%20b');
    expect(wdl("@base64(decodeDataUri('data:text/plain;charset=utf-8;base64,aGVsbG8='))")).toBe('aGVsbG8=');
    expect(wdl("@base64ToString(decodeDataUri('data:,a%20b'))")).toBe('a b');
  });

  it('decodes with the charset of the content type', () => {
    const latin1 = { '$content-type': 'text/plain; charset=iso-8859-1', '$content': '6Q==' };
    expect(wdl("@{triggerBody()}", { triggerBody: latin1 })).toBe('é');
    expect(wdl("@concat(triggerBody(), '!')", { triggerBody: latin1 })).toBe('é!');
  });

  it('content that is not base64 is an error where text is needed', () => {
    expect(wdlError('@{triggerBody()}', { triggerBody: { '$content-type': 'text/plain', '$content': '%%%' } }).message).toContain(
      "The content of the 'text/plain' value is not valid base64.",
    );
  });
});

describe('robustness', () => {
  it('encodes lone surrogates instead of failing', () => {
    expect(wdl("@uriComponent(variables('s'))", { variables: { s: 'a\ud800b' } })).toBe('a%EF%BF%BDb');
  });

  it('reports values nested too deeply for the stack instead of crashing', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const error = wdlError(deep);
    expect(error.code).toBe('FunctionFailed');
    expect(error.message).toContain('nested too deeply');
  });
});
