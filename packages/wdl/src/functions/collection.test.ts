import { describe, expect, it } from 'vitest';
import { wdl, wdlError } from '../expressions/test-kit.js';

describe('reference examples', () => {
  it.each([
    ["@chunk('abcdefghijklmnopqrstuvwxyz', 10)", ['abcdefghij', 'klmnopqrst', 'uvwxyz']],
    ['@chunk(createArray(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 5)', [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]],
    ["@contains('hello world', 'world')", true],
    ["@contains('hello world', 'universe')", false],
    ["@empty('')", true],
    ["@empty('abc')", false],
    ["@first('hello')", 'h'],
    ['@first(createArray(0, 1, 2))', 0],
    ['@intersection(createArray(1, 2, 3), createArray(101, 2, 1, 10), createArray(6, 8, 1, 2))', [1, 2]],
    ["@join(createArray('a', 'b', 'c'), '.')", 'a.b.c'],
    ["@last('abcd')", 'd'],
    ['@last(createArray(0, 1, 2, 3))', 3],
    ["@length('abcd')", 4],
    ['@length(createArray(0, 1, 2, 3))', 4],
    ['@reverse(createArray(0, 1, 2, 3))', [3, 2, 1, 0]],
    ['@skip(createArray(0, 1, 2, 3), 1)', [1, 2, 3]],
    ['@sort(createArray(2, 1, 0, 3))', [0, 1, 2, 3]],
    ["@take('abcde', 3)", 'abc'],
    ['@take(createArray(0, 1, 2, 3, 4), 3)', [0, 1, 2]],
    ['@union(createArray(1, 2, 3), createArray(1, 2, 10, 101))', [1, 2, 3, 10, 101]],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toEqual(expected);
  });

  it('sort by a key', () => {
    expect(wdl(`@sort(createArray(json('{ "first": "Amalie", "last": "Rose" }'), json('{ "first": "Elise", "last": "Renee" }')), 'last')`)).toEqual([
      { first: 'Elise', last: 'Renee' },
      { first: 'Amalie', last: 'Rose' },
    ]);
  });
});

describe('contains', () => {
  it('finds substrings case-sensitively, array items by value, object keys', () => {
    expect(wdl("@contains('Hello', 'hello')")).toBe(false);
    expect(wdl("@contains(createArray('a', 1, createArray(2)), 1)")).toBe(true);
    expect(wdl("@contains(createArray('a', 1, createArray(2)), '1')")).toBe(false);
    expect(wdl('@contains(createArray(1, createArray(2, 3)), createArray(2, 3))')).toBe(true);
    expect(wdl('@contains(createArray(1, 2), 2.0)')).toBe(true);
    expect(wdl("@contains(json('{\"Key\": 1}'), 'Key')")).toBe(true);
    expect(wdl("@contains(json('{\"Key\": 1}'), 'key')")).toBe(false);
  });

  it('explains wrong types', () => {
    expect(wdlError("@contains(null, 'x')").message).toContain("The 1st argument of 'contains' must be a string, an array or an object; got null.");
    expect(wdlError("@contains('abc', 1)").message).toContain("The 2nd argument of 'contains' must be a string when the 1st argument is a string; got the integer 1.");
    expect(wdlError("@contains(json('{}'), 1)").code).toBe('ArgumentType');
  });
});

