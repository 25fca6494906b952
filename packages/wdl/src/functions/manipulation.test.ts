import { describe, expect, it } from 'vitest';
import { wdl, wdlError } from '../expressions/test-kit.js';

describe('reference examples', () => {
  it('addProperty adds a property', () => {
    expect(wdl(`@addProperty(json('{ "firstName": "Sophia", "surName": "Owen" }'), 'middleName', 'Anne')`)).toEqual({
      firstName: 'Sophia',
      middleName: 'Anne',
      surName: 'Owen',
    });
  });

  it('adds a child property by nesting setProperty and addProperty', () => {
    const customer = `json('{ "customerName": { "firstName": "Sophia", "surName": "Owen" } }')`;
    expect(wdl(`@setProperty(${customer}, 'customerName', addProperty(${customer}['customerName'], 'middleName', 'Anne'))`)).toEqual({
      customerName: { firstName: 'Sophia', middleName: 'Anne', surName: 'Owen' },
    });
  });

  it('setProperty sets a property, nested with a nested call', () => {
    expect(wdl(`@setProperty(json('{ "firstName": "Sophia", "surName": "Owen" }'), 'surName', 'Hartnett')`)).toEqual({ firstName: 'Sophia', surName: 'Hartnett' });
    const customer = `json('{ "customerName": { "firstName": "Sophie", "surName": "Owen" } }')`;
    expect(wdl(`@setProperty(${customer}, 'customerName', setProperty(${customer}['customerName'], 'surName', 'Hartnett'))`)).toEqual({
      customerName: { firstName: 'Sophie', surName: 'Hartnett' },
    });
  });

  it('removeProperty removes a property, or a child property of a parent', () => {
    expect(wdl(`@removeProperty(json('{ "firstName": "Sophia", "middleName": "Anne", "surName": "Owen" }'), 'middleName')`)).toEqual({
      firstName: 'Sophia',
      surName: 'Owen',
    });
    expect(wdl(`@removeProperty(json('{ "customerName": { "firstName": "Sophia", "middleName": "Anne", "surName": "Owen" } }')['customerName'], 'middleName')`)).toEqual({
      firstName: 'Sophia',
      surName: 'Owen',
    });
  });

  it.each([
    ['@coalesce(null, true, false)', true],
    ["@coalesce(null, 'hello', 'world')", 'hello'],
    ['@coalesce(null, null, null)', null],
  ])('%s is %j', (text, expected) => {
    expect(wdl(text)).toBe(expected);
  });
});

describe('coalesce (IllogicApps ManipulationFunctionsTests)', () => {
  it('treats empty values as values', () => {
    expect(wdl("@coalesce(null, '')")).toBe('');
    expect(wdl("@coalesce(null, json('[]'))")).toEqual([]);
    expect(wdl("@coalesce(null,null,null,null,null,null,null,'hi',null)")).toBe('hi');
    expect(wdl("@coalesce(triggerBody()?['a'], 'default')", { triggerBody: {} })).toBe('default');
    expect(wdlError('@coalesce()').message).toContain("The function 'coalesce' expects at least 1 argument but got 0.");
  });
});

describe('property names, order and errors (IllogicApps ManipulationFunctionsTests)', () => {
  it('addProperty appends and refuses existing names, ignoring case', () => {
    expect(Object.keys(wdl(`@addProperty(json('{"a":1,"b":2,"d":4}'),'c',3)`) as object)).toEqual(['a', 'b', 'd', 'c']);
    expect(wdl(`@addProperty(json('{"a":1}'),'',null)`)).toEqual({ a: 1, '': null });
    const error = wdlError(`@addProperty(json('{"a":1,"c":3}'),'C',3)`);
    expect(error.message).toContain("The 2nd argument of 'addProperty' names the property 'C', which already exists as 'c' in {\"a\":1,\"c\":3}. Use setProperty() to replace a property.");
  });

  it.each([
    [`@setProperty(json('{"a": 1}'), 'A', 2)`, '{"a":2}'],
    [`@setProperty(json('{"A": 1}'), 'a', 2)`, '{"A":2}'],
    [`@setProperty(json('{"a": 1, "A": 5}'), 'A', 2)`, '{"a":1,"A":2}'],
    [`@setProperty(json('{"aAa": 1, "AaA": 2}'), 'aaa', 5)`, '{"AaA":2,"aAa":5}'],
    [`@setProperty(json('{"a":1,"b":2,"c":3,"d":4}'),'c',999)`, '{"a":1,"b":2,"d":4,"c":999}'],
    [`@removeProperty(json('{"A": 1, "a": 2}'), 'a')`, '{"A":1}'],
    [`@removeProperty(json('{"aAa": 1, "AaA": 2}'), 'AAA')`, '{"AaA":2}'],
    [`@removeProperty(json('{"a": 1}'), 'missing')`, '{"a":1}'],
  ])('%s gives %s', (text, expected) => {
    expect(JSON.stringify(wdl(text))).toBe(expected);
  });

  it('works on binary envelopes, which are objects', () => {
    expect(wdl("@addProperty(binary('test'),'x',1)")).toEqual({ '$content-type': 'application/octet-stream', '$content': 'dGVzdA==', x: 1 });
  });

  it('never changes the object it is given', () => {
    const context = { variables: { o: { a: 1 } } };
    expect(wdl("@createArray(setProperty(variables('o'), 'a', 2), removeProperty(variables('o'), 'a'), variables('o'))", context)).toEqual([{ a: 2 }, {}, { a: 1 }]);
    expect(context.variables.o).toEqual({ a: 1 });
  });

  it('keeps "__proto__" as an ordinary property', () => {
    const result = wdl("@setProperty(json('{}'), '__proto__', 1)") as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });

  it.each([
    [`@addProperty(json('{}'),null,'')`, "The 2nd argument of 'addProperty' must be a string; got null."],
    [`@setProperty(json('{}'),1,1)`, "The 2nd argument of 'setProperty' must be a string; got the integer 1."],
    [`@setProperty(null,'x',1)`, "The 1st argument of 'setProperty' must be an object; got null."],
    [`@addProperty('{}','x',1)`, "The 1st argument of 'addProperty' must be an object; got the string '{}'."],
    [`@removeProperty(createArray(1,2,3),'x')`, "The 1st argument of 'removeProperty' must be an object; got an array of 3 items."],
    [`@setProperty(json('{}'),'value')`, "The function 'setProperty' expects 3 arguments but got 2."],
  ])('%s', (text, message) => {
    expect(wdlError(text).message).toContain(message);
  });
});
