// Checks that need no run: calls of functions the library does not have, and calls with
// too few or too many arguments. They fail only when evaluated (an untaken if() branch
// never does), so the validator may show them as warnings.
import { lookupFunction } from '../functions/library.js';
import { positionOf, type ExpressionNode } from './ast.js';
import { atPosition } from './errors.js';
import { escapePointer, type TemplateProblem } from './evaluate.js';
import { arityMessage } from './evaluator.js';
import { compileTemplate, isTemplate, type TemplateExpression } from './template.js';
import { isPlainObject } from './values.js';

/** Every call in the templates of `value` that names an unknown function or has the wrong number of arguments. Never throws. */
export function findTemplateCallProblems(value: unknown, path: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  collect(value, path, problems, 0);
  return problems;
}

function collect(value: unknown, path: string, problems: TemplateProblem[], depth: number): void {
  if (depth > 1000) return;
  if (typeof value === 'string') {
    checkString(value, path, problems);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collect(value[i], `${path}/${i}`, problems, depth + 1);
  } else if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      const childPath = `${path}/${escapePointer(key)}`;
      checkString(key, childPath, problems);
      collect(value[key], childPath, problems, depth + 1);
    }
  }
}

function checkString(value: string, path: string, problems: TemplateProblem[]): void {
  if (!isTemplate(value)) return;
  const template = compileTemplate(value);
  const parts: TemplateExpression[] =
    template.kind === 'expression' ? [template.expression] : template.kind === 'interpolation' ? template.parts.filter((part) => typeof part !== 'string') : [];
  for (const part of parts) checkNode(part.ast, part, value, path, problems);
}

function checkNode(node: ExpressionNode, part: TemplateExpression, template: string, path: string, problems: TemplateProblem[]): void {
  switch (node.kind) {
    case 'call': {
      const fn = lookupFunction(node.name);
      const position = part.offset + (positionOf(node) ?? 0);
      if (!fn) {
        problems.push({ path, position, code: 'UnknownFunction', message: `The function '${node.name}' is not defined or not valid${atPosition(position, template)}` });
      } else if (node.args.length < fn.minArgs || node.args.length > fn.maxArgs) {
        problems.push({ path, position, code: 'ArgumentCount', message: `${arityMessage(fn, node.args.length).replace(/\.$/, '')}${atPosition(position, template)}` });
      }
      for (const arg of node.args) checkNode(arg, part, template, path, problems);
      return;
    }
    case 'property':
      checkNode(node.target, part, template, path, problems);
      return;
    case 'index':
      checkNode(node.target, part, template, path, problems);
      checkNode(node.index, part, template, path, problems);
      return;
    default:
      return;
  }
}
