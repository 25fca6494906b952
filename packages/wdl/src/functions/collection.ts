// Collection functions: chunk, contains, empty, first, intersection, join, last, length,
// reverse, skip, sort, take, union. (item() is a workflow function.) Collections are
// strings, arrays and, for some, objects; equality is the deep, type-aware one of equals().
import { describeValue } from '../expressions/errors.js';
import { toInterpolatedString } from '../expressions/stringify.js';
import { hasOwn, isPlainObject, kindOf, setOwn } from '../expressions/values.js';
import { argumentError, argumentTypeError, arrayArg, functionError, integerArg, stringArg } from './args.js';
import { orderValues, valuesEqual } from './compare.js';
import type { FunctionContext, WdlFunction } from './registry.js';
import { MAX_RESULT_LENGTH } from './string.js';

function stringOrArray(args: unknown[], index: number, ctx: FunctionContext): string | unknown[] {
  const value = args[index];
  if (typeof value === 'string' || Array.isArray(value)) return value;
  throw argumentTypeError(ctx, index, 'an array or a string', value);
}

function countArg(args: unknown[], index: number, ctx: FunctionContext): number {
  const count = integerArg(args, index, ctx);
  if (count < 0) throw argumentError(ctx, index, `is a count and must not be negative; got ${count}.`);
  return count;
}

/** Items of `items` without repeats (deep equality), first occurrence kept. */
function distinct(items: unknown[]): unknown[] {
  const result: unknown[] = [];
  for (const item of items) if (!result.some((kept) => valuesEqual(kept, item))) result.push(item);
  return result;
}

/** Arguments of union()/intersection(): all arrays or all objects. */
function sameKindCollections(args: unknown[], ctx: FunctionContext): 'array' | 'object' {
  const first = args[0];
  const kind = Array.isArray(first) ? 'array' : isPlainObject(first) ? 'object' : undefined;
  if (!kind) throw argumentTypeError(ctx, 0, 'an array or an object', first);
  args.forEach((arg, index) => {
    if ((kind === 'array') !== Array.isArray(arg) || (kind === 'object' && !isPlainObject(arg))) {
      throw argumentTypeError(ctx, index, `${kind === 'array' ? 'an array' : 'an object'} like the 1st argument`, arg);
    }
  });
  return kind;
}

function union(args: unknown[], ctx: FunctionContext): unknown {
  if (sameKindCollections(args, ctx) === 'array') return distinct((args as unknown[][]).flat());
  const result: Record<string, unknown> = {};
  for (const arg of args as Array<Record<string, unknown>>) for (const key of Object.keys(arg)) setOwn(result, key, arg[key]);
  return result;
}

function intersection(args: unknown[], ctx: FunctionContext): unknown {
  if (sameKindCollections(args, ctx) === 'array') {
    const [first, ...rest] = args as unknown[][];
    return distinct(first ?? []).filter((item) => rest.every((other) => other.some((candidate) => valuesEqual(candidate, item))));
  }
  const [first, ...rest] = args as Array<Record<string, unknown>>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(first ?? {})) {
    const value = (first as Record<string, unknown>)[key];
    if (rest.every((other) => hasOwn(other, key) && valuesEqual(other[key], value))) setOwn(result, key, rest.length > 0 ? rest[rest.length - 1]?.[key] : value);
  }
  return result;
}

function sortItems(items: unknown[], sortBy: string | undefined, ctx: FunctionContext): unknown[] {
  const keyOf = (item: unknown, index: number): unknown => {
    if (sortBy === undefined) return item;
    if (!isPlainObject(item)) throw functionError(ctx, `sorts by '${sortBy}', but item ${index} of the array is ${describeValue(item)}, not an object.`, 'ArgumentType');
    return hasOwn(item, sortBy) ? item[sortBy] : null;
  };
  const keyed = items.map((item, index) => ({ item, key: keyOf(item, index), index }));
  keyed.sort((a, b) => {
    const kindA = kindOf(a.key);
    const kindB = kindOf(b.key);
    if (kindA === 'boolean' && kindB === 'boolean') return Number(a.key) - Number(b.key) || a.index - b.index;
    if (kindA === 'null' || kindB === 'null') return (kindA === 'null' ? 0 : 1) - (kindB === 'null' ? 0 : 1) || a.index - b.index;
    const order = orderValues(a.key, b.key);
    if (!order.ok) {
      throw functionError(
        ctx,
        `can only sort values of one simple type (numbers, strings or booleans); found ${describeValue(a.key)} and ${describeValue(b.key)}${sortBy === undefined ? '' : ` under '${sortBy}'`}.`,
        'ArgumentType',
      );
    }
    return (order.order ?? 0) || a.index - b.index;
  });
  return keyed.map((entry) => entry.item);
}

