import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { WdlFloat } from '../expressions/values.js';
import { contentHooks } from '../expressions/content.js';
import { callFunction } from './date-time-test-host.js';
import { ExpressionError } from './registry.js';
import { xmlFunctions } from './xml.js';

const call = (name: string, ...args: unknown[]): unknown => callFunction(xmlFunctions, name, args);

function envelope(text: string): { '$content-type': string; '$content': string } {
  return { '$content-type': 'application/xml;charset=utf-8', '$content': Buffer.from(text, 'utf8').toString('base64') };
}

/** The XML text inside an xml() result. */
function textOf(value: unknown): string {
  const content = (value as { '$content': string }).$content;
  return Buffer.from(content, 'base64').toString('utf8');
}

function errorOf(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
  throw new Error('expected an ExpressionError');
}

const ITEMS = `<?xml version="1.0"?>
<produce>
  <item>
    <name expired='true' price='12'>Gala</name>
    <type>apple</type>
    <count>20</count>
  </item>
  <item>
    <name expired='false' price='40'>Honeycrisp</name>
    <type>apple</type>
    <count>10</count>
  </item>
</produce>`;

describe('xml', () => {
  it('returns the XML content envelope (reference example 1)', () => {
    expect(call('xml', '<name>Sophia Owen</name>')).toEqual(envelope('<name>Sophia Owen</name>'));
  });

  it('converts a JSON object (reference examples 2 and 3)', () => {
    expect(textOf(call('xml', { name: 'Sophia Owen' }))).toBe('<name>Sophia Owen</name>');
    expect(textOf(call('xml', { person: { name: 'Sophia Owen', city: 'Seattle' } }))).toBe('<person><name>Sophia Owen</name><city>Seattle</city></person>');
  });

  it('normalises XML as .NET XmlDocument does', () => {
    expect(textOf(call('xml', '<root/>'))).toBe('<root />');
    expect(textOf(call('xml', "<root><a x='1'></a><b/></root>"))).toBe('<root><a x="1"></a><b /></root>');
    expect(textOf(call('xml', '<root> a <!-- b --> c </root>'))).toBe('<root> a <!-- b --> c </root>');
    expect(textOf(call('xml', '<root> <!-- a --> b <!-- c --> </root>'))).toBe('<root><!-- a --> b <!-- c --></root>');
    expect(textOf(call('xml', '<root>&#65;&amp;&lt;</root>'))).toBe('<root>A&amp;&lt;</root>');
    expect(textOf(call('xml', '<root a="o&quot;h"><![CDATA[<>&]]></root>'))).toBe('<root a="o&quot;h"><![CDATA[<>&]]></root>');
    expect(textOf(call('xml', '<?xml version="1.0" encoding="utf-8"?>\r\n<root/>'))).toBe('<?xml version="1.0" encoding="utf-8"?><root />');
    expect(textOf(call('xml', '<aaa:root xmlns:aaa="test" />'))).toBe('<aaa:root xmlns:aaa="test" />');
    expect(textOf(call('xml', '<r xml:space="preserve"> <a/> </r>'))).toBe('<r xml:space="preserve"> <a /> </r>');
  });

  it('converts JSON with attributes, text, arrays, nulls and names XML cannot hold', () => {
    expect(textOf(call('xml', { root: { '@attr': 'te">xt' } }))).toBe('<root attr="te&quot;&gt;xt" />');
    expect(textOf(call('xml', { root: { '#text': ['wow', 'wowow'], break: null } }))).toBe('<root>wowwowow<break /></root>');
    expect(textOf(call('xml', { animals: { birds: ['cheep', 'tweet'], cow: 'moo' } }))).toBe('<animals><birds>cheep</birds><birds>tweet</birds><cow>moo</cow></animals>');
    expect(textOf(call('xml', { 'ro ot': 'text' }))).toBe('<ro_x0020_ot>text</ro_x0020_ot>');
    expect(textOf(call('xml', { 'ro:ot': 'text' }))).toBe('<ot>text</ot>');
    expect(textOf(call('xml', { 'x:root': { '@xmlns:x': 'urn:x', 'x:a': 1 } }))).toBe('<x:root xmlns:x="urn:x"><x:a>1</x:a></x:root>');
    expect(textOf(call('xml', { root: { '#comment': '-->test' } }))).toBe('<root><_x0023_comment>--&gt;test</_x0023_comment></root>');
    expect(textOf(call('xml', { root: { n: 1.5, f: new WdlFloat(2), b: true, e: '' } }))).toBe('<root><n>1.5</n><f>2</f><b>true</b><e></e></root>');
    expect(textOf(call('xml', { '?xml': { '@version': '1.0', '@encoding': 'utf-8' }, root: null }))).toBe('<?xml version="1.0" encoding="utf-8"?><root />');
    expect(call('xml', {})).toEqual(envelope(''));
  });

  it('re-labels an existing content envelope as XML without reading it', () => {
    expect(call('xml', { '$content-type': 'application/octet-stream', '$content': 'PA==' })).toEqual({ '$content-type': 'application/xml;charset=utf-8', '$content': 'PA==' });
  });

  it('rejects what is not XML, saying why', () => {
    for (const [input, reason] of [
      ['some text', 'missing root element'],
      ['<one/><two/>', 'there is more than one root element'],
      ['<a><b></a>', 'Opening and ending tag mismatch'],
      ['<aaa:root />', 'namespace prefix that is not declared'],
      ['<?xml version="1.1"?><root/>', 'only version 1.0 is supported'],
      ['<?xml version="1.0" standalone="yes" encoding="ascii"?><root/>', 'xml declaration is not well-formed'],
      ['<r>&nbsp;</r>', 'entity not found'],
      ['', 'missing root element'],
    ] as const) {
      const error = errorOf(() => call('xml', input));
      expect(error.code).toBe('ArgumentValue');
      expect(error.message).toMatch(/^The 1st argument of 'xml' is not valid XML: /);
      expect(error.message).toContain(reason);
    }
  });

  it('rejects values that are neither XML text nor an object', () => {
    for (const value of [null, 42, true, ['<a/>']]) {
      const error = errorOf(() => call('xml', value));
      expect(error.code).toBe('ArgumentType');
      expect(error.message).toMatch(/^The 1st argument of 'xml' must be an XML string such as '<name>Sophia Owen<\/name>' or a JSON object/);
    }
    expect(errorOf(() => call('xml', { a: [[1]] })).message).toBe(
      "The 1st argument of 'xml' cannot be converted to XML: the property 'a' holds an array inside an array, which XML cannot represent.",
    );
    expect(errorOf(() => call('xml', { r: { '#cdata-section': ']]>' } })).message).toContain("cannot contain ']]>'");
  });
});