describe('empty, first, last, length (IllogicApps CollectionFunctionsTests)', () => {
  it.each([
    ["@empty('       ')", false],
    ["@empty(json('[]'))", true],
    ["@empty(json('[[]]'))", false],
    ["@empty(json('{}'))", true],
    ['@empty(json(\'{"a":"b"}\'))', false],
    ['@empty(null)', true],
    ["@first('')", ''],
    ["@first(json('[]'))", null],
    ["@last('')", ''],
    ["@last(json('[]'))", null],
    ["@length('')", 0],
    ["@length(json('[]'))", 0],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toEqual(expected);
  });

  it.each([
    ['@empty(1)', "'empty' must be an object, an array or a string; got the integer 1."],
    ['@empty(0.0)', "'empty' must be an object, an array or a string; got the float 0.0."],
    ['@empty(false)', "got the boolean false"],
    ["@first(json('{}'))", "'first' must be an array or a string; got an object."],
    ['@last(1)', "'last' must be an array or a string; got the integer 1."],
    ['@length(null)', "'length' must be an array or a string; got null."],
    ["@length(json('{}'))", "'length' must be an array or a string"],
    ["@length(binary('abc'))", "'length' must be an array or a string; got an object."],
  ])('%s fails', (text, message) => {
    expect(wdlError(text).message).toContain(message);
  });

  it('checks the argument count', () => {
    expect(wdlError('@empty()').code).toBe('ArgumentCount');
    expect(wdlError("@empty('','')").message).toContain("'empty' expects 1 argument but got 2");
  });
});

describe('join (IllogicApps CollectionFunctionsTests)', () => {
  it.each([
    ["@join(createArray('','hello','','world','','abc','def'), 'XYZ')", 'XYZhelloXYZXYZworldXYZXYZabcXYZdef'],
    ["@join(array(''), 'XYZ')", ''],
    ["@join(createArray('','hello','','world','','abc','def'), '')", 'helloworldabcdef'],
    ["@join(json('[]'),'x')", ''],
    ["@join(createArray('',null,''),'x')", 'xx'],
    ["@join(createArray('',1,''),'x')", 'x1x'],
    ["@join(createArray('',true,''),'x')", 'xTruex'],
    ["@join(createArray('a',createArray('b','c'),'d'),'x')", 'ax["b","c"]xd'],
    ["@join(createArray(binary('test'), 2.50),'x')", 'testx2.5'],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });

  it.each([
    ["@join(createArray('a'), null)", "The 2nd argument of 'join' must be a string; got null."],
    ["@join('asdf','x')", "The 1st argument of 'join' must be an array; got the string 'asdf'."],
    ["@join(json('{}'),'x')", "The 1st argument of 'join' must be an array; got an object."],
  ])('%s fails', (text, message) => {
    expect(wdlError(text).message).toContain(message);
  });
});

describe('union and intersection (IllogicApps CollectionFunctionsTests)', () => {
  it.each([
    ["@intersection(createArray(5,4,3,2,1),createArray('a','b','c','d','e'))", []],
    ["@intersection(createArray(5,4,3,2,1),createArray('a','b',3,5,1))", [5, 3, 1]],
    ["@intersection(createArray('a','b',3,5,1),createArray(5,4,3,2,1))", [3, 5, 1]],
    ['@intersection(createArray(1,2,3,4,4,5),createArray(3,4,5))', [3, 4, 5]],
    ['@intersection(createArray(3,4,4,5),createArray(1,2,3,4,4,5))', [3, 4, 5]],
    ["@intersection(createArray(5,4,5,5,4,5,4,4,5,4,5,5,4),json('[]'))", []],
    ['@intersection(createArray(4,4,4,4,5,4,5,5,5),createArray(5,4,5,5,4,5,4,4,5,4,5,5,4))', [4, 5]],
    ["@union(createArray(5,4,3,2,1),createArray('a','b',3,5,1))", [5, 4, 3, 2, 1, 'a', 'b']],
    ["@union(createArray('a','b',3,5,1),createArray(5,4,3,2,1))", ['a', 'b', 3, 5, 1, 4, 2]],
    ['@union(createArray(3,4,4,5),createArray(1,2,3,4,4,5))', [3, 4, 5, 1, 2]],
    ["@union(createArray(5,4,5,5,4,5,4,4,5,4,5,5,4),json('[]'))", [5, 4]],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toEqual(expected);
  });

  it('combines objects, the last value of a name winning', () => {
    expect(wdl('@union(json(\'{"spam":"eggs","thing":3}\'),json(\'{"spam":3,"food":"eggs"}\'))')).toEqual({ spam: 3, thing: 3, food: 'eggs' });
    expect(wdl('@intersection(json(\'{"spam":"eggs","food":"fungus"}\'),json(\'{"spam":"eggs","food":"plant"}\'))')).toEqual({ spam: 'eggs' });
    expect(wdl('@intersection(json(\'{"spam":"eggs","food":[5,4,1,-1]}\'),json(\'{"spam":"eggs","food":[5,4,1,-1]}\'))')).toEqual({ spam: 'eggs', food: [5, 4, 1, -1] });
    expect(wdl('@intersection(json(\'{"spam":3,"food":"eggs"}\'),json(\'{"spam":"eggs","food":"bard"}\'))')).toEqual({});
  });

  it('refuses mixing arrays and objects', () => {
    expect(wdlError('@intersection(json(\'{"spam":3}\'),createArray(\'spam\'))').message).toContain(
      "The 2nd argument of 'intersection' must be an object like the 1st argument; got an array of 1 item.",
    );
    expect(wdlError("@union(createArray('spam'),json('{}'))").message).toContain("must be an array like the 1st argument; got an object");
    expect(wdlError("@union('a','b')").message).toContain("The 1st argument of 'union' must be an array or an object; got the string 'a'.");
    expect(wdlError('@union(createArray(1))').code).toBe('ArgumentCount');
  });
});

