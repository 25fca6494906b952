// What an import reports: problems that stop it (with the place in the document, as a
// JSON pointer) and warnings about what Brook ignores or guesses.
export interface ImportProblem {
  /** JSON pointer into the document, e.g. "/securityDefinitions/oauth/flow". */
  path: string;
  message: string;
}

export class ConnectorImportError extends Error {
  override readonly name = 'ConnectorImportError';
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map((problem) => `${problem.path || '/'}: ${problem.message}`).join('\n'));
  }
}

export function pointer(...segments: (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