describe('xpath', () => {
  const items = (): unknown => call('xml', ITEMS);

  it('returns matching elements as XML values, as the service does (reference examples)', () => {
    expect(call('xpath', items(), '/produce/item/name')).toEqual([
      envelope('<name expired="true" price="12">Gala</name>'),
      envelope('<name expired="false" price="40">Honeycrisp</name>'),
    ]);
    expect(call('xpath', items(), '/produce/item/name/text()')).toEqual(['Gala', 'Honeycrisp']);
    // name[1] is the first name of each item: both match, as in any XPath 1.0 engine
    expect(call('xpath', items(), '/produce/item/name[1]')).toHaveLength(2);
    expect(call('xpath', items(), '(/produce/item/name)[last()]')).toEqual([envelope('<name expired="false" price="40">Honeycrisp</name>')]);
    expect(call('xpath', items(), "//name[@expired = 'true']/text()")).toEqual(['Gala']);
    expect(call('xpath', items(), '//name[@price>35]/text()')).toEqual(['Honeycrisp']);
    expect(call('xpath', items(), '//name[@expired]')).toHaveLength(2);
  });

  it('returns computed numbers, strings and booleans', () => {
    expect(call('xpath', items(), 'sum(/produce/item/count)')).toEqual(new WdlFloat(30));
    expect(call('xpath', items(), 'count(//item) div 4')).toBe(0.5);
    expect(call('xpath', items(), 'string(//item[2]/name)')).toBe('Honeycrisp');
    expect(call('xpath', items(), 'count(//item) > 1')).toBe(true);
    expect(call('xpath', items(), '//@price')).toEqual(['12', '40']);
    expect(call('xpath', items(), '//missing')).toEqual([]);
  });

  it('handles a default namespace with name() and local-name() (reference examples 8 and 9)', () => {
    const xml = '<?xml version="1.0"?><file xmlns="https://contoso.com"><location>Paris</location></file>';
    expect(call('xpath', xml, '/*[name()="file"]/*[name()="location"]')).toEqual([envelope('<location xmlns="https://contoso.com">Paris</location>')]);
    expect(call('xpath', call('xml', xml), '/*[local-name()="file" and namespace-uri()="https://contoso.com"]/*[local-name()="location"]')).toEqual([
      envelope('<location xmlns="https://contoso.com">Paris</location>'),
    ]);
    expect(call('xpath', xml, 'string(/*[name()="file"]/*[name()="location"])')).toBe('Paris');
  });

  it('adds the namespace declarations a matched node needs', () => {
    const xml = '<r xmlns:a="urn:a" xmlns:b="urn:b"><a:x b:y="1" z="2"><a:w/></a:x></r>';
    expect(call('xpath', xml, "//*[local-name()='x']")).toEqual([envelope('<a:x b:y="1" z="2" xmlns:a="urn:a" xmlns:b="urn:b"><a:w /></a:x>')]);
  });

  it('reports bad arguments', () => {
    expect(errorOf(() => call('xpath', 42, '/a')).code).toBe('ArgumentType');
    expect(errorOf(() => call('xpath', '<a/>', null)).message).toBe(
      "The 2nd argument of 'xpath' must be an XPath expression such as '/produce/item/name'; got null.",
    );
    expect(errorOf(() => call('xpath', '<a>', '/a')).message).toMatch(/^The 1st argument of 'xpath' is not valid XML: /);
    const badPath = errorOf(() => call('xpath', '<a/>', '//['));
    expect(badPath.code).toBe('ArgumentValue');
    expect(badPath.message).toMatch(/^The 2nd argument of 'xpath' is not a valid XPath expression: /);
    expect(errorOf(() => call('xpath', '<a/>', '//x:a')).message).toContain('Cannot resolve QName x');
    expect(errorOf(() => call('xpath', { '$content-type': 'application/xml', '$content': '!!' }, '/a')).message).toContain('not valid base64');
  });
});

