// Property and index steps (`.name`, `['name']`, `[0]`, and their `?` forms), with the
// service's rules: property names match case-insensitively with an exact-case key winning,
// a missing property or index fails unless the step is null-safe, and Power Automate's
// slash paths (`triggerOutputs()?['body/value']`) walk nested properties.
import { describeValue, expressionError } from './errors.js';
import { hasOwn, isInteger, isPlainObject } from './values.js';

const NOT_FOUND: unique symbol = Symbol('not found');

/** The value of `key` on `target`: the exact-case key, else the first key equal ignoring case. */
export function lookupProperty(target: Record<string, unknown>, key: string): unknown {
  if (hasOwn(target, key)) return target[key];
  const lower = key.toLowerCase();
  for (const candidate of Object.keys(target)) {
    if (candidate.length === key.length && candidate.toLowerCase() === lower) return target[candidate];
  }
  return NOT_FOUND;
}

/** The key `key` matches on `target` (exact case first), or undefined. */
export function matchingKey(target: Record<string, unknown>, key: string): string | undefined {
  if (hasOwn(target, key)) return key;
  const lower = key.toLowerCase();
  for (const candidate of Object.keys(target)) {
    if (candidate.length === key.length && candidate.toLowerCase() === lower) return candidate;
  }
  return undefined;
}

/**
 * `target.key` / `target['key']`. With `nullSafe` a missing property (or a null target)
 * gives null. With `slashPaths` a key containing '/' that is not itself a property is
 * read as a path of nested properties.
 */
export function selectProperty(target: unknown, key: string, nullSafe: boolean, slashPaths: boolean): unknown {
  if (isPlainObject(target)) {
    const value = lookupProperty(target, key);
    if (value !== NOT_FOUND) return value === undefined ? null : value;
    if (slashPaths && key.includes('/')) return selectPath(target, key, nullSafe);
    if (nullSafe) return null;
    throw missingProperty(target, key);
  }
  if (target === null || target === undefined) {
    if (nullSafe) return null;
    throw expressionError(
      'PropertyNotFound',
      `Cannot select property '${key}' because the value is null. Use ?['${key}'] to get null instead of an error when a value may be missing.`,
    );
  }
  if (Array.isArray(target)) {
    throw expressionError(
      'PropertyNotFound',
      `Cannot select property '${key}' of ${describeValue(target)}: arrays are indexed with integers, as in [0], or read with first() and last().`,
    );
  }
  throw expressionError('PropertyNotFound', `Cannot select property '${key}' of ${describeValue(target)}: only objects have properties.`);
}

function selectPath(target: Record<string, unknown>, path: string, nullSafe: boolean): unknown {
  let current: unknown = target;
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    if (isPlainObject(current)) {
      const value = lookupProperty(current, segment);
      if (value !== NOT_FOUND) {
        current = value === undefined ? null : value;
        continue;
      }
      if (nullSafe) return null;
      throw missingProperty(current, segment, segments.slice(0, i).join('/'));
    }
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      const index = Number(segment);
      if (index < current.length) {
        current = current[index];
        continue;
      }
    }
    if (nullSafe) return null;
    throw expressionError('PropertyNotFound', `Cannot select '${segment}' of the path '${path}': ${describeValue(current)} has no such property.`);
  }
  return current;
}

function missingProperty(target: Record<string, unknown>, key: string, under?: string): Error {
  const keys = Object.keys(target);
  const shown = keys.slice(0, 20).map((name) => `'${name}'`).join(', ');
  const available = keys.length === 0 ? 'the object has no properties' : `available properties are ${shown}${keys.length > 20 ? `, … (${keys.length} in all)` : ''}`;
  const where = under ? ` under '${under}'` : '';
  return expressionError(
    'PropertyNotFound',
    `The property '${key}'${where} doesn't exist; ${available}. Use ?['${key}'] to get null when it may be missing.`,
  );
}

/** `target[index]` / `target?[index]`: integers index arrays, strings select properties. */
export function selectIndex(target: unknown, index: unknown, nullSafe: boolean, slashPaths: boolean): unknown {
  if (typeof index === 'string') return selectProperty(target, index, nullSafe, slashPaths);
  if (isInteger(index)) {
    if (Array.isArray(target)) {
      const position = typeof index === 'bigint' ? -1 : index;
      if (position >= 0 && position < target.length) {
        const value: unknown = target[position];
        return value === undefined ? null : value;
      }
      if (nullSafe) return null;
      const valid = target.length === 0 ? 'the array is empty' : `valid indexes are 0 to ${target.length - 1}`;
      throw expressionError(
        'IndexOutOfRange',
        `The index ${String(index)} is out of range for an array of ${target.length} item${target.length === 1 ? '' : 's'} (${valid}). Use ?[${String(index)}] to get null instead.`,
      );
    }
    if (target === null || target === undefined) {
      if (nullSafe) return null;
      throw expressionError('PropertyNotFound', `Cannot index null with [${String(index)}]. Use ?[${String(index)}] to get null instead.`);
    }
    throw expressionError(
      'PropertyNotFound',
      `Cannot index ${describeValue(target)} with the integer ${String(index)}: only arrays take integer indexes; objects take property names, as in ['name'].`,
    );
  }
  throw expressionError('ArgumentType', `An index must be a string (a property name) or an integer (an array position), not ${describeValue(index)}.`);
}
