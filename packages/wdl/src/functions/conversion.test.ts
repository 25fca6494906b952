import { describe, expect, it } from 'vitest';
import { wdl, wdlError } from '../expressions/test-kit.js';

const octet = (content: string) => ({ '$content-type': 'application/octet-stream', '$content': content });

describe('reference examples', () => {
  it.each([
    ["@array('hello')", ['hello']],
    ["@base64('hello')", 'aGVsbG8='],
    ["@base64ToString('aGVsbG8=')", 'hello'],
    ["@decodeBase64('aGVsbG8=')", 'hello'],
    ["@base64ToBinary('aGVsbG8=')", octet('aGVsbG8=')],
    ['@bool(1)', true],
    ['@bool(0)', false],
    ['@bool(-1)', true],
    ["@bool('true')", true],
    ["@bool('false')", false],
    ["@createArray('h', 'e', 'l', 'l', 'o')", ['h', 'e', 'l', 'l', 'o']],
    ["@dataUri('hello')", 'data:text/plain;charset=utf-8;base64,aGVsbG8='],
    ["@dataUriToBinary('data:text/plain;charset=utf-8;base64,aGVsbG8=')", { '$content-type': 'text/plain;charset=utf-8', '$content': 'aGVsbG8=' }],
    ["@decodeDataUri('data:text/plain;charset=utf-8;base64,aGVsbG8=')", { '$content-type': 'text/plain;charset=utf-8', '$content': 'aGVsbG8=' }],
    ["@dataUriToString('data:text/plain;charset=utf-8;base64,aGVsbG8=')", 'hello'],
    ["@decimal('1.2345678912312131')", 1.234567891231213],
    ["@string(decimal('1.2345678912312131'))", '1.2345678912312131'],
    ["@decodeUriComponent('https%3A%2F%2Fcontoso.com')", 'https://contoso.com'],
    ["@encodeUriComponent('https://contoso.com')", 'https%3A%2F%2Fcontoso.com'],
    // variadic, as Microsoft's templates use it: each argument encoded, then joined
    ["@encodeUriComponent('workflows/', 'my flow', '/runs')", 'workflows%2Fmy%20flow%2Fruns'],
    ["@float('10.333')", 10.333],
    ["@float('10,000.333')", 10000.333],
    ["@float('10.000,333', 'de-DE')", 10000.333],
    ["@float('12,3,4,5678')", 12345678],
    ["@float('1234567,8+')", 12345678],
    ["@float('12345,6,78,-')", -12345678],
    ["@float('-12,345,678,')", -12345678],
    ["@float('12345678.-')", -12345678],
    ["@float('.12345678')", 0.12345678],
    ["@int('10')", 10],
    ["@json('[1, 2, 3]')", [1, 2, 3]],
    ["@json('{\"fullName\": \"Sophia Owen\"}')", { fullName: 'Sophia Owen' }],
    ['@string(10)', '10'],
    ["@uriComponent('https://contoso.com')", 'https%3A%2F%2Fcontoso.com'],
    ["@uriComponentToString('https%3A%2F%2Fcontoso.com')", 'https://contoso.com'],
    ["@uriComponentToBinary('https%3A%2F%2Fcontoso.com')", octet('aHR0cHM6Ly9jb250b3NvLmNvbQ==')],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toEqual(expected);
  });

  it('binary() wraps a string in an octet-stream envelope that reads back as text', () => {
    expect(wdl("@binary('hello')")).toEqual(octet('aGVsbG8='));
    expect(wdl("@{binary('hello')}")).toBe('hello');
  });

  it('string() of an object is compact JSON', () => {
    expect(wdl('@string(json(\'{ "name": "Sophie Owen" }\'))')).toBe('{"name":"Sophie Owen"}');
    expect(wdl('@string(null)')).toBe('');
    expect(wdl('@string(true)')).toBe('True');
  });
});

