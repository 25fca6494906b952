// Bytes → JSON value, with the place of the first syntax error (line and column) and the
// keys written twice in one object (JSON keeps only the last, silently losing the first).
import { printParseErrorCode, visit } from 'jsonc-parser';
import { error, pointer, type DefinitionProblem } from '../definitions/problems.js';

export type JsonFile = { ok: true; value: unknown; duplicateKeys: string[] } | { ok: false; problem: DefinitionProblem };

/** Decode text files as exported by Windows and web tools: UTF-8 (with or without BOM) or UTF-16 with BOM. */
export function decodeText(fileName: string, bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: DefinitionProblem } {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)) };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)) };
    // TextDecoder drops a UTF-8 byte order mark by itself.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: error(fileName, 'InvalidJson', `${fileName} is not text in UTF-8 or UTF-16, so it cannot be JSON. Export the flow again, or save the file as UTF-8.`) };
  }
}

export function parseJsonFile(fileName: string, bytes: Uint8Array): JsonFile {
  const decoded = decodeText(fileName, bytes);
  if (!decoded.ok) return decoded;
  return parseJsonText(fileName, decoded.text);
}

export function parseJsonText(fileName: string, text: string): JsonFile {
  if (text.trim() === '') {
    return { ok: false, problem: error(fileName, 'InvalidJson', `${fileName} is empty. Expected the JSON of a flow.`) };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return { ok: false, problem: syntaxProblem(fileName, text, cause) };
  }
  const tooDeep = tooDeepAt(text, MAX_JSON_DEPTH);
  if (tooDeep !== null) {
    const { line, column } = lineAndColumn(text, tooDeep);
    return {
      ok: false,
      problem: error(
        `${fileName}:${line}:${column}`,
        'InvalidJson',
        `${fileName} nests objects and arrays more than ${MAX_JSON_DEPTH} deep (at line ${line}, column ${column}); no flow is that deep. Export the flow again.`,
      ),
    };
  }
  return { ok: true, value, duplicateKeys: findDuplicateKeys(text) };
}

/** Deeper JSON is refused before the readers that recurse over it (and flows never come close). */
export const MAX_JSON_DEPTH = 1000;

/** Offset of the first '{' or '[' past `limit` levels of nesting, or null. Strings are skipped. */
function tooDeepAt(text: string, limit: number): number | null {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c) index++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > limit) return index;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    }
  }
  return null;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

const ERROR_WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected "," or the end of the object or array',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the end of the JSON',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unfinished comment',
  UnexpectedEndOfString: 'unfinished string (a missing closing quote?)',
  UnexpectedEndOfNumber: 'unfinished number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape after "\\"',
  InvalidCharacter: 'control character inside a string (escape it, e.g. \\n)',
};

function syntaxProblem(fileName: string, text: string, cause: unknown): DefinitionProblem {
  let first: { code: number; offset: number; line: number; column: number } | undefined;
  visit(
    text,
    {
      onError: (code, offset, _length, line, column) => {
        first ??= { code, offset, line, column };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  if (first) {
    const name = printParseErrorCode(first.code);
    const trailingComma = (name === 'PropertyNameExpected' || name === 'ValueExpected') && text.slice(0, first.offset).trimEnd().endsWith(',');
    const words = trailingComma ? 'a comma before the end of an object or array (remove the trailing comma)' : (ERROR_WORDS[name] ?? name);
    return error(`${fileName}:${first.line + 1}:${first.column + 1}`, 'InvalidJson', `${fileName} is not valid JSON: ${words} at line ${first.line + 1}, column ${first.column + 1}.`);
  }
  const reason = cause instanceof Error ? cause.message : String(cause);
  return error(fileName, 'InvalidJson', `${fileName} is not valid JSON (${reason}).`);
}

/** JSON pointers of keys that repeat within one object (each later occurrence). */
export function findDuplicateKeys(text: string): string[] {
  const duplicates: string[] = [];
  const open: Array<Set<string>> = [];
  visit(text, {
    onObjectBegin: () => {
      open.push(new Set());
    },
    onObjectEnd: () => {
      open.pop();
    },
    onObjectProperty: (property, _offset, _length, _line, _column, pathSupplier) => {
      const keys = open[open.length - 1];
      if (!keys) return;
      if (keys.has(property)) duplicates.push(pointer('', ...pathSupplier(), property));
      keys.add(property);
    },
  });
  return duplicates;
}
