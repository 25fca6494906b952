// Record keys: an action's name, plus its iteration path inside loops ("Send#3", "Inner#0.2").
// Names are unique in a definition, so the key is unique in the run.
export function recordKey(name: string, iterationPath: readonly number[]): string {
  return iterationPath.length === 0 ? name : `${name}#${iterationPath.join('.')}`;
}

const FINAL = new Set(['Succeeded', 'Failed', 'Skipped', 'TimedOut', 'Cancelled']);

export function isFinalStatus(status: string): boolean {
  return FINAL.has(status);
}
