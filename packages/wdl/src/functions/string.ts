// String functions: concat, endsWith, guid, indexOf, lastIndexOf, nthIndexOf, replace,
// slice, split, startsWith, substring, toLower, toUpper, trim. (length and chunk are in
// collection.ts, isInt/isFloat in logical.ts, formatNumber in number-format.ts.)
// indexOf, lastIndexOf, nthIndexOf, startsWith and endsWith ignore case, as the reference
// says; contains, replace and split do not.
import { toInterpolatedString } from '../expressions/stringify.js';
import { trimDotNet } from '../expressions/whitespace.js';
import { argumentError, functionError, integerArg, optionalStringArg, stringArg } from './args.js';
import type { FunctionContext, WdlFunction } from './registry.js';

/** The service's limit on strings built by concat, join and friends. */
export const MAX_RESULT_LENGTH = 104_857_600;

/**
 * Upper-case each UTF-16 unit on its own, as .NET's ordinal ignore-case comparison does, so
 * indexes in the folded string are indexes in the original.
 */
export function foldCase(text: string): string {
  const upper = text.toUpperCase();
  if (upper.length === text.length) return upper;
  let folded = '';
  for (const char of text) {
    const mapped = char.toUpperCase();
    folded += mapped.length === char.length ? mapped : char;
  }
  return folded;
}

/** Map each character with `map`, keeping characters whose mapping would change the length (ß, İ). */
function mapChars(text: string, map: (value: string) => string): string {
  const whole = map(text);
  // Whole-string mapping applies context rules .NET's invariant mapping lacks (final sigma), so check for them.
  if (whole.length === text.length && !text.includes('ı') && !text.includes('Σ')) return whole;
  let result = '';
  for (const char of text) {
    const mapped = char === 'ı' ? char : map(char);
    result += mapped.length === char.length ? mapped : char;
  }
  return result;
}

function twoStrings(args: unknown[], ctx: FunctionContext): [string, string] {
  return [stringArg(args, 0, ctx), stringArg(args, 1, ctx)];
}

function nthIndexOf(text: string, search: string, occurrence: number): number {
  const haystack = foldCase(text);
  const needle = foldCase(search);
  if (occurrence > 0) {
    let from = 0;
    let found = -1;
    for (let n = 0; n < occurrence; n++) {
      found = haystack.indexOf(needle, from);
      if (found < 0) return -1;
      from = found + 1;
    }
    return found;
  }
  let from = haystack.length;
  let found = -1;
  for (let n = 0; n < -occurrence; n++) {
    if (from < 0) return -1;
    found = haystack.lastIndexOf(needle, from);
    if (found < 0) return -1;
    from = found - 1;
  }
  return found;
}

function hex(random: () => number, bytes: number): number[] {
  const result: number[] = [];
  for (let i = 0; i < bytes; i++) result.push(Math.floor(random() * 256) & 0xff);
  return result;
}

