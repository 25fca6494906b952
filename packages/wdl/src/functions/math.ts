// Math functions: add, div, max, min, mod, mul, rand, range, sub.
import { describeValue } from '../expressions/errors.js';
import { isNumber, kindOf, makeFloat, toJsNumber } from '../expressions/values.js';
import { argumentError, argumentTypeError, functionError, integerArg, numberArg } from './args.js';
import { arithmetic, asDecimal, type ArithmeticOperation } from './arithmetic.js';
import { compareNumbers } from './compare.js';
import type { FunctionContext, WdlFunction } from './registry.js';

function binary(name: string, operation: ArithmeticOperation): WdlFunction {
  return {
    name,
    category: 'math',
    minArgs: 2,
    maxArgs: 2,
    call: (args, ctx) => arithmetic(operation, numberArg(args, 0, ctx), numberArg(args, 1, ctx), ctx),
  };
}

/** The numbers max()/min() pick from: the arguments, or the items of a single array argument. */
function numbersOf(args: unknown[], ctx: FunctionContext): unknown[] {
  if (args.length === 1) {
    const only = args[0];
    if (!Array.isArray(only)) throw argumentTypeError(ctx, 0, 'an array of numbers (or give the numbers as separate arguments)', only);
    if (only.length === 0) throw argumentError(ctx, 0, 'is an empty array; it needs at least one number.');
    only.forEach((item, index) => {
      if (!isNumber(item)) throw functionError(ctx, `needs numbers, but item ${index} of the array is ${describeValue(item)}.`, 'ArgumentType');
    });
    return only;
  }
  return args.map((_, index) => numberArg(args, index, ctx));
}

/** Convert a number to the kind the whole set promotes to, as .NET's Math.Max on the common type does. */
function asKind(value: unknown, kind: 'integer' | 'float' | 'decimal', ctx: FunctionContext): unknown {
  if (kind === 'decimal') return asDecimal(value, ctx);
  if (kind === 'float' && kindOf(value) === 'integer') return makeFloat(toJsNumber(value));
  return value;
}

function extreme(name: string, pickGreater: boolean): WdlFunction {
  return {
    name,
    category: 'math',
    minArgs: 1,
    maxArgs: Infinity,
    call(args, ctx) {
      const numbers = numbersOf(args, ctx);
      let kind: 'integer' | 'float' | 'decimal' = 'integer';
      for (const number of numbers) {
        const numberKind = kindOf(number);
        if (numberKind === 'decimal') kind = 'decimal';
        else if (numberKind === 'float' && kind === 'integer') kind = 'float';
      }
      let best: unknown = numbers[0];
      for (let i = 1; i < numbers.length; i++) {
        const candidate = numbers[i];
        if (Number.isNaN(toJsNumber(best))) break; // NaN wins, as Math.Max/Min return NaN
        const order = compareNumbers(candidate, best);
        if (order === undefined) {
          best = candidate;
          break;
        }
        if (pickGreater ? order > 0 : order < 0) best = candidate;
      }
      return asKind(best, kind, ctx);
    },
  };
}

export const mathFunctions: WdlFunction[] = [
  binary('add', 'add'),
  binary('sub', 'sub'),
  binary('mul', 'mul'),
  binary('div', 'div'),
  binary('mod', 'mod'),
  extreme('max', true),
  extreme('min', false),
  {
    name: 'rand',
    category: 'math',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const min = integerArg(args, 0, ctx);
      const max = integerArg(args, 1, ctx);
      if (min > max) throw argumentError(ctx, 1, `(${max}) must not be less than the 1st (${min}); the range is min (inclusive) to max (exclusive).`);
      if (min === max) return min;
      return min + Math.floor(ctx.host.random() * (max - min));
    },
  },
  {
    name: 'range',
    category: 'math',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const start = integerArg(args, 0, ctx);
      const count = integerArg(args, 1, ctx);
      if (count < 0 || count > 100_000) throw argumentError(ctx, 1, `is the count of integers and must be between 0 and 100000; got ${count}.`);
      if (start + count > 2_147_483_647) throw functionError(ctx, `needs start + count to be at most 2147483647; got ${start} + ${count}.`);
      const result = new Array<number>(count);
      for (let i = 0; i < count; i++) result[i] = start + i;
      return result;
    },
  },
];
