// Puts a validation problem at its place in the JSON text: the API names a problem by a
// JSON path ("/actions/Send/runAfter", "$.actions.Send.runAfter"); the editor needs a range
// of characters and a line. A path that goes deeper than the text does (a missing member)
// lands on the deepest part that exists, so the problem is still shown near its cause.
import { parseTree, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';

export interface PlacedProblem {
  from: number;
  to: number;
  /** 1-based line of `from`. */
  line: number;
  message: string;
  path: string;
  code: string;
}

export interface ProblemInput {
  path: string;
  message: string;
  code: string;
}

/** "/a/b~1c/0" and "$.a['b/c'][0]" and "a.b" → ["a", "b/c", "0"]. */
export function parsePath(path: string): string[] {
  const trimmed = path.trim();
  if (trimmed === '' || trimmed === '/' || trimmed === '$') return [];
  if (trimmed.startsWith('/')) return trimmed.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const segments: string[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]|^([^.[\]$]+)/g;
  const body = trimmed.startsWith('$') ? trimmed.slice(1) : trimmed;
  for (const match of body.matchAll(pattern)) {
    const segment = match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5];
    if (segment !== undefined) segments.push(segment);
  }
  return segments;
}

export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function child(node: Node, segment: string): Node | undefined {
  if (node.type === 'object') {
    const property = node.children?.find((p) => p.children?.[0]?.value === segment);
    return property?.children?.[1];
  }
  if (node.type === 'array' && /^\d+$/.test(segment)) return node.children?.[Number(segment)];
  return undefined;
}

/** The range of characters a path points at: the member's name for objects, the value otherwise. */
export function rangeOfPath(root: Node, segments: string[]): { from: number; to: number } {
  let node = root;
  for (const segment of segments) {
    const next = child(node, segment);
    if (!next) break;
    node = next;
  }
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const key = property?.children?.[0];
  if (key && (node.type === 'object' || node.type === 'array')) return { from: key.offset, to: key.offset + key.length };
  if (key) return { from: key.offset, to: node.offset + node.length };
  return { from: node.offset, to: node.offset + Math.min(node.length, 1) };
}

/**
 * Places each problem in `text`. Paths may start with "/definition" (how request bodies are
 * named) even though the editor holds the definition itself: that prefix is dropped.
 */
export function placeProblems(text: string, problems: ProblemInput[]): PlacedProblem[] {
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  if (!root) return [];
  const hasDefinitionMember = root.type === 'object' && child(root, 'definition') !== undefined;
  return problems.map((problem) => {
    let segments = parsePath(problem.path);
    if (segments[0] === 'definition' && !hasDefinitionMember) segments = segments.slice(1);
    const { from, to } = rangeOfPath(root, segments);
    return { ...problem, from, to, line: lineOf(text, from) };
  });
}

/** JSON syntax errors as problems with their place, so one list shows both kinds. */
export function syntaxProblems(text: string): PlacedProblem[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.map((error) => ({
    from: error.offset,
    to: error.offset + Math.max(1, error.length),
    line: lineOf(text, error.offset),
    message: syntaxMessage(printParseErrorCode(error.error)),
    path: '',
    code: 'InvalidJson',
  }));
}

function syntaxMessage(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax: ${words}.`;
}
