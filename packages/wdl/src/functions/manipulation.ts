// Manipulation functions for JSON: addProperty, coalesce, removeProperty, setProperty.
// (xpath is in xml.ts.) Objects are never changed in place: each function returns a new
// object. Property names match case-insensitively with an exact-case key winning, as in
// property access; a property that is set moves to the end, as the service orders it.
// Nested properties are reached by nesting calls, as the reference shows:
//   setProperty(obj, 'parent', setProperty(obj['parent'], 'child', value))
import { matchingKey } from '../expressions/access.js';
import { toJsonText } from '../expressions/stringify.js';
import { setOwn } from '../expressions/values.js';
import { argumentError, objectArg, stringArg } from './args.js';
import type { LazyFunction, WdlFunction } from './registry.js';

function without(target: Record<string, unknown>, key: string | undefined): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(target)) if (name !== key) setOwn(copy, name, target[name]);
  return copy;
}

const coalesce: LazyFunction = {
  name: 'coalesce',
  category: 'manipulation',
  minArgs: 1,
  maxArgs: Infinity,
  lazy: true,
  call(args) {
    for (const arg of args) {
      const value = arg();
      if (value !== null && value !== undefined) return value;
    }
    return null;
  },
};

export const manipulationFunctions: WdlFunction[] = [
  coalesce,
  {
    name: 'addProperty',
    category: 'manipulation',
    minArgs: 3,
    maxArgs: 3,
    call(args, ctx) {
      const target = objectArg(args, 0, ctx);
      const name = stringArg(args, 1, ctx);
      const existing = matchingKey(target, name);
      if (existing !== undefined) {
        const shown = toJsonText(target);
        throw argumentError(
          ctx,
          1,
          `names the property '${name}', which already exists${existing === name ? '' : ` as '${existing}'`} in ${shown.length > 120 ? 'the object' : shown}. Use setProperty() to replace a property.`,
        );
      }
      const copy = without(target, undefined);
      setOwn(copy, name, args[2] === undefined ? null : args[2]);
      return copy;
    },
  },
  {
    name: 'setProperty',
    category: 'manipulation',
    minArgs: 3,
    maxArgs: 3,
    call(args, ctx) {
      const target = objectArg(args, 0, ctx);
      const name = stringArg(args, 1, ctx);
      const existing = matchingKey(target, name);
      const copy = without(target, existing);
      setOwn(copy, existing ?? name, args[2] === undefined ? null : args[2]);
      return copy;
    },
  },
  {
    name: 'removeProperty',
    category: 'manipulation',
    minArgs: 2,
    maxArgs: 2,
    call(args, ctx) {
      const target = objectArg(args, 0, ctx);
      const name = stringArg(args, 1, ctx);
      const existing = matchingKey(target, name);
      return existing === undefined ? target : without(target, existing);
    },
  },
];
