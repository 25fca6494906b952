// Expression tree → text, in a canonical layout: printExpression(parse(x)) parses back to
// the same tree. Floats keep a point or exponent so they stay floats.
import type { ExpressionNode } from './ast.js';
import { isIdentifierChar } from './lexical.js';

export function printExpression(node: ExpressionNode): string {
  switch (node.kind) {
    case 'string':
      return `'${node.value.replace(/'/g, "''")}'`;
    case 'integer':
      return String(node.value);
    case 'float':
      return printFloat(node.value);
    case 'boolean':
      return node.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'call':
      return `${node.name}(${node.args.map(printExpression).join(', ')})`;
    case 'property': {
      const step = node.nullSafe ? '?' : '';
      return isIdentifier(node.name)
        ? `${printExpression(node.target)}${step}.${node.name}`
        : `${printExpression(node.target)}${step}[${printExpression({ kind: 'string', value: node.name })}]`;
    }
    case 'index':
      return `${printExpression(node.target)}${node.nullSafe ? '?' : ''}[${printExpression(node.index)}]`;
  }
}

function printFloat(value: number): string {
  if (Number.isNaN(value)) return '0.0'; // a literal can never be NaN; print something parseable
  if (value === Infinity) return '1e999';
  if (value === -Infinity) return '-1e999';
  if (Object.is(value, -0)) return '-0.0';
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

function isIdentifier(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) if (!isIdentifierChar(name.charCodeAt(i))) return false;
  return true;
}
