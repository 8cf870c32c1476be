import type { JsonPath } from '../domain/framework/index.ts';

/**
 * A strict JSON reader for files people write by hand: on a syntax error it says where (line
 * and column, which Node 20's `JSON.parse` does not) and how to fix it; it refuses a field
 * that appears twice in one object (which `JSON.parse` silently resolves to the last one); on
 * success it knows the line of every value, so later validation messages can name the line.
 */

export type JsonDocument =
  | { ok: true; value: unknown; lineOf: (path: JsonPath) => number | undefined }
  | { ok: false; line: number; column: number; message: string };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/**
 * Parses JSON text, reporting the first syntax error with its line and column.
 *
 * @example
 * const doc = parseJsonDocument('{\n  "a": 1,\n}');
 * // { ok: false, line: 3, column: 1, message: 'trailing comma before "}": remove the comma' }
 */
export function parseJsonDocument(text: string): JsonDocument {
  const scanner = new Scanner(text);
  try {
    scanner.document();
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = scanner.position(error.offset);
    return { ok: false, line, column, message: error.message };
  }
  const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
  return { ok: true, value, lineOf: (path) => scanner.lineOf(path) };
}

class Scanner {
  private pos = 0;
  private readonly offsets = new Map<string, number>();

  constructor(private readonly text: string) {
    if (text.startsWith('\uFEFF')) this.pos = 1;
  }

  document(): void {
    this.value([]);
    this.whitespace();
    if (this.pos < this.text.length) {
      this.fail('unexpected text after the end of the JSON value: remove it');
    }
  }

  /** The line of the value at `path`, or of its nearest enclosing value. */
  lineOf(path: JsonPath): number | undefined {
    for (let n = path.length; n >= 0; n -= 1) {
      const offset = this.offsets.get(JSON.stringify(path.slice(0, n)));
      if (offset !== undefined) return this.position(offset).line;
    }
    return undefined;
  }

  position(offset: number): { line: number; column: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset && i < this.text.length; i += 1) {
      if (this.text[i] === '\n') {
        line += 1;
        lineStart = i + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  }

  private fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxError(message, offset);
  }

  private whitespace(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? '')) this.pos += 1;
  }

  private value(path: readonly (string | number)[]): void {
    this.whitespace();
    this.offsets.set(JSON.stringify(path), this.pos);
    const c = this.text[this.pos];
    if (c === '{') this.object(path);
    else if (c === '[') this.array(path);
    else if (c === '"') this.string();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.number();
    else if (this.text.startsWith('true', this.pos)) this.pos += 4;
    else if (this.text.startsWith('false', this.pos)) this.pos += 5;
    else if (this.text.startsWith('null', this.pos)) this.pos += 4;
    else this.unexpected('a value (object, array, string, number, true, false or null)');
  }

  private unexpected(expected: string): never {
    const c = this.text[this.pos];
    if (c === undefined) this.fail(`unexpected end of file: expected ${expected}`);
    if (c === '/') this.fail('comments are not allowed in JSON: remove the comment');
    if (c === "'") this.fail('strings and field names need double quotes ("), not single quotes');
    this.fail(`unexpected ${JSON.stringify(c)}: expected ${expected}`);
  }

  private object(path: readonly (string | number)[]): void {
    this.pos += 1;
    this.whitespace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return;
    }
    const keys = new Set<string>();
    for (;;) {
      this.whitespace();
      if (this.text[this.pos] === '}') this.fail('trailing comma before "}": remove the comma');
      if (this.text[this.pos] !== '"') this.unexpected('a field name in double quotes');
      const keyOffset = this.pos;
      const key = this.string();
      if (keys.has(key)) {
        this.fail(`field "${key}" appears twice in the same object: keep one`, keyOffset);
      }
      keys.add(key);
      this.whitespace();
      if (this.text[this.pos] !== ':') this.unexpected(`":" after the field name "${key}"`);
      this.pos += 1;
      this.value([...path, key]);
      this.whitespace();
      const c = this.text[this.pos];
      this.pos += 1;
      if (c === ',') continue;
      if (c === '}') return;
      this.pos -= 1;
      this.unexpected('"," between fields or "}" to close the object');
    }
  }

  private array(path: readonly (string | number)[]): void {
    this.pos += 1;
    this.whitespace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      this.whitespace();
      if (this.text[this.pos] === ']') this.fail('trailing comma before "]": remove the comma');
      this.value([...path, index]);
      this.whitespace();
      const c = this.text[this.pos];
      this.pos += 1;
      if (c === ',') continue;
      if (c === ']') return;
      this.pos -= 1;
      this.unexpected('"," between items or "]" to close the list');
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos += 1;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('unterminated string: add the closing "', start);
      if (c === '"') break;
      if (c === '\\') {
        const next = this.text[this.pos + 1] ?? '';
        if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
          this.pos += 6;
          continue;
        }
        if (!ESCAPES.has(next)) {
          this.fail(`invalid escape "\\${next}" in a string: write a backslash as "\\\\"`);
        }
        this.pos += 2;
        continue;
      }
      if (c < ' ') {
        this.fail(
          'line break or control character inside a string: close the string or write it as \\n',
        );
      }
      this.pos += 1;
    }
    this.pos += 1;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) this.fail('invalid number: write digits such as 15 or 7.5');
    this.pos += match[0].length;
  }
}
