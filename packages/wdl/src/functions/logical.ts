// Logical comparison functions: and, equals, greater, greaterOrEquals, if, isFloat, isInt,
// less, lessOrEquals, not, or. and/or/if are lazy: the arguments they do not need are
// never evaluated, so errors in them do not fire.
import { describeValue } from '../expressions/errors.js';
import { argumentError, argumentTypeError, booleanArg, functionError, optionalStringArg, stringArg } from './args.js';
import { orderValues, valuesEqual } from './compare.js';
import { cultureFor, FLOAT_STYLE, INVARIANT, IS_INT_STYLE, parseNumberText } from './parse-number.js';
import { makeInteger } from '../expressions/values.js';
import type { FunctionContext, LazyFunction, WdlFunction } from './registry.js';

function lazyBoolean(thunk: () => unknown, index: number, ctx: FunctionContext): boolean {
  const value = thunk();
  if (typeof value === 'boolean') return value;
  throw argumentTypeError(ctx, index, 'a boolean (true or false)', value);
}

const and: LazyFunction = {
  name: 'and',
  category: 'logical',
  minArgs: 1,
  maxArgs: Infinity,
  lazy: true,
  call(args, ctx) {
    for (let i = 0; i < args.length; i++) if (!lazyBoolean(args[i] as () => unknown, i, ctx)) return false;
    return true;
  },
};

const or: LazyFunction = {
  name: 'or',
  category: 'logical',
  minArgs: 1,
  maxArgs: Infinity,
  lazy: true,
  call(args, ctx) {
    for (let i = 0; i < args.length; i++) if (lazyBoolean(args[i] as () => unknown, i, ctx)) return true;
    return false;
  },
};

const ifFunction: LazyFunction = {
  name: 'if',
  category: 'logical',
  minArgs: 3,
  maxArgs: 3,
  lazy: true,
  call(args, ctx) {
    const condition = lazyBoolean(args[0] as () => unknown, 0, ctx);
    return (args[condition ? 1 : 2] as () => unknown)();
  },
};

function ordering(name: string, accept: (order: number) => boolean): WdlFunction {
  return {
    name,
    category: 'logical',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const result = orderValues(args[0], args[1]);
      if (!result.ok) {
        throw functionError(
          ctx,
          `compares two numbers or two strings; got ${describeValue(args[0])} and ${describeValue(args[1])}. Convert one side with int(), float() or string() first.`,
          'ArgumentType',
        );
      }
      return result.order !== undefined && accept(result.order);
    },
  };
}

export const logicalFunctions: WdlFunction[] = [
  and,
  or,
  ifFunction,
  {
    name: 'not',
    category: 'logical',
    minArgs: 1,
    maxArgs: 1,
    call: (args, ctx) => !booleanArg(args, 0, ctx),
  },
  {
    name: 'equals',
    category: 'logical',
    minArgs: 2,
    maxArgs: 2,
    call: (args) => valuesEqual(args[0], args[1]),
  },
  ordering('greater', (order) => order > 0),
  ordering('greaterOrEquals', (order) => order >= 0),
  ordering('less', (order) => order < 0),
  ordering('lessOrEquals', (order) => order <= 0),
  {
    name: 'isInt',
    category: 'logical',
    minArgs: 1,
    maxArgs: 1,
    call(args, ctx) {
      const parsed = parseNumberText(stringArg(args, 0, ctx), IS_INT_STYLE, INVARIANT);
      if (!parsed || parsed.kind !== 'finite') return false;
      // Int64.TryParse with an exponent: the value must be a whole number within int64.
      const shift = parsed.exponent - parsed.scale;
      let magnitude: bigint;
      if (shift >= 0) {
        if (shift > 20) return /^0*$/.test(parsed.digits);
        magnitude = BigInt(parsed.digits) * 10n ** BigInt(shift);
      } else {
        const cut = Math.max(0, parsed.digits.length + shift);
        if (!/^0*$/.test(parsed.digits.slice(cut))) return false;
        magnitude = BigInt(parsed.digits.slice(0, cut) || '0');
      }
      return makeInteger(parsed.negative ? -magnitude : magnitude) !== undefined;
    },
  },
  {
    name: 'isFloat',
    category: 'logical',
    minArgs: 1,
    maxArgs: 2,
    call(args, ctx) {
      const text = stringArg(args, 0, ctx);
      const locale = optionalStringArg(args, 1, ctx);
      const culture = locale === undefined ? INVARIANT : cultureFor(locale);
      if (!culture) throw argumentError(ctx, 1, `is not a known locale: '${locale}'. Use a tag such as 'en-US' or 'de-DE', or '' for the invariant culture.`);
      const parsed = parseNumberText(text, FLOAT_STYLE, culture);
      // .NET Core's Double.TryParse accepts values beyond the double range (they become Infinity).
      return parsed !== undefined;
    },
  },
];
