// Parser for one expression: the text after '@' or inside '@{…}'. Grammar (as the
// service and its designer accept it):
//
//   expression  := literal | call
//   literal     := 'single-quoted' ('' inside is one quote) | number | null | true | false
//   call        := identifier '(' [expression {',' expression}] ')' {step}
//   step        := ['?'] ('.' identifier | '[' expression ']')
//
// Numbers: [+-] digits [. digits] [e [+-] digits]; a point or exponent makes a float.
// Identifiers: any run of characters except whitespace and . , ( ) { } @ [ ] ? ' ".
// Whitespace (the .NET set) may stand between any two tokens. Scannerless: the parser
// reads characters directly, which lets '.5' be a number where a value is expected and a
// property step after a call.
import { ExpressionError } from '../functions/registry.js';
import { setPosition, type ExpressionNode } from './ast.js';
import { atPosition } from './errors.js';
import { isDigit, isIdentifierChar, scanNumber } from './lexical.js';
import { isDotNetWhitespace } from './whitespace.js';


export type ParseResult = { ok: true; ast: ExpressionNode } | { ok: false; error: ExpressionError };

/** A syntax error without its location text, so callers can place it in a larger string. */
export interface SyntaxProblem {
  reason: string;
  position: number;
}

/** The service's limit on the length of one expression. */
export const MAX_EXPRESSION_LENGTH = 8192;
/** Nesting deeper than this is refused rather than risking the call stack. */
const MAX_DEPTH = 256;

/** Parse an expression (without its leading '@'). Never throws. */
export function parseExpression(text: string): ParseResult {
  const result = parseExpressionText(text);
  if ('ast' in result) return { ok: true, ast: result.ast };
  return { ok: false, error: new ExpressionError('InvalidTemplate', `${result.reason}${atPosition(result.position, text)}`, result.position) };
}

/** Parse, reporting a failure as reason + position. Never throws. */
export function parseExpressionText(text: string): { ast: ExpressionNode } | SyntaxProblem {
  try {
    return { ast: new Parser(text).parseWhole() };
  } catch (error) {
    if (error instanceof ParseFailure) return { reason: error.reason, position: error.position };
    // Anything else is a bug in the parser; report it as a syntax error rather than crash.
    return { reason: `The expression could not be parsed (${String(error)})`, position: 0 };
  }
}

