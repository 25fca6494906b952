// Finds the expression parts of a WDL string value without parsing them: "@expr" is one
// expression, "text @{expr} text" holds one per "@{…}". Used for checks that only need
// the expression text (its length, the parameters and connections it names); syntax is
// the parser's business.

export interface ExpressionSegment {
  /** The expression text, without "@" or "@{ }". */
  text: string;
  /** Offset of the expression text in the string. */
  offset: number;
}

export function expressionSegments(value: string): ExpressionSegment[] {
  if (value.length < 2 || value.startsWith('@@')) return [];
  if (value.startsWith('@') && !value.startsWith('@{')) return [{ text: value.slice(1), offset: 1 }];
  const segments: ExpressionSegment[] = [];
  let index = value.indexOf('@{');
  while (index !== -1) {
    if (index > 0 && value[index - 1] === '@') {
      // "@@{" is a literal "@{".
      index = value.indexOf('@{', index + 2);
      continue;
    }
    const start = index + 2;
    const end = closingBrace(value, start);
    if (end === -1) {
      segments.push({ text: value.slice(start), offset: start });
      break;
    }
    segments.push({ text: value.slice(start, end), offset: start });
    index = value.indexOf('@{', end + 1);
  }
  return segments;
}

/** Index of the "}" closing an interpolation, skipping single-quoted string literals. */
function closingBrace(value: string, from: number): number {
  let inString = false;
  for (let index = from; index < value.length; index++) {
    const char = value[index];
    if (char === "'") inString = !inString; // a doubled '' toggles twice: still correct
    else if (char === '}' && !inString) return index;
  }
  return -1;
}

const PARAMETER_REFERENCE = /\bparameters\s*\(\s*'((?:[^']|'')*)'\s*\)/gi;

/** Names passed to parameters('…') in the expressions of a string value. */
export function referencedParameters(value: string): string[] {
  const names: string[] = [];
  for (const segment of expressionSegments(value)) {
    for (const match of segment.text.matchAll(PARAMETER_REFERENCE)) names.push(match[1]!.replace(/''/g, "'"));
  }
  return names;
}

// parameters('$connections')['key'], ['$connections']['key'] (invoker tokens), or .key
const CONNECTION_KEY =
  /(?:\bparameters\s*\(\s*'\$connections'\s*\)|\[\s*'\$connections'\s*\])\s*\??\s*(?:\[\s*'((?:[^']|'')+)'\s*\]|\.([A-Za-z0-9_$-]+))/gi;

/** Keys of the `$connections` parameter that the expressions of a string value read. */
export function referencedConnectionKeys(value: string): string[] {
  const keys: string[] = [];
  for (const segment of expressionSegments(value)) {
    for (const match of segment.text.matchAll(CONNECTION_KEY)) keys.push((match[1] ?? match[2] ?? '').replace(/''/g, "'"));
  }
  return keys.filter((key) => key.length > 0);
}
