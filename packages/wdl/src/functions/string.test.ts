import { describe, expect, it } from 'vitest';
import { wdl, wdlError } from '../expressions/test-kit.js';

describe('reference examples', () => {
  it.each([
    ["@concat('Hello', 'World')", 'HelloWorld'],
    ["@endsWith('hello world', 'world')", true],
    ["@endsWith('hello world', 'universe')", false],
    ["@startsWith('hello world', 'hello')", true],
    ["@startsWith('hello world', 'greetings')", false],
    ["@indexOf('hello world', 'world')", 6],
    ["@lastIndexOf('hello world hello world', 'world')", 18],
    ["@lastIndexOf('hello world hello world', '')", 22],
    ["@nthIndexOf('123456789123465789', '1', 1)", 0],
    ["@nthIndexOf('123456789123465789', '1', 2)", 9],
    ["@nthIndexOf('123456789123465789', '12', 2)", 9],
    ["@nthIndexOf('123456789123465789', '6', 4)", -1],
    ["@replace('the old string', 'old', 'new')", 'the new string'],
    ["@slice('Hello World', 2)", 'llo World'],
    ["@slice('Hello World', 30)", ''],
    ["@slice('Hello World', 10, 2)", ''],
    ["@slice('Hello World', 0)", 'Hello World'],
    ["@slice('Hello World', 2, 5)", 'llo'],
    ["@slice('Hello World', 6, 20)", 'World'],
    ["@slice('Hello World', -2)", 'ld'],
    ["@slice('Hello World', 3, -1)", 'lo Worl'],
    ["@slice('Hello World', 3, 3)", ''],
    ["@substring('hello world', 6, 5)", 'world'],
    ["@toLower('Hello World')", 'hello world'],
    ["@toUpper('Hello World')", 'HELLO WORLD'],
    ["@trim(' Hello World  ')", 'Hello World'],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toEqual(expected);
  });

  it('split examples', () => {
    expect(wdl("@split('a_b_c', '_')")).toEqual(['a', 'b', 'c']);
    expect(wdl("@split('a_b_c', ' ')")).toEqual(['a_b_c']);
  });

  it('guid in every format, from the host random source', () => {
    const guid = wdl('@guid()') as string;
    expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(wdl("@guid('N')")).toMatch(/^[0-9a-f]{32}$/);
    expect(wdl("@guid('B')")).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect(wdl("@guid('P')")).toMatch(/^\([0-9a-f-]{36}\)$/);
    expect(wdl("@guid('X')")).toMatch(/^\{0x[0-9a-f]{8},0x[0-9a-f]{4},0x[0-9a-f]{4},\{(0x[0-9a-f]{2},){7}0x[0-9a-f]{2}\}\}$/);
    let n = 0;
    const counting = () => ((n++ * 37) % 256) / 256;
    expect(wdl('@guid()', {}, counting)).not.toBe(wdl('@guid()', {}, counting));
    expect(wdlError("@guid('Q')").message).toContain("The 1st argument of 'guid' must be one of the GUID formats 'N', 'D', 'B', 'P' or 'X'; got 'Q'.");
  });
});

describe('concat', () => {
  it('converts other values implicitly', () => {
    expect(wdl("@concat('n=', 1, ' f=', 2.5, ' b=', true, ' x=', null, ' a=', createArray(1))")).toBe('n=1 f=2.5 b=True x= a=[1]');
    expect(wdl("@concat(binary('text'))")).toBe('text');
    expect(wdl("@concat('only')")).toBe('only');
  });
});

describe('case handling', () => {
  it('indexOf, lastIndexOf, nthIndexOf, startsWith and endsWith ignore case', () => {
    expect(wdl("@indexOf('Hello World', 'WORLD')")).toBe(6);
    expect(wdl("@lastIndexOf('abcABC', 'abc')")).toBe(3);
    expect(wdl("@nthIndexOf('aAaA', 'a', 3)")).toBe(2);
    expect(wdl("@startsWith('Hello', 'hE')")).toBe(true);
    expect(wdl("@endsWith('Hello', 'LO')")).toBe(true);
  });

  it('replace and split are case-sensitive and not regular expressions', () => {
    expect(wdl("@replace('Aa', 'a', 'x')")).toBe('Ax');
    expect(wdl("@replace('abcdef', '.', 'z')")).toBe('abcdef');
    expect(wdl("@split('aXbxc', 'x')")).toEqual(['aXb', 'c']);
  });

  it('toLower and toUpper use the invariant mappings (IllogicApps StringFunctionsTests)', () => {
    expect(wdl("@toLower('ıIiİçÇğĞ')")).toBe('ıiiİççğğ');
    expect(wdl("@toUpper('ıIiİçÇğĞ')")).toBe('ıIIİÇÇĞĞ');
    expect(wdl("@toLower('Ｚｅｎｋａｋｕ　Ｔｅｘｔ')")).toBe('ｚｅｎｋａｋｕ　ｔｅｘｔ');
    expect(wdl("@toUpper('straße')")).toBe('STRAßE');
    expect(wdl("@toLower('ΟΔΟΣ')")).toBe('οδοσ');
  });
});

