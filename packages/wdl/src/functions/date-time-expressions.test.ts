// Dates, numbers and XML through the whole expression language: parsed, evaluated and
// turned into JSON as a flow sees them.
import { describe, expect, it } from 'vitest';
import { createJsonHost, evaluateExpression, evaluateTemplate, ExpressionError } from '../index.js';

const host = createJsonHost(
  { parameters: { items: '<produce><item><name>Gala</name><count>20</count></item><item><name>Honeycrisp</name><count>10</count></item></produce>' } },
  { now: () => new Date('2018-04-15T13:00:00Z') },
);
const run = (expression: string): unknown => evaluateExpression(expression.replace(/^@/, ''), host);

describe('date and time expressions', () => {
  it('evaluates date functions by any casing, nested in other calls', () => {
    expect(run("@formatDateTime('2018-03-15T13:27:36Z', 'yyyy-MM-dd')")).toBe('2018-03-15');
    expect(run("@FORMATDATETIME(addDays(utcNow(), 1), 'D')")).toBe('Monday, April 16, 2018');
    expect(run("@dayOfWeek(startOfMonth(utcNow()))")).toBe(0);
    expect(run("@convertFromUtc(utcNow(), 'W. Europe Standard Time', 'HH:mm')")).toBe('15:00');
  });

  it('interpolates dates into text', () => {
    expect(evaluateTemplate('Report for @{formatDateTime(getPastTime(1, \'Day\'), \'dd MMM yyyy\')}', host)).toBe('Report for 14 Apr 2018');
  });

  it('returns ticks as a JSON number', () => {
    expect(run("@ticks('2018-01-01T00:00:00Z')")).toBe(636503616000000000);
  });

  it('fails with the function, the argument and the reason', () => {
    try {
      run("@formatDateTime('not a date')");
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).code).toBe('ArgumentValue');
      expect((error as ExpressionError).message).toContain("The 1st argument of 'formatDateTime' is not a valid timestamp: 'not a date'");
    }
  });
});

describe('formatNumber and XML expressions', () => {
  it('formats numbers from literals and arithmetic', () => {
    expect(run("@formatNumber(1234567890, '0,0.00', 'is-is')")).toBe('1.234.567.890,00');
    expect(run("@formatNumber(div(1, 3.0), 'P1')")).toBe('33.3%');
    expect(run("@formatNumber(decimal('1234.5'), 'C', 'de-DE')")).toBe('1.234,50 €');
  });

  it('runs xpath over xml() of a parameter', () => {
    expect(run("@xpath(xml(parameters('items')), 'sum(/produce/item/count)')")).toBe(30);
    expect(run("@string(first(xpath(xml(parameters('items')), '/produce/item/name')))")).toBe('<name>Gala</name>');
    expect(run("@json(last(xpath(xml(parameters('items')), '/produce/item/name')))")).toEqual({ name: 'Honeycrisp' });
    expect(run("@first(xpath(xml(parameters('items')), '//name/text()'))")).toBe('Gala');
  });

  it('converts between JSON and XML', () => {
    expect(run("@json(xml('<root><person id=\"1\"><name>Sophia</name></person></root>'))")).toEqual({ root: { person: { '@id': '1', name: 'Sophia' } } });
    expect(run("@xml(json('{\"name\": \"Sophia Owen\"}'))")).toEqual({
      '$content-type': 'application/xml;charset=utf-8',
      '$content': Buffer.from('<name>Sophia Owen</name>').toString('base64'),
    });
    expect(evaluateTemplate("@{xml('<a><b/></a>')}", host)).toBe('<a><b /></a>');
  });
});

describe('bad XML inside json()', () => {
  it('fails as an expression error that says what is wrong', () => {
    try {
      run("@json(xml(binary('<a>')))");
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).code).toBe('ArgumentValue');
      expect((error as ExpressionError).message).toMatch(/^The XML given to json\(\) is not well-formed: /);
    }
  });
});
