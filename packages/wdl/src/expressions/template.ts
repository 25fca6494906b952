// How a JSON string value of a definition is read (wdl.md 2.1):
//   "plain text"            literal, as is (also anything shorter than 2 characters)
//   "@@text"                literal "@text"; nothing else in it is evaluated
//   "@expr"                 one expression; the result keeps its JSON type
//   "a @{expr} b"           interpolation; always a string; "@@{" gives a literal "@{"
// A string is parsed once and the compiled result cached (bounded), so evaluating the
// same definition again only runs closures.
import type { ExpressionNode } from './ast.js';
import { atPosition } from './errors.js';
import { compileExpression, type CompiledExpression } from './evaluator.js';
import { parseExpressionText } from './parser.js';

/** One expression of a template: its text, where it starts in the string, its tree. */
export interface TemplatePart {
  /** The expression text (without '@' or '@{ }'). */
  text: string;
  /** Offset of `text` in the template string. */
  offset: number;
  ast: ExpressionNode;
}

export interface TemplateExpression extends TemplatePart {
  run: CompiledExpression;
}

export interface TemplateSyntaxError {
  /** Offset in the template string. */
  position: number;
  /** Complete message, naming the position in the template string. */
  message: string;
}

type Template<Part> =
  | { kind: 'literal'; value: string }
  | { kind: 'expression'; expression: Part }
  | { kind: 'interpolation'; parts: Array<string | Part> }
  | { kind: 'invalid'; error: TemplateSyntaxError };

/** A template string read into its literal text and expression trees. */
export type ParsedTemplate = Template<TemplatePart>;
/** A parsed template whose expressions are compiled, ready to evaluate. */
export type CompiledTemplate = Template<TemplateExpression>;

const CACHE_LIMIT = 10_000;
const cache = new Map<string, CompiledTemplate>();

/** True when the string is not taken as is: an '@' expression, an '@{…}' interpolation or an '@@' escape. */
export function isTemplate(value: string): boolean {
  return value.length >= 2 && (value.charCodeAt(0) === 0x40 || value.includes('@{'));
}

export function compileTemplate(value: string): CompiledTemplate {
  if (!isTemplate(value)) return { kind: 'literal', value };
  const cached = cache.get(value);
  if (cached) return cached;
  const compiled = compileParsed(parseTemplate(value));
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(value, compiled);
  return compiled;
}

function compileParsed(template: ParsedTemplate): CompiledTemplate {
  const compile = (part: TemplatePart): TemplateExpression => ({ ...part, run: compileExpression(part.ast) });
  switch (template.kind) {
    case 'literal':
    case 'invalid':
      return template;
    case 'expression':
      return { kind: 'expression', expression: compile(template.expression) };
    case 'interpolation':
      return { kind: 'interpolation', parts: template.parts.map((part) => (typeof part === 'string' ? part : compile(part))) };
  }
}

/** Read a template string (not cached; compileTemplate caches). Never throws. */
export function parseTemplate(value: string): ParsedTemplate {
  if (!isTemplate(value)) return { kind: 'literal', value };
  if (value.charCodeAt(0) === 0x40) {
    const second = value.charCodeAt(1);
    if (second === 0x40) return { kind: 'literal', value: value.slice(1) };
    if (second !== 0x7b) {
      const expression = parsePart(value, value.slice(1), 1);
      return 'error' in expression ? { kind: 'invalid', error: expression.error } : { kind: 'expression', expression };
    }
  }
  const parts: Array<string | TemplatePart> = [];
  let literal = '';
  let index = 0;
  while (index < value.length) {
    const at = value.indexOf('@', index);
    if (at < 0) {
      literal += value.slice(index);
      break;
    }
    const next = value.charCodeAt(at + 1);
    if (next === 0x7b) {
      literal += value.slice(index, at);
      const close = findClosingBrace(value, at + 2);
      if (close < 0) {
        return invalid(value, at, "The '@{' here is not closed with '}'");
      }
      if (literal) parts.push(literal);
      literal = '';
      const expression = parsePart(value, value.slice(at + 2, close), at + 2);
      if ('error' in expression) return { kind: 'invalid', error: expression.error };
      parts.push(expression);
      index = close + 1;
    } else if (next === 0x40 && value.charCodeAt(at + 2) === 0x7b) {
      literal += `${value.slice(index, at)}@{`;
      index = at + 3;
    } else {
      literal += value.slice(index, at + 1);
      index = at + 1;
    }
  }
  if (literal) parts.push(literal);
  return { kind: 'interpolation', parts };
}

/** Index of the '}' ending an '@{…}' that starts at `from`, skipping single-quoted strings; -1 if none. */
function findClosingBrace(value: string, from: number): number {
  let index = from;
  while (index < value.length) {
    const code = value.charCodeAt(index);
    if (code === 0x7d) return index;
    if (code === 0x27) {
      // Skip to the closing quote; '' inside is an escaped quote and the scan simply continues.
      const close = value.indexOf("'", index + 1);
      if (close < 0) return -1;
      index = close + 1;
      continue;
    }
    index++;
  }
  return -1;
}

function parsePart(template: string, text: string, offset: number): TemplatePart | { error: TemplateSyntaxError } {
  if (text.trim() === '' && offset > 1) {
    return { error: syntaxError(template, offset - 2, "'@{}' holds no expression; write one inside the braces or remove them") };
  }
  const parsed = parseExpressionText(text);
  if (!('ast' in parsed)) return { error: syntaxError(template, offset + parsed.position, parsed.reason) };
  return { text, offset, ast: parsed.ast };
}

function invalid(template: string, position: number, reason: string): ParsedTemplate {
  return { kind: 'invalid', error: syntaxError(template, position, reason) };
}

function syntaxError(template: string, position: number, reason: string): TemplateSyntaxError {
  return { position, message: `${reason}${atPosition(position, template)}` };
}
