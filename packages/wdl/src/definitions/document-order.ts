// Problems in the order a reader meets them: errors first, then warnings, and within each
// group in the order of the places they name in the definition, so the problems of one
// action stand together whatever check found them.
import { escapePointerSegment, type DefinitionProblem } from './problems.js';

/** The position of every JSON pointer of a value in a depth-first walk ("" is 0). Iterative: deep values do not overflow. */
export function documentPositions(document: unknown): Map<string, number> {
  const positions = new Map<string, number>();
  const stack: Array<{ path: string; value: unknown }> = [{ path: '', value: document }];
  const visited = new WeakSet<object>(); // values built in code may hold cycles
  while (stack.length > 0) {
    const { path, value } = stack.pop()!;
    positions.set(path, positions.size);
    if (value === null || typeof value !== 'object' || visited.has(value)) continue;
    visited.add(value);
    const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, child] = entries[index]!;
      stack.push({ path: `${path}/${escapePointerSegment(key)}`, value: child });
    }
  }
  return positions;
}

/**
 * Where a problem sorts: its path's position, or for a member that is missing (a Foreach
 * without "foreach") just after its nearest existing parent. Paths that are not pointers
 * into the definition (a file name, "file.json#/…") come first.
 */
function positionOf(path: string, positions: Map<string, number>): number {
  if (path !== '' && !path.startsWith('/')) return -1;
  let current = path;
  for (;;) {
    const found = positions.get(current);
    if (found !== undefined) return current === path ? found : found + 0.5;
    if (current === '') return 0;
    current = current.slice(0, current.lastIndexOf('/'));
  }
}

/** Errors first, then warnings; each group in document order; problems at the same place in the order found. */
export function sortInDocumentOrder(problems: DefinitionProblem[], document: unknown): DefinitionProblem[] {
  const positions = documentPositions(document);
  return problems
    .map((problem, index) => ({ problem, index, rank: problem.severity === 'error' ? 0 : 1, position: positionOf(problem.path, positions) }))
    .sort((a, b) => a.rank - b.rank || a.position - b.position || a.index - b.index)
    .map(({ problem }) => problem);
}
