// json(xml(...)): XML as JSON the way the service converts it (Newtonsoft's
// SerializeXmlNode rules). An element with only text becomes a string; one written <e/>
// becomes null and <e></e> an empty string; otherwise an object with "@attribute" members,
// child elements by name (an array when a name repeats), "#text" and "#cdata-section".
// The declaration and document type appear as "?xml" and "!DOCTYPE". Comments are left out.
import type { Element, Node } from '@xmldom/xmldom';
import { setOwn } from '../expressions/values.js';
import { parseXml } from './xml-parse.js';
import { declarationFields, doctypeFields } from './xml-serialize.js';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PROCESSING_INSTRUCTION = 7;
const COMMENT = 8;
const DOCUMENT_TYPE = 10;

function addMember(target: Record<string, unknown>, key: string, value: unknown): void {
  if (!Object.prototype.hasOwnProperty.call(target, key)) {
    setOwn(target, key, value);
    return;
  }
  const existing = target[key];
  if (Array.isArray(existing)) existing.push(value);
  else setOwn(target, key, [existing, value]);
}

function elementValue(element: Element, selfClosing: WeakSet<Node>): unknown {
  const attributes = Array.from(element.attributes);
  const children = Array.from(element.childNodes).filter((c) => c.nodeType !== COMMENT);
  if (attributes.length === 0) {
    if (element.childNodes.length === 0) return selfClosing.has(element) ? null : '';
    if (children.length === 1 && children[0]?.nodeType === TEXT) return children[0].nodeValue ?? '';
  }
  const object: Record<string, unknown> = {};
  for (const attribute of attributes) addMember(object, `@${attribute.name}`, attribute.value);
  for (const child of children) {
    switch (child.nodeType) {
      case ELEMENT:
        addMember(object, child.nodeName, elementValue(child as Element, selfClosing));
        break;
      case TEXT:
        addMember(object, '#text', child.nodeValue ?? '');
        break;
      case CDATA:
        addMember(object, '#cdata-section', child.nodeValue ?? '');
        break;
      case PROCESSING_INSTRUCTION:
        addMember(object, `?${child.nodeName}`, (child as unknown as { data: string }).data ?? '');
        break;
    }
  }
  return object;
}

/** Converts XML text to JSON; throws XmlSyntaxError when the text is not well-formed XML. */
export function xmlToJson(text: string): Record<string, unknown> {
  const { document, selfClosing } = parseXml(text);
  const result: Record<string, unknown> = {};
  for (const node of Array.from(document.childNodes)) {
    if (node.nodeType === PROCESSING_INSTRUCTION && node.nodeName === 'xml') {
      const fields = declarationFields((node as unknown as { data: string }).data ?? '');
      const declaration: Record<string, unknown> = { '@version': fields.version };
      if (fields.encoding !== undefined) declaration['@encoding'] = fields.encoding;
      if (fields.standalone !== undefined) declaration['@standalone'] = fields.standalone;
      result['?xml'] = declaration;
    } else if (node.nodeType === DOCUMENT_TYPE) {
      const doctype = doctypeFields(node);
      const value: Record<string, unknown> = { '@name': doctype.name };
      if (doctype.publicId) value['@public'] = doctype.publicId;
      if (doctype.systemId) value['@system'] = doctype.systemId;
      if (doctype.internalSubset) value['@internalSubset'] = doctype.internalSubset;
      result['!DOCTYPE'] = value;
    } else if (node.nodeType === ELEMENT) {
      addMember(result, node.nodeName, elementValue(node as Element, selfClosing));
    } else if (node.nodeType === PROCESSING_INSTRUCTION) {
      addMember(result, `?${node.nodeName}`, (node as unknown as { data: string }).data ?? '');
    }
  }
  return result;
}
