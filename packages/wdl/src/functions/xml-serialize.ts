// Writing XML back out as .NET's XmlNode.OuterXml does, so xml() and xpath() produce the
// same text as the service: no indentation, double-quoted attributes, "<e />" for elements
// written empty, the XML declaration rebuilt from its fields, and namespace declarations
// added where a node (an xpath() match, say) uses a namespace its ancestors declared.
import type { Attr, Element, Node } from '@xmldom/xmldom';

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const PROCESSING_INSTRUCTION = 7;
const COMMENT = 8;
const DOCUMENT = 9;
const DOCUMENT_TYPE = 10;

export function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"\t\n\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case '\t':
        return '&#x9;';
      case '\n':
        return '&#xA;';
      default:
        return '&#xD;';
    }
  });
}

/** `<?xml version="1.0" encoding="utf-8"?>` from the declaration's own fields. */
export function declaration(fields: { version: string; encoding?: string; standalone?: string }): string {
  let text = `<?xml version="${fields.version}"`;
  if (fields.encoding) text += ` encoding="${fields.encoding}"`;
  if (fields.standalone) text += ` standalone="${fields.standalone}"`;
  return `${text}?>`;
}

export function declarationFields(data: string): { version: string; encoding?: string; standalone?: string } {
  const field = (name: string): string | undefined => new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(data)?.slice(1).find((v) => v !== undefined);
  return { version: field('version') ?? '1.0', encoding: field('encoding'), standalone: field('standalone') };
}

export interface DoctypeFields {
  name: string;
  publicId: string;
  systemId: string;
  internalSubset: string;
}

/** A document type's parts without the quotes the parser leaves on the ids. */
export function doctypeFields(node: Node): DoctypeFields {
  const doctype = node as unknown as { name?: string; publicId?: string; systemId?: string; internalSubset?: string };
  const unquote = (text: string | undefined): string => (text ?? '').replace(/^(["'])(.*)\1$/s, '$2');
  return { name: doctype.name ?? '', publicId: unquote(doctype.publicId), systemId: unquote(doctype.systemId), internalSubset: doctype.internalSubset ?? '' };
}

/** As .NET's XmlWriter.WriteDocType writes it: a space stands in for absent ids. */
export function doctypeText(fields: DoctypeFields): string {
  let text = `<!DOCTYPE ${fields.name}`;
  if (fields.publicId) text += ` PUBLIC "${fields.publicId}" "${fields.systemId}"`;
  else if (fields.systemId) text += ` SYSTEM "${fields.systemId}"`;
  else text += ' ';
  if (fields.internalSubset) text += `[${fields.internalSubset}]`;
  return `${text}>`;
}

/** OuterXml of a node; `selfClosing` holds the elements that were written <e/>. */
export function serializeXml(node: Node, selfClosing: WeakSet<Node>): string {
  const out: string[] = [];
  write(node, selfClosing, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), out);
  return out.join('');
}

function write(node: Node, selfClosing: WeakSet<Node>, scope: Map<string, string>, out: string[]): void {
  switch (node.nodeType) {
    case DOCUMENT:
      for (const child of Array.from(node.childNodes)) write(child, selfClosing, scope, out);
      return;
    case ELEMENT:
      writeElement(node as Element, selfClosing, scope, out);
      return;
    case TEXT:
      out.push(escapeText(node.nodeValue ?? ''));
      return;
    case CDATA:
      out.push(`<![CDATA[${node.nodeValue ?? ''}]]>`);
      return;
    case COMMENT:
      out.push(`<!--${node.nodeValue ?? ''}-->`);
      return;
    case PROCESSING_INSTRUCTION: {
      const data = (node as unknown as { data: string }).data ?? '';
      if (node.nodeName === 'xml') out.push(declaration(declarationFields(data)));
      else out.push(data ? `<?${node.nodeName} ${data}?>` : `<?${node.nodeName}?>`);
      return;
    }
    case DOCUMENT_TYPE:
      out.push(doctypeText(doctypeFields(node)));
      return;
    default:
      // An attribute matched on its own: its value.
      out.push(escapeText(node.nodeValue ?? ''));
  }
}

function writeElement(element: Element, selfClosing: WeakSet<Node>, outer: Map<string, string>, out: string[]): void {
  const scope = new Map(outer);
  const attributes: Attr[] = Array.from(element.attributes);
  let text = `<${element.nodeName}`;
  for (const attr of attributes) {
    if (attr.name === 'xmlns') scope.set('', attr.value);
    else if (attr.prefix === 'xmlns') scope.set(attr.localName ?? '', attr.value);
  }
  const added: string[] = [];
  const require = (prefix: string, uri: string): void => {
    if ((scope.get(prefix) ?? '') === uri) return;
    scope.set(prefix, uri);
    added.push(prefix === '' ? ` xmlns="${escapeAttribute(uri)}"` : ` xmlns:${prefix}="${escapeAttribute(uri)}"`);
  };
  require(element.prefix ?? '', element.namespaceURI ?? '');
  for (const attr of attributes) {
    text += ` ${attr.name}="${escapeAttribute(attr.value)}"`;
    if (attr.prefix && attr.prefix !== 'xmlns' && attr.namespaceURI) require(attr.prefix, attr.namespaceURI);
  }
  text += added.join('');
  const children = Array.from(element.childNodes);
  if (children.length === 0 && selfClosing.has(element)) {
    out.push(`${text} />`);
    return;
  }
  out.push(`${text}>`);
  for (const child of children) write(child, selfClosing, scope, out);
  out.push(`</${element.nodeName}>`);
}