describe('numeric conversions (IllogicApps NumericConversionTests, NumericLimitsTests)', () => {
  it.each([
    ["@{float(decimal('10000000000.00000000001234'))}", '10000000000'],
    ["@{float('  +1,000 ')}", '1000'],
    ["@{float('  200- ')}", '-200'],
    ["@{float('NaN')}", 'NaN'],
    ["@{float('nan')}", 'NaN'],
    ["@{float('Infinity','')}", 'Infinity'],
    ["@{float(float('Infinity',''))}", 'Infinity'],
    ["@{float('400,000','en-gb')}", '400000'],
    ["@{float('400.000','en-gb')}", '400'],
    ["@{float('400,000','de-de')}", '400'],
    ["@{float('400.000','de-de')}", '400000'],
    ["@{float('5.0')}", '5'],
    ["@string(float('5.0'))", '5'],
    ["@{createArray(float('5.0'))}", '[5.0]'],
    ["@{float('5e-324')}", '5E-324'],
    ["@{float('1.7e+308')}", '1.7E+308'],
    ["@{float('5e-350')}", '0'],
    ["@{float('1.7e+350')}", 'Infinity'],
    ["@{float('-1e400')}", '-Infinity'],
    ["@{decimal('  +1,000 ')}", '1000'],
    ["@{decimal('  200- ')}", '-200'],
    ["@{decimal('5.0')}", '5.0'],
    ["@{decimal('5')}", '5'],
    ["@{decimal('5.0000')}", '5.0000'],
    ["@{createArray(decimal('5'))}", '[5.0]'],
    ["@{createArray(decimal('5.0000'))}", '[5.0000]'],
    ["@{setProperty(json('{}'),'f',decimal('5'))}", '{"f":5.0}'],
    ["@string(decimal(float('0')))", '0'],
    ['@{decimal(100000.000009)}', '100000.000009'],
    ["@{decimal('10000000000.00000000001234')}", '10000000000.00000000001234'],
    ["@{decimal('70000000000000000000000000000')}", '70000000000000000000000000000'],
    ['@{int(1.0)}', '1'],
    ["@{int('1.0')}", '1'],
    ['@{int(float(1.0))}', '1'],
    ["@{int(decimal('1.00000'))}", '1'],
    ['@{int(string(decimal(100000.00000)))}', '100000'],
    ["@{int('  +1,000 ')}", '1000'],
    ["@{int('nan')}", '-9223372036854775808'],
    ["@{int('100000000000000010')}", '100000000000000016'],
    ["@{int('-9223372036854775808')}", '-9223372036854775808'],
    ["@{int('-9223372036854775809')}", '-9223372036854775808'],
    ["@{int('-9223372036854775809.05')}", '-9223372036854775808'],
    ["@{json('{\"f\":5.0}')}", '{"f":5.0}'],
  ])('%s gives %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });

  it.each([
    "@{int('  200- ')}",
    "@{int('(200)')}",
    "@{float('(200)')}",
    "@{float('Infinity')}",
    "@{float('inf')}",
    "@{float(string(float('Infinity','')))}",
    "@{decimal('(200)')}",
    "@{decimal('3e-1')}",
    "@{decimal('7e28')}",
    "@int('9223372036854775808')",
    "@int('9223372036854775807')",
    "@decimal('3e50')",
    "@int('3e50')",
    "@int('3e-50')",
    '@int(1.5)',
    "@int('1.5')",
    '@int(2.5)',
    '@int(100000.000009)',
    "@decimal('79228162514264337593543950336')",
  ])('%s cannot be converted', (text) => {
    const error = wdlError(text);
    expect(error.code).toBe('ArgumentValue');
  });

  it.each(["@decimal(binary('123.0'))", "@float(binary('123.0'))", "@int(binary('123.0'))", '@int(true)', '@float(null)', "@decimal(createArray('1'))"])(
    '%s refuses the type',
    (text) => {
      expect(wdlError(text).code).toBe('ArgumentType');
    },
  );

  it('explains what could not be parsed', () => {
    expect(wdlError("@int('abc')").message).toContain("The 1st argument of 'int' could not be parsed as an integer: 'abc'.");
    expect(wdlError("@float('1,5', 'xx-not-a-locale!')").message).toContain("The 2nd argument of 'float' is not a known locale");
  });

  it('rounds decimals to what a .NET decimal holds', () => {
    expect(wdl("@{decimal('0.12345678901234567890123456789012')}")).toBe('0.1234567890123456789012345679');
    expect(wdl("@{decimal('123456789012345678901234567.891')}")).toBe('123456789012345678901234567.89');
  });
});

describe('bool', () => {
  it.each([
    ["@bool(' TRUE ')", true],
    ['@bool(0.0)', false],
    ['@bool(0.5)', true],
    ["@bool(decimal('0.00'))", false],
    ['@bool(false)', false],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });

  it('refuses strings that are not true or false, and other types', () => {
    expect(wdlError("@bool('yes')").message).toContain("The 1st argument of 'bool' is the string 'yes', which is neither 'true' nor 'false'.");
    expect(wdlError('@bool(null)').code).toBe('ArgumentType');
    expect(wdlError('@bool(createArray())').code).toBe('ArgumentCount');
  });
});

describe('json', () => {
  it('reads what Newtonsoft reads', () => {
    expect(wdl("@json('{''single'': ''quotes'', bare: 1, /* comment */ \"trailing\": [1, 2,],}')")).toEqual({ single: 'quotes', bare: 1, trailing: [1, 2] });
    expect(wdl("@json(' 42 ')")).toBe(42);
    expect(wdl("@json('\"text\"')")).toBe('text');
    expect(wdl("@{json('9223372036854775807')}")).toBe('9223372036854775807');
    expect(wdl("@{json('[1e2, 0.5, -0.0, 123456789012345678901234]')}")).toBe('[100.0,0.5,-0.0,1.2345678901234569E+23]');
  });

  it('gives {} for null, parses binary content, refuses other types', () => {
    expect(wdl('@json(null)')).toEqual({});
    expect(wdl("@json(binary('[1,2,3]'))")).toEqual([1, 2, 3]);
    expect(wdlError('@json(createArray(1))').message).toContain("The 1st argument of 'json' must be a string or XML; got an array of 1 item.");
  });

  it('explains invalid JSON with a position', () => {
    expect(wdlError("@json('{\"a\": }')").message).toContain("The 1st argument of 'json' is not valid JSON: Unexpected '}' at position 6.");
    expect(wdlError("@json('')").message).toContain('Unexpected end of the JSON text at position 0');
    expect(wdlError("@json('[1] 2')").message).toContain("Unexpected '2' after the JSON value");
  });
});

describe('binary and base64 (IllogicApps BinaryConversionTests)', () => {
  it.each([
    ["@binary(json('{\"hello\": \"world\"}'))", 'eyJoZWxsbyI6IndvcmxkIn0='],
    ['@binary(3.14)', 'My4xNA=='],
    ["@binary('123asdf?a=b%20c%2F')", 'MTIzYXNkZj9hPWIlMjBjJTJG'],
    ["@binary(binary('123'))", 'MTIz'],
    ["@binary(createArray('a','b','c'))", 'WyJhIiwiYiIsImMiXQ=='],
    ['@binary(true)', 'VHJ1ZQ=='],
    ['@binary(false)', 'RmFsc2U='],
  ])('%s holds %s', (text, content) => {
    expect(wdl(text)).toEqual(octet(content));
  });

  it('round-trips base64', () => {
    expect(wdl("@base64('test')")).toBe('dGVzdA==');
    expect(wdl("@base64ToString(base64('test'))")).toBe('test');
    expect(wdl("@base64ToBinary(base64('test'))")).toEqual(octet('dGVzdA=='));
    expect(wdl("@base64ToBinary('')")).toEqual(octet(''));
    expect(wdl("@base64ToBinary('aGVsbG8 gd29ybGQ=')")).toEqual(octet('aGVsbG8 gd29ybGQ='));
    expect(wdl("@base64ToString('aGVsbG8gd29ybGQ=')")).toBe('hello world');
    expect(wdl("@base64(binary('ab'))")).toBe('YWI=');
    expect(wdl('@base64(12)')).toBe('MTI=');
  });

  it('encodes an object or array as its JSON text, as base64(triggerBody()) in a Service Bus message', () => {
    const body = { Customer: 'Ann', Amount: 1.5 };
    expect(wdl('@base64(triggerBody())', { triggerBody: body })).toBe(Buffer.from('{"Customer":"Ann","Amount":1.5}').toString('base64'));
    expect(wdl("@json(base64ToString(base64(triggerBody())))", { triggerBody: body })).toEqual(body);
    expect(wdl("@base64(createArray(1, 'a'))")).toBe(Buffer.from('[1,"a"]').toString('base64'));
  });

  it('decodes invalid UTF-8 with replacement characters', () => {
    expect(wdl("@{base64ToBinary('test')}")).toBe('\ufffd\ufffd-');
  });

  it('refuses null and invalid base64', () => {
    expect(wdlError('@binary(null)').code).toBe('ArgumentType');
    expect(wdlError("@base64ToBinary('$#[<')").message).toContain("The 1st argument of 'base64ToBinary' is not valid base64");
    expect(wdlError("@base64ToBinary('aa')").code).toBe('ArgumentValue');
    expect(wdlError("@base64ToString('a')").code).toBe('ArgumentValue');
    expect(wdlError('@base64(null)').code).toBe('ArgumentType');
  });
});

describe('data URIs (IllogicApps BinaryConversionTests)', () => {
  it.each([
    ['data:text/plain;charset=utf-8,aGVsbG8=', 'text/plain;charset=utf-8', 'YUdWc2JHOD0='],
    ['data:text/plain;charset=utf-8;base64,aGVsbG8%20gd29ybGQ=', 'text/plain;charset=utf-8', 'aGVsbG8%20gd29ybGQ='],
    ['data:text/plain;charset=utf-8,abc+def ghi+jkl=asdf+qwer?abc+def=ghi+jkl', 'text/plain;charset=utf-8', 'YWJjIGRlZiBnaGkgamtsPWFzZGYgcXdlcj9hYmMgZGVmPWdoaSBqa2w='],
    ['data:bad/mime;charset=utf-8,  [ 1, 2, 3 ]  ', 'bad/mime;charset=utf-8', 'ICBbIDEsIDIsIDMgXSAg'],
    ['data:,  [ 1, 2, 3 ]  ', 'text/plain', 'ICBbIDEsIDIsIDMgXSAg'],
    ['data:base64,dGVzdA==', 'text/plain', 'dGVzdA=='],
    ['data:;base64,dGVzdA==', 'text/plain', 'dGVzdA=='],
    ['data:text/plain;base64;charset=ascii,dGVzdA==', 'text/plain;base64;charset=ascii', 'ZEdWemRBPT0='],
    ['data:text/plain;cows=moo;charset=ascii;base64,dGVzdA==', 'text/plain;cows=moo;charset=ascii', 'dGVzdA=='],
    ['DATA:TEXT/PLAIN;COWS=MOO;CHARSET=UTF-8;CATS=CUTE;BASE64,dGVzdA==', 'TEXT/PLAIN;COWS=MOO;CHARSET=UTF-8;CATS=CUTE', 'dGVzdA=='],
  ])('dataUriToBinary(%s)', (uri, contentType, content) => {
    expect(wdl(`@dataUriToBinary('${uri}')`)).toEqual({ '$content-type': contentType, '$content': content });
  });

  it.each([
    ['data:text/plain;charset=utf-8,%22hello,%20world%22', '"hello, world"'],
    ['data:text/plain;charset=utf-8;base64,aGVsbG8 gd29ybGQ=', 'hello world'],
    ['data:text/plain;test=wow;charset=nope;base64,aGVsbG8gd29ybGQ=', 'hello world'],
    ['data:text/plain;charset=utf-8,abc+def ghi+jkl=asdf+qwer?abc+def=ghi+jkl', 'abc def ghi jkl=asdf qwer?abc def=ghi jkl'],
    ['data:text/plain;charset=utf-8;base64,JTIyaGVsbG8rd29ybGQlMjIlM0YlM2Y=', '%22hello+world%22%3F%3f'],
    ['data:badmime;charset=utf-8,  [ 1, 2, 3 ]  ', '  [ 1, 2, 3 ]  '],
    ['data:,  [ 1, 2, 3 ]  ', '  [ 1, 2, 3 ]  '],
    ['data:base64,dGVzdA==', 'test'],
    ['data:text/plain;base64;charset=ascii,dGVzdA==', 'dGVzdA=='],
    ['data:text/plain;cows=moo;charset=ascii;base64,dGVzdA==', 'test'],
  ])('dataUriToString(%s) is %j', (uri, expected) => {
    expect(wdl(`@dataUriToString('${uri}')`)).toBe(expected);
  });

  it.each([
    'data:;;base64,dGVzdA==',
    'data:;,test',
    'data:;;,test',
    'data:badmime;charset=utf-8,  [ 1, 2, 3 ]  ',
    'data:text/plain/epic;charset=utf-8;base64,aGVsbG8g d29ybGQ=',
    'data:application/json;charset=fake-encoding,  [ 1, 2, 3 ]  ',
    'data:text/plain;charset=martian;base64,aGVsbG8gd29ybGQ=',
    'data:text/plain;cows=moo;base64;charset=ascii;cats=cute=very,dGVzdA==',
    'text/plain,abc',
    'data:text/plain',
  ])('dataUriToBinary refuses %s', (uri) => {
    expect(wdlError(`@dataUriToBinary('${uri}')`).message).toContain("The 1st argument of 'dataUriToBinary' is not a usable data URI");
  });

  it.each([
    'data:;;base64,dGVzdA==',
    'data:text/plain;charset=ascii;base64,dGVzdA==',
    'data:text/plain;CHARSET=nope;base64,aGVsbG8gd29ybGQ=',
    'data:text/plain;charset=utf-8;base64,aGVsbG8%20gd29ybGQ=',
  ])('dataUriToString refuses %s', (uri) => {
    expect(wdlError(`@dataUriToString('${uri}')`).code).toBe('ArgumentValue');
  });

  it('dataUri describes the value it encodes', () => {
    expect(wdl("@dataUri('test')")).toBe('data:text/plain;charset=utf-8;base64,dGVzdA==');
    expect(wdl('@dataUri(json(\'{"a":3}\'))')).toBe('data:application/json;charset=utf-8;base64,eyJhIjozfQ==');
    expect(wdl('@dataUri(createArray(1,2,3))')).toBe('data:application/json;charset=utf-8;base64,WzEsMiwzXQ==');
    expect(wdl('@{dataUri(1)}')).toBe('data:application/json;charset=utf-8;base64,MQ==');
    expect(wdl('@{dataUri(true)}')).toBe('data:application/json;charset=utf-8;base64,VHJ1ZQ==');
    expect(wdl("@dataUri(binary('x'))")).toBe('data:application/octet-stream;base64,eA==');
    expect(wdlError('@{dataUri(null)}').code).toBe('ArgumentType');
  });
});

describe('URI components', () => {
  it('escape everything but unreserved characters, as Uri.EscapeDataString', () => {
    expect(wdl("@uriComponent('a b&c=d/é!*()~._-')")).toBe('a%20b%26c%3Dd%2F%C3%A9%21%2A%28%29~._-');
    expect(wdl('@uriComponent(42)')).toBe('42');
    expect(wdlError('@uriComponent(null)').code).toBe('ArgumentType');
  });

  it('decode leniently: + stays, invalid escapes are kept', () => {
    expect(wdl("@uriComponentToString('a+b%20c%zz%')")).toBe('a+b c%zz%');
    expect(wdl("@decodeUriComponent('%E2%82%AC %C3')")).toBe('€ %C3');
  });
});
