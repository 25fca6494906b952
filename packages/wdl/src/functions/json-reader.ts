// JSON text → expression values, as json() reads it (Newtonsoft's JToken.Parse):
// numbers with a point or exponent stay floats (json('{"f":5.0}') prints back as 5.0),
// integers beyond 2^53 become int64 bigints, a repeated key keeps its last value (moved to
// the end), and the lenient forms Newtonsoft accepts are read too: single-quoted strings,
// unquoted keys, comments, trailing commas, NaN and Infinity.
import { makeFloat, makeInteger, setOwn } from '../expressions/values.js';

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} at position ${position}`);
  }
}

const MAX_DEPTH = 1000;

export function readJson(text: string): unknown {
  const reader = new JsonReader(text);
  reader.skipSpace();
  const value = reader.value(0);
  reader.skipSpace();
  if (!reader.atEnd()) reader.fail(`Unexpected '${reader.peek()}' after the JSON value`);
  return value;
}

class JsonReader {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  fail(reason: string): never {
    throw new JsonSyntaxError(reason, this.pos);
  }

  skipSpace(): void {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(this.pos);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09 || code === 0xfeff || code === 0xa0) {
        this.pos++;
      } else if (code === 0x2f && text.charCodeAt(this.pos + 1) === 0x2f) {
        const end = text.indexOf('\n', this.pos);
        this.pos = end < 0 ? text.length : end + 1;
      } else if (code === 0x2f && text.charCodeAt(this.pos + 1) === 0x2a) {
        const end = text.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('Unterminated comment');
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail(`JSON nested more than ${MAX_DEPTH} deep`);
    const char = this.peek();
    switch (char) {
      case '{':
        return this.object(depth);
      case '[':
        return this.array(depth);
      case '"':
      case "'":
        return this.string(char);
      case '':
        return this.fail('Unexpected end of the JSON text');
      default:
        if (char === '-' || char === '+' || char === '.' || (char >= '0' && char <= '9')) return this.number();
        return this.word();
    }
  }

  private object(depth: number): Record<string, unknown> {
    this.pos++;
    const result: Record<string, unknown> = {};
    for (;;) {
      this.skipSpace();
      if (this.peek() === '}') {
        this.pos++;
        return result;
      }
      const quote = this.peek();
      const key = quote === '"' || quote === "'" ? this.string(quote) : this.bareKey();
      this.skipSpace();
      if (this.peek() !== ':') this.fail(`Expected ':' after the property name '${key}'`);
      this.pos++;
      this.skipSpace();
      const item = this.value(depth + 1);
      if (Object.prototype.hasOwnProperty.call(result, key)) delete result[key];
      setOwn(result, key, item);
      this.skipSpace();
      const next = this.peek();
      if (next === ',') {
        this.pos++;
      } else if (next !== '}') {
        this.fail(next === '' ? "Expected '}' to close the object" : `Expected ',' or '}' but found '${next}'`);
      }
    }
  }

  private array(depth: number): unknown[] {
    this.pos++;
    const result: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.peek() === ']') {
        this.pos++;
        return result;
      }
      result.push(this.value(depth + 1));
      this.skipSpace();
      const next = this.peek();
      if (next === ',') {
        this.pos++;
      } else if (next !== ']') {
        this.fail(next === '' ? "Expected ']' to close the array" : `Expected ',' or ']' but found '${next}'`);
      }
    }
  }

  private bareKey(): string {
    const start = this.pos;
    while (this.pos < this.text.length && /[A-Za-z0-9_$]/.test(this.text[this.pos] as string)) this.pos++;
    if (this.pos === start) this.fail(`Expected a property name but found '${this.peek()}'`);
    return this.text.slice(start, this.pos);
  }

  private string(quote: string): string {
    const start = this.pos;
    this.pos++;
    let result = '';
    let chunkStart = this.pos;
    const text = this.text;
    for (;;) {
      if (this.pos >= text.length) {
        this.pos = start;
        this.fail('Unterminated string');
      }
      const char = text[this.pos];
      if (char === quote) {
        result += text.slice(chunkStart, this.pos);
        this.pos++;
        return result;
      }
      if (char === '\\') {
        result += text.slice(chunkStart, this.pos);
        const escape = text[this.pos + 1];
        this.pos += 2;
        switch (escape) {
          case '"':
          case "'":
          case '\\':
          case '/':
            result += escape;
            break;
          case 'b':
            result += '\b';
            break;
          case 'f':
            result += '\f';
            break;
          case 'n':
            result += '\n';
            break;
          case 'r':
            result += '\r';
            break;
          case 't':
            result += '\t';
            break;
          case 'u': {
            const hex = text.slice(this.pos, this.pos + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(`Invalid \\u escape '\\u${hex}'`);
            result += String.fromCharCode(parseInt(hex, 16));
            this.pos += 4;
            break;
          }
          default:
            this.pos -= 2;
            this.fail(`Invalid escape '\\${escape ?? ''}'`);
        }
        chunkStart = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private number(): unknown {
    const start = this.pos;
    const match = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) {
      if (this.text.startsWith('-Infinity', this.pos)) {
        this.pos += 9;
        return -Infinity;
      }
      this.fail(`Unexpected '${this.peek()}'`);
    }
    const literal = match[0];
    this.pos += literal.length;
    if (/[.eE]/.test(literal)) return makeFloat(Number(literal));
    const value = makeInteger(BigInt(literal.replace(/^\+/, '')));
    if (value === undefined) return makeFloat(Number(literal));
    if (start >= 0 && /[A-Za-z_]/.test(this.peek())) this.fail(`Unexpected '${this.peek()}' in a number`);
    return value;
  }

  private word(): unknown {
    const start = this.pos;
    while (this.pos < this.text.length && /[A-Za-z]/.test(this.text[this.pos] as string)) this.pos++;
    const word = this.text.slice(start, this.pos);
    switch (word) {
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
      case 'undefined':
        return null;
      case 'NaN':
        return NaN;
      case 'Infinity':
        return Infinity;
      default:
        this.pos = start;
        return this.fail(word ? `Unexpected '${word}'` : `Unexpected '${this.peek()}'`);
    }
  }
}