describe('skip, take, chunk, reverse, sort edge cases', () => {
  it('skip and take clamp to the collection and refuse negative counts', () => {
    expect(wdl('@skip(createArray(1, 2), 5)')).toEqual([]);
    expect(wdl('@take(createArray(1, 2), 5)')).toEqual([1, 2]);
    expect(wdl("@skip('abc', 1)")).toBe('bc');
    expect(wdl('@take(createArray(1, 2), 0)')).toEqual([]);
    expect(wdlError('@skip(createArray(1), -1)').message).toContain("The 2nd argument of 'skip' is a count and must not be negative; got -1.");
    expect(wdlError('@take(null, 1)').message).toContain("The 1st argument of 'take' must be an array or a string; got null.");
  });

  it('chunk needs a positive length', () => {
    expect(wdl("@chunk('', 3)")).toEqual([]);
    expect(wdlError("@chunk('abc', 0)").message).toContain("The 2nd argument of 'chunk' is the chunk length and must be at least 1; got 0.");
  });

  it('reverse does not change its input', () => {
    expect(wdl("@createArray(reverse(variables('a')), variables('a'))", { variables: { a: [1, 2] } })).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(wdlError("@reverse('abc')").code).toBe('ArgumentType');
  });

  it('sorts strings ordinally, booleans false first, mixed numbers by value, stably', () => {
    expect(wdl("@sort(createArray('b', 'B', 'a', 'A'))")).toEqual(['A', 'B', 'a', 'b']);
    expect(wdl('@sort(createArray(true, false, true))')).toEqual([false, true, true]);
    expect(wdl('@sort(createArray(2.5, 1, 3))')).toEqual([1, 2.5, 3]);
    expect(wdl("@sort(createArray(json('{\"k\":1,\"n\":\"a\"}'), json('{\"k\":0}'), json('{\"k\":1,\"n\":\"b\"}')), 'k')")).toEqual([
      { k: 0 },
      { k: 1, n: 'a' },
      { k: 1, n: 'b' },
    ]);
  });

  it('refuses sorting values of different types', () => {
    expect(wdlError("@sort(createArray(1, 'a'))").message).toContain("'sort' can only sort values of one simple type");
    expect(wdlError("@sort(createArray(1, 2), 'k')").message).toContain("'sort' sorts by 'k', but item 0 of the array is the integer 1, not an object.");
  });
});
