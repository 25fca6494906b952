// xml(object): a JSON object written as XML the way the service converts it. Each member
// becomes an element; "@name" members become attributes, "#text" text, "#cdata-section"
// CDATA; an array repeats its element; null is an empty element; "?xml" and "!DOCTYPE" at
// the top become the declaration and the document type. Names that are not valid XML are
// encoded as .NET's XmlConvert.EncodeName does ("ro ot" → "ro_x0020_ot"), and a prefix
// that no "@xmlns:prefix" declares is dropped ("ro:ot" → "ot"), as the service does.
import { WdlDecimal, WdlFloat, isPlainObject } from '../expressions/values.js';
import { declaration, doctypeText, escapeAttribute, escapeText } from './xml-serialize.js';

export class XmlConversionError extends Error {
  override readonly name = 'XmlConversionError';
}

const NAME_START_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a], [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x2ff], [0x370, 0x37d], [0x37f, 0x1fff],
  [0x200c, 0x200d], [0x2070, 0x218f], [0x2c00, 0x2fef], [0x3001, 0xd7ff], [0xd800, 0xdfff], [0xf900, 0xfdcf], [0xfdf0, 0xfffd],
];
const NAME_CHAR_RANGES: ReadonlyArray<readonly [number, number]> = [[0x2d, 0x2e], [0x30, 0x39], [0xb7, 0xb7], [0x300, 0x36f], [0x203f, 0x2040]];

function inRanges(code: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  return ranges.some(([low, high]) => code >= low && code <= high);
}

/** XML's NameStartChar and NameChar (surrogate halves pass, so characters beyond U+FFFF are kept). */
function isNameChar(code: number, first: boolean): boolean {
  return inRanges(code, NAME_START_RANGES) || (!first && inRanges(code, NAME_CHAR_RANGES));
}

export function encodeName(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    out += isNameChar(code, i === 0) ? name[i] : `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
  }
  return out;
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof WdlFloat) return String(value.value);
  if (value instanceof WdlDecimal) return value.toString();
  if (value === null || value === undefined) return '';
  throw new XmlConversionError('an attribute or text value must be a string, number or boolean, not an object or array.');
}

function qualifiedName(key: string, prefixes: ReadonlySet<string>): string {
  if (key === '') throw new XmlConversionError('a property with an empty name cannot become an XML element.');
  const colon = key.indexOf(':');
  if (colon <= 0) return encodeName(key);
  const prefix = key.slice(0, colon);
  const local = key.slice(colon + 1);
  return prefixes.has(prefix) ? `${encodeName(prefix)}:${encodeName(local)}` : encodeName(local);
}

function writeMembers(object: Record<string, unknown>, prefixes: ReadonlySet<string>, out: string[]): void {
  for (const [key, value] of Object.entries(object)) {
    if (key.startsWith('@')) continue; // attributes are written by the element
    if (key === '#text' || key === '#whitespace' || key === '#significant-whitespace') {
      for (const item of Array.isArray(value) ? value : [value]) out.push(escapeText(scalarText(item)));
    } else if (key === '#cdata-section') {
      for (const item of Array.isArray(value) ? value : [value]) {
        const text = scalarText(item);
        if (text.includes(']]>')) throw new XmlConversionError("a '#cdata-section' value cannot contain ']]>'.");
        out.push(`<![CDATA[${text}]]>`);
      }
    } else {
      writeElement(key, value, prefixes, out);
    }
  }
}

function writeElement(key: string, value: unknown, prefixes: ReadonlySet<string>, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (Array.isArray(item)) throw new XmlConversionError(`the property '${key}' holds an array inside an array, which XML cannot represent.`);
      writeElement(key, item, prefixes, out);
    }
    return;
  }
  if (!isPlainObject(value)) {
    const name = qualifiedName(key, prefixes);
    if (value === null || value === undefined) out.push(`<${name} />`);
    else out.push(`<${name}>${escapeText(scalarText(value))}</${name}>`);
    return;
  }
  const scoped = new Set(prefixes);
  for (const attribute of Object.keys(value)) {
    if (attribute.startsWith('@xmlns:')) scoped.add(attribute.slice('@xmlns:'.length));
  }
  const name = qualifiedName(key, scoped);
  let start = `<${name}`;
  for (const [attribute, attributeValue] of Object.entries(value)) {
    if (!attribute.startsWith('@')) continue;
    const attributeName = attribute.startsWith('@xmlns') ? attribute.slice(1) : qualifiedName(attribute.slice(1), scoped);
    start += ` ${attributeName}="${escapeAttribute(scalarText(attributeValue))}"`;
  }
  const children: string[] = [];
  writeMembers(value, scoped, children);
  out.push(children.length === 0 ? `${start} />` : `${start}>${children.join('')}</${name}>`);
}

/** The XML text for a JSON object (empty for {}). */
export function jsonToXml(object: Record<string, unknown>): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (key === '?xml' && isPlainObject(value)) {
      const field = (name: string): string | undefined => (value[name] === undefined ? undefined : scalarText(value[name]));
      out.push(declaration({ version: field('@version') ?? '1.0', encoding: field('@encoding'), standalone: field('@standalone') }));
    } else if (key === '!DOCTYPE' && isPlainObject(value)) {
      const field = (name: string): string => (value[name] === undefined ? '' : scalarText(value[name]));
      out.push(doctypeText({ name: field('@name'), publicId: field('@public'), systemId: field('@system'), internalSubset: field('@internalSubset') }));
    } else if (key.startsWith('@')) {
      throw new XmlConversionError(`the top-level property '${key}' would be an attribute, but the top level can only hold elements.`);
    } else {
      writeMembers({ [key]: value }, new Set(), out);
    }
  }
  return out.join('');
}