export const collectionFunctions: WdlFunction[] = [
  {
    name: 'length',
    category: 'collection',
    minArgs: 1,
    maxArgs: 1,
    call: (args, ctx) => stringOrArray(args, 0, ctx).length,
  },
  {
    name: 'empty',
    category: 'collection',
    minArgs: 1,
    maxArgs: 1,
    call(args, ctx) {
      const value = args[0];
      if (value === null || value === undefined) return true;
      if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
      if (isPlainObject(value)) return Object.keys(value).length === 0;
      throw argumentTypeError(ctx, 0, 'an object, an array or a string', value);
    },
  },
  {
    name: 'contains',
    category: 'collection',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const [collection, value] = args;
      if (typeof collection === 'string') {
        if (typeof value !== 'string') throw argumentTypeError(ctx, 1, 'a string when the 1st argument is a string', value);
        return collection.includes(value);
      }
      if (Array.isArray(collection)) return collection.some((item) => valuesEqual(item, value));
      if (isPlainObject(collection)) {
        if (typeof value !== 'string') throw argumentTypeError(ctx, 1, 'a string (a property name) when the 1st argument is an object', value);
        return hasOwn(collection, value);
      }
      throw argumentTypeError(ctx, 0, 'a string, an array or an object', collection);
    },
  },
  {
    name: 'first',
    category: 'collection',
    minArgs: 1,
    maxArgs: 1,
    call(args, ctx) {
      const collection = stringOrArray(args, 0, ctx);
      if (typeof collection === 'string') return collection.slice(0, 1);
      return collection.length === 0 ? null : collection[0];
    },
  },
  {
    name: 'last',
    category: 'collection',
    minArgs: 1,
    maxArgs: 1,
    call(args, ctx) {
      const collection = stringOrArray(args, 0, ctx);
      if (typeof collection === 'string') return collection.slice(-1);
      return collection.length === 0 ? null : collection[collection.length - 1];
    },
  },
  {
    name: 'skip',
    category: 'collection',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const collection = stringOrArray(args, 0, ctx);
      return collection.slice(countArg(args, 1, ctx));
    },
  },
  {
    name: 'take',
    category: 'collection',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const collection = stringOrArray(args, 0, ctx);
      return collection.slice(0, countArg(args, 1, ctx));
    },
  },
  {
    name: 'join',
    category: 'collection',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const items = arrayArg(args, 0, ctx);
      const delimiter = stringArg(args, 1, ctx);
      const result = items.map(toInterpolatedString).join(delimiter);
      if (result.length > MAX_RESULT_LENGTH) throw functionError(ctx, `would make a string of ${result.length} characters; the limit is ${MAX_RESULT_LENGTH}.`);
      return result;
    },
  },
  {
    name: 'union',
    category: 'collection',
    minArgs: 2,
    maxArgs: Infinity,
    call: union,
  },
  {
    name: 'intersection',
    category: 'collection',
    minArgs: 2,
    maxArgs: Infinity,
    call: intersection,
  },
  {
    name: 'chunk',
    category: 'collection',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const collection = stringOrArray(args, 0, ctx);
      const size = integerArg(args, 1, ctx);
      if (size <= 0) throw argumentError(ctx, 1, `is the chunk length and must be at least 1; got ${size}.`);
      const chunks: Array<string | unknown[]> = [];
      for (let start = 0; start < collection.length; start += size) chunks.push(collection.slice(start, start + size));
      return chunks;
    },
  },
  {
    name: 'reverse',
    category: 'collection',
    minArgs: 1,
    maxArgs: 1,
    call: (args, ctx) => [...arrayArg(args, 0, ctx)].reverse(),
  },
  {
    name: 'sort',
    category: 'collection',
    minArgs: 1,
    maxArgs: 2,
    call(args, ctx) {
      const items = arrayArg(args, 0, ctx);
      const sortBy = args.length > 1 ? stringArg(args, 1, ctx) : undefined;
      return sortItems(items, sortBy, ctx);
    },
  },
];