/** A version 4 GUID from the host's random source, in a .NET Guid.ToString format. */
function makeGuid(random: () => number, format: string, ctx: FunctionContext): string {
  const bytes = hex(random, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const h = bytes.map((byte) => byte.toString(16).padStart(2, '0'));
  const groups = [h.slice(0, 4).join(''), h.slice(4, 6).join(''), h.slice(6, 8).join(''), h.slice(8, 10).join(''), h.slice(10).join('')];
  const dashed = groups.join('-');
  switch (format) {
    case 'N':
    case 'n':
      return groups.join('');
    case 'D':
    case 'd':
      return dashed;
    case 'B':
    case 'b':
      return `{${dashed}}`;
    case 'P':
    case 'p':
      return `(${dashed})`;
    case 'X':
    case 'x':
      return `{0x${groups[0]},0x${groups[1]},0x${groups[2]},{${h.slice(8).map((byte) => `0x${byte}`).join(',')}}}`;
    default:
      throw argumentError(ctx, 0, `must be one of the GUID formats 'N', 'D', 'B', 'P' or 'X'; got '${format}'.`);
  }
}

export const stringFunctions: WdlFunction[] = [
  {
    name: 'concat',
    category: 'string',
    minArgs: 1,
    maxArgs: Infinity,
    call(args, ctx) {
      let result = '';
      for (const arg of args) result += toInterpolatedString(arg);
      if (result.length > MAX_RESULT_LENGTH) throw functionError(ctx, `would make a string of ${result.length} characters; the limit is ${MAX_RESULT_LENGTH}.`);
      return result;
    },
  },
  {
    name: 'endsWith',
    category: 'string',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const [text, search] = twoStrings(args, ctx);
      return foldCase(text).endsWith(foldCase(search));
    },
  },
  {
    name: 'startsWith',
    category: 'string',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const [text, search] = twoStrings(args, ctx);
      return foldCase(text).startsWith(foldCase(search));
    },
  },
  {
    name: 'guid',
    category: 'string',
    minArgs: 0,
    maxArgs: 1,
    call: (args, ctx) => makeGuid(() => ctx.host.random(), optionalStringArg(args, 0, ctx) ?? 'D', ctx),
  },
  {
    name: 'indexOf',
    category: 'string',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const [text, search] = twoStrings(args, ctx);
      return foldCase(text).indexOf(foldCase(search));
    },
  },
  {
    name: 'lastIndexOf',
    category: 'string',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const [text, search] = twoStrings(args, ctx);
      if (search === '') return text === '' ? 0 : text.length - 1;
      return foldCase(text).lastIndexOf(foldCase(search));
    },
  },
  {
    name: 'nthIndexOf',
    category: 'string',
    minArgs: 3,
    maxArgs: 3,
    call(args, ctx) {
      const [text, search] = twoStrings(args, ctx);
      const occurrence = integerArg(args, 2, ctx);
      if (occurrence === 0) throw argumentError(ctx, 2, 'must not be 0: 1 is the first occurrence, -1 the last.');
      return nthIndexOf(text, search, occurrence);
    },
  },
  {
    name: 'replace',
    category: 'string',
    minArgs: 3,
    maxArgs: 3,
    call(args, ctx) {
      const [text, oldText] = twoStrings(args, ctx);
      const newText = stringArg(args, 2, ctx);
      if (oldText === '') throw argumentError(ctx, 1, 'is the text to replace and must not be empty.');
      const result = text.split(oldText).join(newText);
      if (result.length > MAX_RESULT_LENGTH) throw functionError(ctx, `would make a string of ${result.length} characters; the limit is ${MAX_RESULT_LENGTH}.`);
      return result;
    },
  },
  {
    name: 'slice',
    category: 'string',
    minArgs: 2,
    maxArgs: 3,
    call(args, ctx) {
      const text = stringArg(args, 0, ctx);
      let start = integerArg(args, 1, ctx);
      let end = args.length > 2 ? integerArg(args, 2, ctx) : text.length;
      if (start < 0) start += text.length;
      if (end < 0) end += text.length;
      if (start >= text.length || end < start) return '';
      return text.slice(Math.max(0, start), Math.min(text.length, end));
    },
  },
  {
    name: 'split',
    category: 'string',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const [text, delimiter] = twoStrings(args, ctx);
      return delimiter === '' ? [text] : text.split(delimiter);
    },
  },
  {
    name: 'substring',
    category: 'string',
    minArgs: 2,
    maxArgs: 3,
    call(args, ctx) {
      const text = stringArg(args, 0, ctx);
      const start = integerArg(args, 1, ctx);
      const length = args.length > 2 ? integerArg(args, 2, ctx) : text.length - start;
      if (start < 0 || length < 0 || start + length > text.length) {
        throw functionError(
          ctx,
          `got start index ${start} and length ${length} for a string of ${text.length} characters: both must be non-negative and their sum no larger than the length. slice() clamps instead of failing.`,
        );
      }
      return text.slice(start, start + length);
    },
  },
  {
    name: 'toLower',
    category: 'string',
    minArgs: 1,
    maxArgs: 1,
    call: (args, ctx) => mapChars(stringArg(args, 0, ctx), (value) => value.toLowerCase()),
  },
  {
    name: 'toUpper',
    category: 'string',
    minArgs: 1,
    maxArgs: 1,
    call: (args, ctx) => mapChars(stringArg(args, 0, ctx), (value) => value.toUpperCase()),
  },
  {
    name: 'trim',
    category: 'string',
    minArgs: 1,
    maxArgs: 1,
    call: (args, ctx) => trimDotNet(stringArg(args, 0, ctx)),
  },
];
