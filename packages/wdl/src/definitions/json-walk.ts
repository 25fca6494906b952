// Visits every string in a JSON value with its JSON pointer. Iterative, so a deeply
// nested document cannot exhaust the stack, and safe on shared or cyclic objects.
import { isPlainObject, pointer } from './problems.js';

export type StringVisitor = (text: string, path: string, where: 'value' | 'key') => void;

/** Calls `visit` for each string value, and for each object key (WDL evaluates keys too). */
export function forEachString(value: unknown, basePath: string, visit: StringVisitor): void {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: basePath }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      visit(current, path, 'value');
      continue;
    }
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    const children: Array<{ value: unknown; path: string }> = [];
    if (Array.isArray(current)) {
      current.forEach((item, index) => children.push({ value: item, path: pointer(path, index) }));
    } else if (isPlainObject(current)) {
      for (const [key, item] of Object.entries(current)) {
        const childPath = pointer(path, key);
        visit(key, childPath, 'key');
        children.push({ value: item, path: childPath });
      }
    }
    // Reverse so that strings are visited in document order.
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
}