describe('edge cases', () => {
  it('empty strings', () => {
    expect(wdl("@indexOf('', '')")).toBe(0);
    expect(wdl("@indexOf('abc', '')")).toBe(0);
    expect(wdl("@lastIndexOf('', 'a')")).toBe(-1);
    expect(wdl("@lastIndexOf('', '')")).toBe(0);
    expect(wdl("@indexOf('abc', 'z')")).toBe(-1);
    expect(wdl("@startsWith('', '')")).toBe(true);
    expect(wdl("@toLower('')")).toBe('');
    expect(wdl("@trim('')")).toBe('');
  });

  it('nthIndexOf counts from the end with a negative occurrence', () => {
    expect(wdl("@nthIndexOf('a-b-c-d', '-', -1)")).toBe(5);
    expect(wdl("@nthIndexOf('a-b-c-d', '-', -3)")).toBe(1);
    expect(wdl("@nthIndexOf('a-b-c-d', '-', -4)")).toBe(-1);
    expect(wdlError("@nthIndexOf('abc', 'a', 0)").message).toContain("The 3rd argument of 'nthIndexOf' must not be 0");
  });

  it('replace (IllogicApps StringFunctionsTests)', () => {
    expect(wdl("@replace('xxxxx','x','y')")).toBe('yyyyy');
    expect(wdl("@replace('xxxxx','x','')")).toBe('');
    expect(wdl("@replace('abcdef','cd','z')")).toBe('abzef');
    expect(wdl("@replace('abcdef','z','o')")).toBe('abcdef');
    expect(wdlError("@replace('xxxxx','','y')").message).toContain("The 2nd argument of 'replace' is the text to replace and must not be empty.");
  });

  it.each([
    ["@slice('abcdef',0)", 'abcdef'],
    ["@slice('abcdef',0,99)", 'abcdef'],
    ["@slice('abcdef',3)", 'def'],
    ["@slice('abcdef',3,4)", 'd'],
    ["@slice('abcdef',39,99)", ''],
    ["@slice('abcdef',39,10)", ''],
    ["@slice('abcdef',-3)", 'def'],
    ["@slice('abcdef',-3,1)", ''],
    ["@slice('abcdef',-3,-1)", 'de'],
    ["@slice('abcdef',-33)", 'abcdef'],
    ["@slice('abcdef',-33,-44)", ''],
    ["@slice('abcdef',-1,-2)", ''],
  ])('slice: %s is %j (IllogicApps)', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });

  it('split (IllogicApps StringFunctionsTests)', () => {
    expect(wdl("@split('abc,def,',',')")).toEqual(['abc', 'def', '']);
    expect(wdl("@split(',abc,def',',')")).toEqual(['', 'abc', 'def']);
    expect(wdl("@split('abc,,,def',',')")).toEqual(['abc', '', '', 'def']);
    expect(wdl("@split(',,,,',',')")).toEqual(['', '', '', '', '']);
    expect(wdl("@split('abcSPdefSPghi','SP')")).toEqual(['abc', 'def', 'ghi']);
    expect(wdl("@split('abc,def','')")).toEqual(['abc,def']);
    expect(wdl("@split('',',')")).toEqual(['']);
    expect(wdl("@split('','')")).toEqual(['']);
  });

  it('substring: length optional, out of range is an error', () => {
    expect(wdl("@substring('abcdef',0)")).toBe('abcdef');
    expect(wdl("@substring('abcdef',3)")).toBe('def');
    expect(wdl("@substring('abcdef',3,1)")).toBe('d');
    expect(wdl("@substring('abcdef',6)")).toBe('');
    for (const text of ["@substring('abcdef',0,99)", "@substring('abcdef',39,99)", "@substring('abcdef',-3)", "@substring('abcdef',-1,2)", "@substring('abcdef',3,-1)"]) {
      const error = wdlError(text);
      expect(error.code).toBe('ArgumentValue');
      expect(error.message).toContain('both must be non-negative and their sum no larger than the length');
    }
  });

  it('trim removes .NET whitespace only', () => {
    expect(wdl("@trim('\t\r\n testing \u3000\u0085')")).toBe('testing');
    expect(wdl("@trim('test     ing')")).toBe('test     ing');
    expect(wdl("@trim('\ufeffx')")).toBe('\ufeffx');
  });
});

describe('wrong types are errors naming the argument', () => {
  it.each([
    ["@split('abc1def', 1)", "The 2nd argument of 'split' must be a string; got the integer 1."],
    ["@split('abcnulldef',null)", "The 2nd argument of 'split' must be a string; got null."],
    ['@toLower(binary(\'Testing\'))', "The 1st argument of 'toLower' must be a string; got an object."],
    ['@trim(createArray(1))', "The 1st argument of 'trim' must be a string; got an array of 1 item."],
    ["@startsWith(null, 'x')", "The 1st argument of 'startsWith' must be a string; got null."],
    ["@indexOf('abc', 1.5)", "The 2nd argument of 'indexOf' must be a string; got the float 1.5."],
    ["@substring('abc', '1')", "The 2nd argument of 'substring' must be an integer; got the string '1'."],
    ["@slice('abc', 1.0)", "The 2nd argument of 'slice' must be an integer; got the float 1.0."],
  ])('%s', (text, message) => {
    const error = wdlError(text);
    expect(error.code).toBe('ArgumentType');
    expect(error.message).toContain(message);
  });
});