class ParseFailure extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(reason);
  }
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseWhole(): ExpressionNode {
    if (this.text.length > MAX_EXPRESSION_LENGTH) {
      this.fail(
        `The expression is ${this.text.length} characters long; the limit is ${MAX_EXPRESSION_LENGTH}. Split it into several actions (Compose) or variables`,
        MAX_EXPRESSION_LENGTH,
      );
    }
    this.skipWhitespace();
    const node = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      const char = this.text[this.pos];
      if (char === ',') this.fail("Unexpected ',': an expression is one value; to combine values use a function such as concat() or createArray()");
      if (char === '"') this.failDoubleQuote();
      this.fail(`Unexpected '${char}' after the end of the expression`);
    }
    return node;
  }

  private parseValue(): ExpressionNode {
    if (this.pos >= this.text.length) {
      this.fail('Expected a value (a string, a number, true, false, null or a function call) but the expression ends');
    }
    const code = this.text.charCodeAt(this.pos);
    const start = this.pos;
    if (code === 0x27) return setPosition(this.parseString(), start);
    if (code === 0x22) this.failDoubleQuote();
    if (code === 0x2b || code === 0x2d || isDigit(code) || (code === 0x2e && isDigit(this.text.charCodeAt(this.pos + 1)))) {
      return setPosition(this.parseNumber(), start);
    }
    if (!isIdentifierChar(code)) {
      this.fail(`Unexpected '${this.text[this.pos]}': expected a value (a string, a number, true, false, null or a function call)`);
    }
    const name = this.readIdentifier();
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x28) return this.parseCall(name, start);
    const keyword = name.toLowerCase();
    let literal: ExpressionNode | undefined;
    if (keyword === 'null') literal = { kind: 'null' };
    else if (keyword === 'true') literal = { kind: 'boolean', value: true };
    else if (keyword === 'false') literal = { kind: 'boolean', value: false };
    if (!literal) {
      this.fail(`'${name}' is not a value: a function call needs '(' after its name, as in ${name}(), and a string needs single quotes, as in '${name}'`, start);
    }
    this.refuseSteps();
    return setPosition(literal, start);
  }

  private parseCall(name: string, start: number): ExpressionNode {
    if (++this.depth > MAX_DEPTH) this.fail(`The expression nests calls more than ${MAX_DEPTH} deep`, start);
    this.pos++; // (
    const args: ExpressionNode[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x29) {
      this.pos++;
    } else {
      for (;;) {
        this.skipWhitespace();
        args.push(this.parseValue());
        this.skipWhitespace();
        const next = this.text.charCodeAt(this.pos);
        if (next === 0x2c) {
          this.pos++;
          continue;
        }
        if (next === 0x29) {
          this.pos++;
          break;
        }
        if (this.pos >= this.text.length) this.fail(`Expected ')' to close the call of '${name}'`);
        if (next === 0x22) this.failDoubleQuote();
        this.fail(`Expected ',' or ')' in the call of '${name}' but found '${this.text[this.pos]}'`);
      }
    }
    this.depth--;
    let node: ExpressionNode = setPosition({ kind: 'call', name, args }, start);
    // Steps: .name, [index], each optionally null-safe with '?'.
    for (;;) {
      const save = this.pos;
      this.skipWhitespace();
      const stepStart = this.pos;
      let nullSafe = false;
      let code = this.text.charCodeAt(this.pos);
      if (code === 0x3f) {
        nullSafe = true;
        this.pos++;
        this.skipWhitespace();
        code = this.text.charCodeAt(this.pos);
        if (code !== 0x2e && code !== 0x5b) this.fail("'?' must be followed by '.' or '[', as in ?['name'] or ?.name");
      }
      if (code === 0x2e) {
        this.pos++;
        this.skipWhitespace();
        const nameStart = this.pos;
        if (!isIdentifierChar(this.text.charCodeAt(this.pos)) || this.pos >= this.text.length) {
          this.fail("Expected a property name after '.'; for names with spaces or symbols use ['name']", nameStart);
        }
        node = setPosition({ kind: 'property', target: node, name: this.readIdentifier(), nullSafe }, stepStart);
      } else if (code === 0x5b) {
        if (++this.depth > MAX_DEPTH) this.fail(`The expression nests more than ${MAX_DEPTH} deep`, stepStart);
        this.pos++;
        this.skipWhitespace();
        const index = this.parseValue();
        this.skipWhitespace();
        if (this.text.charCodeAt(this.pos) !== 0x5d) {
          if (this.pos >= this.text.length) this.fail("Expected ']' to close the index");
          this.fail(`Expected ']' to close the index but found '${this.text[this.pos]}'`);
        }
        this.pos++;
        this.depth--;
        node = setPosition({ kind: 'index', target: node, index, nullSafe }, stepStart);
      } else {
        this.pos = save;
        return node;
      }
    }
  }

  /** After a literal: '.x', '[…]' and '?' are only allowed after a function call. */
  private refuseSteps(): void {
    const save = this.pos;
    this.skipWhitespace();
    const code = this.text.charCodeAt(this.pos);
    if (code === 0x2e || code === 0x5b || code === 0x3f) {
      this.fail("Property access ('.name', '[index]', '?') can only follow a function call, as in json('{}')?['name']");
    }
    this.pos = save;
  }

  private parseString(): ExpressionNode {
    const start = this.pos;
    this.pos++;
    let value = '';
    let chunkStart = this.pos;
    for (;;) {
      const quote = this.text.indexOf("'", this.pos);
      if (quote < 0) this.fail('The string starting here is not closed with a single quote', start);
      if (this.text.charCodeAt(quote + 1) === 0x27) {
        value += this.text.slice(chunkStart, quote + 1);
        this.pos = quote + 2;
        chunkStart = this.pos;
        continue;
      }
      value += this.text.slice(chunkStart, quote);
      this.pos = quote + 1;
      break;
    }
    this.refuseSteps();
    return { kind: 'string', value };
  }

  private parseNumber(): ExpressionNode {
    const scanned = scanNumber(this.text, this.pos);
    if ('reason' in scanned) this.fail(scanned.reason, scanned.position);
    this.pos = scanned.end;
    this.refuseSteps();
    return scanned.node;
  }

  private readIdentifier(): string {
    const start = this.pos;
    while (this.pos < this.text.length && isIdentifierChar(this.text.charCodeAt(this.pos))) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && isDotNetWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private failDoubleQuote(): never {
    this.fail('Double quotes are not allowed in expressions; write strings in single quotes, as in \'text\' (a quote inside is doubled: \'don\'\'t\')');
  }

  private fail(message: string, position = this.pos): never {
    throw new ParseFailure(message, position);
  }
}
