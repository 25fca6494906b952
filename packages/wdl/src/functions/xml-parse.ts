// Reading XML text as the service's XmlDocument.LoadXml does: one root element, a well-formed
// document, an XML declaration of version 1.0 with its attributes in order, entities
// resolved, and whitespace-only text between markup dropped (PreserveWhitespace = false).
// It also remembers which empty elements were written <e/> rather than <e></e>, because
// .NET keeps that difference when it writes the XML back or converts it to JSON.
import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

export class XmlSyntaxError extends Error {
  override readonly name = 'XmlSyntaxError';
}

export interface ParsedXml {
  document: Document;
  /** Elements written as <e/>, which .NET serialises as <e /> and converts to JSON null. */
  selfClosing: WeakSet<Node>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const PROCESSING_INSTRUCTION_NODE = 7;

export function parseXml(text: string): ParsedXml {
  const source = text.replace(/\r\n?/g, '\n');
  let document: Document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new XmlSyntaxError(String(message));
      },
    }).parseFromString(source, 'text/xml');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new XmlSyntaxError(cleanMessage(message));
  }
  checkProlog(document);
  const selfClosing = new WeakSet<Node>();
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  stripWhitespace(document, source, lineStarts, selfClosing, false);
  return { document, selfClosing };
}

function cleanMessage(message: string): string {
  return message
    .replace(/^Reporting \w+ "(.*)" caused .*$/s, '$1')
    .replace(/^Error constructing the DOM: \w+: /, '')
    .replace('Only one element can be added and only after doctype', 'there is more than one root element')
    .replace('prefix is non-null and namespace is null', 'an element or attribute uses a namespace prefix that is not declared');
}

function checkProlog(document: Document): void {
  for (const node of Array.from(document.childNodes)) {
    if (node.nodeType === TEXT_NODE && (node.nodeValue ?? '').trim() !== '') {
      throw new XmlSyntaxError('text appears outside the root element.');
    }
    if (node.nodeType === PROCESSING_INSTRUCTION_NODE && node.nodeName === 'xml') {
      const data = (node as unknown as { data: string }).data;
      const names = Array.from(data.matchAll(/([\w:-]+)\s*=\s*(?:"[^"]*"|'[^']*')/g), (m) => m[1] ?? '');
      const version = /version\s*=\s*["']([^"']*)["']/.exec(data)?.[1];
      if (names[0] !== 'version') throw new XmlSyntaxError("the XML declaration must start with version=\"1.0\".");
      if (version !== '1.0') throw new XmlSyntaxError(`the XML declaration has version '${version ?? ''}'; only version 1.0 is supported.`);
      const order = ['version', 'encoding', 'standalone'];
      let last = -1;
      for (const name of names) {
        const at = order.indexOf(name);
        if (at <= last) throw new XmlSyntaxError(`the XML declaration attribute '${name}' is unknown or out of order (version, encoding, standalone).`);
        last = at;
      }
    }
  }
}

function offsetOf(node: Node, lineStarts: number[]): number | undefined {
  const located = node as unknown as { lineNumber?: number; columnNumber?: number };
  if (!located.lineNumber || !located.columnNumber) return undefined;
  return (lineStarts[located.lineNumber - 1] ?? 0) + located.columnNumber - 1;
}

/** True when the start tag at `offset` ends with "/>". */
function endsSelfClosed(source: string, offset: number): boolean {
  let quote = '';
  for (let i = offset; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return source[i - 1] === '/';
  }
  return false;
}

function stripWhitespace(node: Node, source: string, lineStarts: number[], selfClosing: WeakSet<Node>, preserve: boolean): void {
  let keepSpace = preserve;
  if (node.nodeType === ELEMENT_NODE) {
    const space = (node as Element).getAttribute('xml:space');
    if (space === 'preserve') keepSpace = true;
    else if (space === 'default') keepSpace = false;
  }
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE && !keepSpace && /^[ \t\n]*$/.test(child.nodeValue ?? '')) {
      node.removeChild(child);
    } else {
      stripWhitespace(child, source, lineStarts, selfClosing, keepSpace);
    }
  }
  if (node.nodeType === ELEMENT_NODE && node.childNodes.length === 0) {
    const offset = offsetOf(node, lineStarts);
    if (offset === undefined || endsSelfClosed(source, offset)) selfClosing.add(node);
  }
}