describe('xml to JSON (what json(xml(...)) uses)', () => {
  const toJson = (text: string): unknown => contentHooks.xmlToJson?.(text);

  it('converts the reference examples', () => {
    expect(toJson('<?xml version="1.0"?> <root> <person id="1"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> </root>')).toEqual({
      '?xml': { '@version': '1.0' },
      root: { person: { '@id': '1', name: 'Sophia Owen', occupation: 'Engineer' } },
    });
    expect(
      toJson(
        '<?xml version="1.0"?> <root> <person id="1"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> <person id="2"> <name>John Doe</name> <occupation>Engineer</occupation> </person> </root>',
      ),
    ).toEqual({
      '?xml': { '@version': '1.0' },
      root: {
        person: [
          { '@id': '1', name: 'Sophia Owen', occupation: 'Engineer' },
          { '@id': '2', name: 'John Doe', occupation: 'Engineer' },
        ],
      },
    });
  });

  it('follows the service on empty elements, mixed text, CDATA and namespaces', () => {
    expect(toJson('<root>Testing</root>')).toEqual({ root: 'Testing' });
    expect(toJson('<a><a/>t<a/></a>')).toEqual({ a: { a: [null, null], '#text': 't' } });
    expect(toJson('<r><e></e><f/></r>')).toEqual({ r: { e: '', f: null } });
    expect(toJson('<root>      </root>')).toEqual({ root: '' });
    expect(toJson('<root><![CDATA[testing]]><![CDATA[testing2]]></root>')).toEqual({ root: { '#cdata-section': ['testing', 'testing2'] } });
    expect(toJson('<mmm:r xmlns:mmm="zzz"><mmm:x/>c</mmm:r>')).toEqual({ 'mmm:r': { '@xmlns:mmm': 'zzz', 'mmm:x': null, '#text': 'c' } });
    expect(toJson('<!DOCTYPE testing SYSTEM "path-to-dtd"><root/>')).toEqual({ '!DOCTYPE': { '@name': 'testing', '@system': 'path-to-dtd' }, root: null });
  });

  it('round-trips JSON through XML', () => {
    const json = { animals: { cow: 'moo', pig: 'oink', birds: [{ call: 'cheep' }, { call: 'tweet' }] } };
    expect(toJson(textOf(call('xml', json)))).toEqual(json);
  });
});

describe('document types', () => {
  it('are written back as .NET writes them', () => {
    expect(textOf(call('xml', '<!DOCTYPE testing SYSTEM "path-to-dtd"><root/>'))).toBe('<!DOCTYPE testing SYSTEM "path-to-dtd"><root />');
    expect(textOf(call('xml', '<!DOCTYPE testing [<!ELEMENT root (#PCDATA)>]><root>x</root>'))).toBe('<!DOCTYPE testing [<!ELEMENT root (#PCDATA)>]><root>x</root>');
    expect(textOf(call('xml', { '!DOCTYPE': { '@name': 'a', '@system': 'b.dtd' }, a: 'x' }))).toBe('<!DOCTYPE a SYSTEM "b.dtd"><a>x</a>');
  });
});
