// Every function of the library at its edges: null, empty values, wrong types, values out
// of range and wrong argument counts. Each row gives the value or the error code; an error
// must name the function. A function added to the library without rows here fails the
// last test, so none is left unchecked.
import { describe, expect, it } from 'vitest';
import { functionNames } from './library.js';
import { wdl, wdlError } from '../expressions/test-kit.js';

type Outcome = { value: unknown } | { code: string };
const is = (value: unknown): Outcome => ({ value });
const T: Outcome = { code: 'ArgumentType' };
const V: Outcome = { code: 'ArgumentValue' };
const C: Outcome = { code: 'ArgumentCount' };
const X: Outcome = { code: 'ArithmeticError' };
const N: Outcome = { code: 'NotFound' };
const A: Outcome = { code: 'NotAvailable' };

const context = {
  variables: { s: 'x', list: [1, 2] },
  parameters: { p: 1 },
  triggerBody: { a: 1 },
  triggerOutputs: { body: { a: 1 }, headers: {} },
  actions: { Get: { status: 'Succeeded', outputs: { body: { b: 2 } } } },
  items: { Loop: 5 },
  results: { Scope: [] },
};

const EMPTY = "json('[]')";

const cases: Record<string, Array<[string, Outcome]>> = {
  // string functions
  concat: [['concat(null)', is('')], ["concat('a', null, 1)", is('a1')], ['concat()', C]],
  endsWith: [["endsWith(null, 'a')", T], ["endsWith('', '')", is(true)], ["endsWith('abc', 1)", T]],
  formatNumber: [["formatNumber(null, 'N')", T], ['formatNumber(1, null)', T], ["formatNumber('1', 'N')", T], ["formatNumber(1, 'Q')", V], ["formatNumber(1, 'N', 'xx-nope')", V], ["formatNumber(1.5, 'D')", V]],
  guid: [['guid(null)', T], ['guid(1)', T], ["guid('')", V], ["guid('N', 'D')", C]],
  indexOf: [["indexOf(null, 'a')", T], ["indexOf('', '')", is(0)], ["indexOf('abc', 'z')", is(-1)]],
  isFloat: [['isFloat(null)', T], ["isFloat('')", is(false)], ['isFloat(1.5)', T]],
  isInt: [['isInt(null)', T], ["isInt('')", is(false)], ['isInt(1)', T]],
  lastIndexOf: [["lastIndexOf('abc', null)", T], ["lastIndexOf('', 'a')", is(-1)], ["lastIndexOf(1, 'a')", T]],
  length: [['length(null)', T], ["length('')", is(0)], [`length(${EMPTY})`, is(0)], ['length(1)', T], ["length(json('{}'))", T]],
  nthIndexOf: [["nthIndexOf('abc', 'b', null)", T], ["nthIndexOf('', 'a', 1)", is(-1)], ["nthIndexOf('abc', 'b', 0)", V], ["nthIndexOf('abc', 'b', 1.5)", T]],
  replace: [["replace(null, 'a', 'b')", T], ["replace('', 'a', 'b')", is('')], ["replace('abc', '', 'x')", V], ["replace('abc', 'b', null)", T]],
  slice: [["slice(null, 1)", T], ["slice('', 0)", is('')], ["slice('abc', 99)", is('')], ["slice('abc', null)", T]],
  split: [["split(null, ',')", T], ["split('', ',')", is([''])], ["split('a,b', null)", T]],
  startsWith: [["startsWith('abc', null)", T], ["startsWith('', '')", is(true)], ['startsWith(1, 1)', T]],
  substring: [['substring(null, 0)', T], ["substring('', 0)", is('')], ["substring('abc', 4)", V], ["substring('abc', 1, 5)", V], ["substring('abc', -1)", V], ["substring('abc', null)", T]],
  toLower: [['toLower(null)', T], ["toLower('')", is('')], ['toLower(1)', T]],
  toUpper: [['toUpper(null)', T], ["toUpper('')", is('')], ['toUpper(1)', T]],
  trim: [['trim(null)', T], ["trim('  ')", is('')], ['trim(1)', T]],
  // collection functions
  chunk: [['chunk(null, 1)', T], ["chunk('', 1)", is([])], [`chunk(${EMPTY}, 2)`, is([])], ["chunk('abc', 0)", V], ["chunk(json('{}'), 1)", T]],
  contains: [["contains(null, 'a')", T], ["contains('abc', null)", T], ['contains(createArray(null), null)', is(true)], ["contains(json('{}'), 'a')", is(false)], ['contains(1, 1)', T]],
  empty: [['empty(null)', is(true)], ["empty('')", is(true)], [`empty(${EMPTY})`, is(true)], ["empty(json('{}'))", is(true)], ['empty(1)', T]],
  first: [['first(null)', T], ["first('')", is('')], [`first(${EMPTY})`, is(null)], ["first(json('{}'))", T]],
  intersection: [[`intersection(null, ${EMPTY})`, T], [`intersection(createArray(1), ${EMPTY})`, is([])], ["intersection('ab', 'a')", T], [`intersection(${EMPTY})`, C]],
  join: [["join(null, ',')", T], ["join(createArray('a'), null)", T], [`join(${EMPTY}, ',')`, is('')], ["join('abc', ',')", T]],
  last: [['last(null)', T], ["last('')", is('')], [`last(${EMPTY})`, is(null)], ['last(1)', T]],
  reverse: [['reverse(null)', T], [`reverse(${EMPTY})`, is([])], ["reverse('abc')", T]],
  skip: [['skip(null, 1)', T], ['skip(createArray(1), 5)', is([])], ['skip(createArray(1), -1)', V], ['skip(createArray(1), null)', T]],
  sort: [['sort(null)', T], [`sort(${EMPTY})`, is([])], ['sort(createArray(1), null)', T], ["sort(createArray(1, 'a'))", T]],
  take: [['take(null, 1)', T], ['take(createArray(1, 2), 5)', is([1, 2])], ["take('ab', -1)", V], ["take(json('{}'), 1)", T]],
  union: [[`union(null, ${EMPTY})`, T], [`union(${EMPTY}, ${EMPTY})`, is([])], ["union(createArray(1), json('{}'))", T], [`union(${EMPTY})`, C]],
  // logical comparison functions
  and: [['and(null)', T], ["and(true, 'true')", T], ['and()', C]],
  equals: [['equals(null, null)', is(true)], ["equals(null, '')", is(false)], [`equals(${EMPTY}, ${EMPTY})`, is(true)], ['equals(1)', C]],
  greater: [['greater(null, null)', is(false)], ["greater('b', null)", is(true)], ["greater(json('{}'), json('{}'))", T], ["greater(1, '0')", T]],
  greaterOrEquals: [['greaterOrEquals(1, null)', T], ["greaterOrEquals('', '')", is(true)], ['greaterOrEquals(createArray(1), 1)', T]],
  if: [['if(null, 1, 2)', T], ["if('true', 1, 2)", T], ['if(true, 1)', C]],
  less: [['less(null, 1)', T], ["less('', 'a')", is(true)], ['less(true, false)', T]],
  lessOrEquals: [["lessOrEquals(null, '')", is(true)], ['lessOrEquals(true, 1)', T]],
  not: [['not(null)', T], ["not('false')", T], ['not(true, false)', C]],
  or: [['or(null)', T], ['or(false, 0)', T], ['or()', C]],
  // conversion functions
  array: [['array(null)', is([null])], ["array('')", is([''])], ['array(1, 2)', C]],
  base64: [['base64(null)', T], ["base64('')", is('')], [`base64(${EMPTY})`, is('W10=')]],
  base64ToBinary: [['base64ToBinary(null)', T], ["base64ToBinary('')", is({ '$content-type': 'application/octet-stream', '$content': '' })], ["base64ToBinary('a')", V]],
  base64ToString: [['base64ToString(null)', T], ["base64ToString('')", is('')], ["base64ToString('%%')", V], ['base64ToString(1)', T]],
  binary: [['binary(null)', T], ["binary('')", is({ '$content-type': 'application/octet-stream', '$content': '' })], ['binary()', C]],
  bool: [['bool(null)', T], ["bool('')", V], ["bool('yes')", V], ['bool(0.0)', is(false)], ['bool(createArray(1))', T]],
  createArray: [['createArray(null)', is([null])], ["createArray('')", is([''])], ['createArray()', C]],
  dataUri: [['dataUri(null)', T], ["dataUri('')", is('data:text/plain;charset=utf-8;base64,')]],
  dataUriToBinary: [['dataUriToBinary(null)', T], ["dataUriToBinary('')", V], ["dataUriToBinary('x')", V]],
  dataUriToString: [['dataUriToString(null)', T], ["dataUriToString('')", V], ["dataUriToString('data:,')", is('')]],
  decimal: [['decimal(null)', T], ["decimal('')", V], ["decimal('1e400')", V], ['decimal(true)', T]],
  decodeBase64: [['decodeBase64(null)', T], ["decodeBase64('')", is('')], ["decodeBase64('a')", V]],
  decodeDataUri: [['decodeDataUri(null)', T], ["decodeDataUri('nope')", V]],
  decodeUriComponent: [['decodeUriComponent(null)', T], ["decodeUriComponent('')", is('')], ["decodeUriComponent('%E0%A4%A')", is('%E0%A4%A')]],
  encodeUriComponent: [['encodeUriComponent(null)', T], ["encodeUriComponent('')", is('')], ['encodeUriComponent(createArray(1))', T]],
  float: [['float(null)', T], ["float('')", V], ["float('abc')", V], ['float(true)', T]],
  int: [['int(null)', T], ["int('')", V], ["int('9223372036854775808')", V], ['int(1.5)', V], ['int(true)', T]],
  json: [['json(null)', is({})], ["json('')", V], ["json('null')", is(null)], ['json(1)', T], ['json(createArray(1))', T]],
  string: [['string(null)', is('')], ["string('')", is('')], [`string(${EMPTY})`, is('[]')], ['string()', C]],
  uriComponent: [['uriComponent(null)', T], ["uriComponent('')", is('')], ['uriComponent(1)', is('1')]],
  uriComponentToBinary: [['uriComponentToBinary(null)', T], ["uriComponentToBinary('')", is({ '$content-type': 'application/octet-stream', '$content': '' })]],
  uriComponentToString: [['uriComponentToString(null)', T], ["uriComponentToString('')", is('')], ["uriComponentToString('%')", is('%')]],
  xml: [['xml(null)', T], ["xml('')", V], ["xml('<a>')", V], ['xml(createArray(1))', T]],
  // math functions
  add: [['add(null, 1)', T], ['add(1.5, null)', T], ["add('1', 2)", T], ['add(9223372036854775807, 1)', X], ['add(1)', C]],
  div: [['div(null, 1)', T], ["div(1, '2')", T], ['div(1, 0)', X], ['div(1, 0.0)', X]],
  max: [['max(null)', T], ['max(1, null)', T], [`max(${EMPTY})`, V], ["max(createArray('a'))", T], ['max()', C]],
  min: [['min(null)', T], [`min(${EMPTY})`, V], ["min(1, 'a')", T]],
  mod: [['mod(null, 1)', T], ['mod(1, 0)', X], ['mod(7, -2)', is(1)]],
  mul: [['mul(null, 1)', T], ['mul(1, true)', T], ['mul(9223372036854775807, 2)', X]],
  rand: [['rand(null, 1)', T], ['rand(1.5, 2)', T], ['rand(5, 4)', V], ['rand(5, 5)', is(5)]],
  range: [['range(null, 1)', T], ['range(1, 1.5)', T], ['range(0, 0)', is([])], ['range(0, -1)', V], ['range(0, 100001)', V], ['range(2147483647, 2)', V]],
  sub: [['sub(null, 1)', T], ["sub('1', 1)", T], ['sub(-9223372036854775808, 1)', X]],
  // date and time functions
  addDays: [['addDays(null, 1)', T], ["addDays('2018-01-01', null)", T], ["addDays('', 1)", V], ["addDays('2018-01-01', 1.5)", T], ["addDays('9999-12-31', 1)", V]],
  addHours: [["addHours(null, 1)", T], ["addHours('2018-01-01', 1, null)", is('2018-01-01T01:00:00.0000000')], ["addHours('2018-01-01', 1, 'Q')", V]],
  addMinutes: [['addMinutes(null, 1)', T], ["addMinutes('nope', 1)", V]],
  addSeconds: [['addSeconds(null, 1)', T], ["addSeconds('2018-01-01', 9223372036854775807)", V]],
  addToTime: [['addToTime(null, 1, \'Day\')', T], ["addToTime('2018-01-01', 1, null)", T], ["addToTime('2018-01-01', 1, 'Fortnight')", V]],
  convertFromUtc: [["convertFromUtc(null, 'UTC')", T], ["convertFromUtc('2018-01-01', null)", T], ["convertFromUtc('2018-01-01', 'Mars Standard Time')", V]],
  convertTimeZone: [["convertTimeZone(null, 'UTC', 'UTC')", T], ["convertTimeZone('2018-01-01', 'UTC', '')", V], ["convertTimeZone('2018-03-25T02:30:00', 'W. Europe Standard Time', 'UTC')", V]],
  convertToUtc: [["convertToUtc(null, 'UTC')", T], ["convertToUtc('2018-01-01', 'nope')", V]],
  dateDifference: [["dateDifference(null, '2018-01-01')", T], ["dateDifference('2018-01-01', 'x')", V], ["dateDifference('2018-01-01', '2018-01-01')", is('00:00:00')]],
  dayOfMonth: [['dayOfMonth(null)', T], ["dayOfMonth('')", V]],
  dayOfWeek: [['dayOfWeek(null)', T], ['dayOfWeek(1)', T]],
  dayOfYear: [['dayOfYear(null)', T], ["dayOfYear('')", V]],
  formatDateTime: [['formatDateTime(null)', T], ["formatDateTime('2018-13-45')", V], ["formatDateTime('2018-01-01', 'yyyy', null)", is('2018')], ["formatDateTime('2018-01-01', 'yyyy', 'xx-nope')", V]],
  getFutureTime: [["getFutureTime(null, 'Day')", T], ["getFutureTime(1, '')", V], ["getFutureTime(99999999, 'Year')", V]],
  getPastTime: [["getPastTime(null, 'Day')", T], ['getPastTime(1, null)', T], ["getPastTime(99999999, 'Year')", V]],
  parseDateTime: [['parseDateTime(null)', T], ["parseDateTime('')", V], ["parseDateTime('2018-01-01', 'xx-nope')", V], ["parseDateTime('2018', 'en-US', 'dd/MM')", V]],
  startOfDay: [['startOfDay(null)', T], ["startOfDay('x')", V]],
  startOfHour: [['startOfHour(null)', T], ["startOfHour('x')", V]],
  startOfMonth: [['startOfMonth(null)', T], ["startOfMonth('2018-01-01', 1)", T]],
  subtractFromTime: [["subtractFromTime(null, 1, 'Day')", T], ["subtractFromTime('0001-01-01T00:00:00Z', 1, 'Day')", V]],
  ticks: [['ticks(null)', T], ["ticks('')", V], ["ticks('0001-01-01T00:00:00Z')", is(0)]],
  utcNow: [['utcNow(null)', is('2018-03-01T00:00:00.0000000Z')], ['utcNow(1)', T], ["utcNow('X')", V]],
  // workflow functions
  action: [['action()', A], ["action('x')", C]],
  actionBody: [['actionBody(null)', T], ["actionBody('Missing')", N], ["actionBody('get')", is({ b: 2 })]],
  actionOutputs: [['actionOutputs(1)', T], ["actionOutputs('Missing')", N]],
  actions: [['actions(null)', T], ["actions('')", N], ["actions('GET').status", is('Succeeded')]],
  agentParameters: [["agentParameters('x')", A], ['agentParameters(null)', T]],
  appsetting: [['appsetting(null)', T], ["appsetting('missing')", is(null)]],
  body: [['body(null)', T], ["body('Missing')", N]],
  formDataMultiValues: [["formDataMultiValues('Get', null)", T], ["formDataMultiValues('Missing', 'x')", N]],
  formDataValue: [["formDataValue('Get', null)", T], ["formDataValue('Get', 'x')", N]],
  item: [["item('x')", C]],
  items: [['items(null)', T], ["items('Nope')", N], ["items('loop')", is(5)]],
  iterationIndexes: [['iterationIndexes(null)', T], ["iterationIndexes('U')", N]],
  listCallbackUrl: [['listCallbackUrl()', A], ["listCallbackUrl('x')", C]],
  multipartBody: [["multipartBody('Get', null)", T], ["multipartBody('Missing', 0)", N]],
  outputs: [['outputs(null)', T], ["outputs('')", N]],
  parameters: [['parameters(null)', T], ["parameters('nope')", N], ["parameters('P')", is(1)]],
  result: [['result(null)', T], ["result('Nope')", N], ["result('scope')", is([])]],
  trigger: [["trigger('x')", C]],
  triggerBody: [["triggerBody('x')", C]],
  triggerFormDataMultiValues: [['triggerFormDataMultiValues(null)', T]],
  triggerFormDataValue: [['triggerFormDataValue(null)', T], ["triggerFormDataValue('missing')", N]],
  triggerMultipartBody: [['triggerMultipartBody(null)', T], ['triggerMultipartBody(0)', T]],
  triggerOutputs: [["triggerOutputs('x')", C]],
  variables: [['variables(null)', T], ["variables('missing')", N], ["variables('S')", is('x')]],
  workflow: [["workflow('x')", C]],
  // URI parsing functions
  uriHost: [['uriHost(null)', T], ["uriHost('')", V], ["uriHost('/relative')", V]],
  uriPath: [['uriPath(null)', T], ["uriPath('/relative/path')", V], ["uriPath('https://a.example')", is('/')]],
  uriPathAndQuery: [['uriPathAndQuery(null)', T], ["uriPathAndQuery('')", V]],
  uriPort: [['uriPort(null)', T], ["uriPort('')", V], ["uriPort('ftp://a.example')", is(21)]],
  uriQuery: [['uriQuery(1)', T], ["uriQuery('https://a.example')", is('')]],
  uriScheme: [['uriScheme(null)', T], ["uriScheme('')", V]],
  // manipulation functions
  addProperty: [["addProperty(null, 'a', 1)", T], ["addProperty(json('{\"a\":1}'), 'A', 2)", V], ["addProperty(json('{}'), null, 1)", T], ["addProperty(json('{}'), 'a', null)", is({ a: null })]],
  coalesce: [['coalesce(null)', is(null)], ["coalesce(null, '')", is('')], ['coalesce()', C]],
  removeProperty: [["removeProperty(null, 'a')", T], ["removeProperty(json('{\"a\":1}'), 'b')", is({ a: 1 })], ["removeProperty(json('{}'), 1)", T]],
  setProperty: [["setProperty(null, 'a', 1)", T], ["setProperty(json('{\"a\":1}'), 'A', null)", is({ a: null })], ["setProperty(createArray(1), 'a', 1)", T]],
  xpath: [["xpath(null, '/a')", T], ["xpath('<a/>', null)", T], ["xpath('<a/>', '')", V], ["xpath('<a/>', '//b')", is([])], ["xpath('<a', '/a')", V]],
};

describe.each(Object.entries(cases))('%s at its edges', (name, rows) => {
  it.each(rows)('@%s', (expression, outcome) => {
    if ('value' in outcome) {
      expect(wdl(`@${expression}`, context)).toEqual(outcome.value);
      return;
    }
    const error = wdlError(`@${expression}`, context);
    expect(error.code, error.message).toBe(outcome.code);
    // The message names the function that failed (or, for a count error, the function called).
    expect(error.message.toLowerCase()).toContain(name.toLowerCase());
  });
});

it('covers every function of the library, each with at least one error', () => {
  expect(Object.keys(cases).sort()).toEqual([...functionNames()].sort());
  for (const [name, rows] of Object.entries(cases)) {
    expect(rows.some(([, outcome]) => 'code' in outcome), `${name} has no error case`).toBe(true);
  }
});
