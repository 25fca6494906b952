// The syntax tree of one expression (the text after '@', or inside '@{…}').
//
// Nodes hold meaning only, so two parses of equivalent text compare equal
// (parse(print(parse(x))) equals parse(x)). Where a node starts in the source text is
// kept beside the tree, in a WeakMap, for error messages.

export type ExpressionNode =
  | { kind: 'string'; value: string }
  /** An integer literal: a number when it is a safe integer, else a bigint (int64 range). */
  | { kind: 'integer'; value: number | bigint }
  /** A literal with a point or an exponent (5.0, 3e1) is a float even when it is integral. */
  | { kind: 'float'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  /** `name(args…)`; `name` is as written (lookup is case-insensitive). */
  | { kind: 'call'; name: string; args: ExpressionNode[] }
  /** `target.name` or `target?.name`. */
  | { kind: 'property'; target: ExpressionNode; name: string; nullSafe: boolean }
  /** `target[index]` or `target?[index]`. */
  | { kind: 'index'; target: ExpressionNode; index: ExpressionNode; nullSafe: boolean };

const positions = new WeakMap<ExpressionNode, number>();

/** 0-based offset in the expression text where the node starts (of its name, for calls). */
export function positionOf(node: ExpressionNode): number | undefined {
  return positions.get(node);
}

export function setPosition<T extends ExpressionNode>(node: T, position: number): T {
  positions.set(node, position);
  return node;
}
