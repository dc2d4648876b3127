// Recursive-descent parser for SCIM filters (RFC 7644 section 3.4.2.2) and PATCH
// paths (section 3.5.2). Attribute names resolve against the schema here, so an
// unknown attribute fails at parse time with a clear message.
import { invalidFilter, invalidPath, type ScimError } from './errors';
import { tokenize, type Token } from './filter-lexer';
import { lastDef, resolvePath, type ResolvedPath } from './schema';

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type CompValue = string | number | boolean | null;

export type Filter =
  | { kind: 'and' | 'or'; left: Filter; right: Filter }
  | { kind: 'not'; expr: Filter }
  | { kind: 'compare'; path: ResolvedPath; op: CompareOp; value: CompValue }
  | { kind: 'present'; path: ResolvedPath }
  | { kind: 'valuePath'; path: ResolvedPath; filter: Filter };

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const MAX_LENGTH = 10_000;
// Bounds recursion so a hostile "((((…" cannot overflow the stack.
const MAX_DEPTH = 50;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly fail: (detail: string) => ScimError,
  ) {}

  peek(): Token {
    return this.tokens[this.i] as Token;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i += 1;
    return t;
  }

  expect(kind: Token['kind'], what: string): Token {
    const t = this.next();
    if (t.kind !== kind) throw this.fail(`Expected ${what} at position ${t.pos}`);
    return t;
  }

  isKeyword(word: string): boolean {
    const t = this.peek();
    return t.kind === 'word' && t.value.toLowerCase() === word;
  }

  /** FILTER = term *("or" term), term = factor *("and" factor): "and" binds tighter. */
  parseOr(scope?: ResolvedPath): Filter {
    let left = this.parseAnd(scope);
    while (this.isKeyword('or')) {
      this.next();
      left = { kind: 'or', left, right: this.parseAnd(scope) };
    }
    return left;
  }

  parseAnd(scope?: ResolvedPath): Filter {
    let left = this.parseFactor(scope);
    while (this.isKeyword('and')) {
      this.next();
      left = { kind: 'and', left, right: this.parseFactor(scope) };
    }
    return left;
  }

  parseFactor(scope?: ResolvedPath): Filter {
    const t = this.peek();
    if (t.kind === '(' || (this.isKeyword('not') && this.tokens[this.i + 1]?.kind === '(')) {
      const negate = t.kind === 'word';
      if (negate) this.next();
      this.next();
      this.depth += 1;
      if (this.depth > MAX_DEPTH) throw this.fail(`Filter nests deeper than ${MAX_DEPTH} levels`);
      const inner = this.parseOr(scope);
      this.depth -= 1;
      this.expect(')', '")"');
      return negate ? { kind: 'not', expr: inner } : inner;
    }
    return this.parseAttrExpr(scope);
  }

  resolve(token: Token, scope?: ResolvedPath): ResolvedPath {
    if (token.kind !== 'word') throw this.fail(`Expected an attribute name at position ${token.pos}`);
    const path = resolvePath(token.value, scope);
    if (!path) throw this.fail(`Unknown attribute "${token.value}"`);
    return path;
  }

  parseAttrExpr(scope?: ResolvedPath): Filter {
    const path = this.resolve(this.next(), scope);
    if (this.peek().kind === '[') {
      if (scope) throw this.fail('Value filters cannot be nested');
      if (!lastDef(path).multiValued || lastDef(path).type !== 'complex') {
        throw this.fail(`"${path.text}" is not a multi-valued complex attribute`);
      }
      this.next();
      const inner = this.parseOr(path);
      this.expect(']', '"]"');
      return { kind: 'valuePath', path, filter: inner };
    }
    const opToken = this.next();
    if (opToken.kind !== 'word') throw this.fail(`Expected an operator after "${path.text}" at position ${opToken.pos}`);
    const op = opToken.value.toLowerCase();
    if (op === 'pr') return { kind: 'present', path };
    if (!COMPARE_OPS.has(op)) throw this.fail(`Unknown operator "${opToken.value}" at position ${opToken.pos}`);
    return { kind: 'compare', path, op: op as CompareOp, value: this.parseValue() };
  }

  parseValue(): CompValue {
    const t = this.next();
    if (t.kind === 'string') return t.value;
    if (t.kind === 'word') {
      const lower = t.value.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
      if (NUMBER.test(t.value)) return Number(t.value);
      throw this.fail(`Expected a quoted string, number, true, false or null at position ${t.pos}, got ${t.value}`);
    }
    throw this.fail(`Expected a value at position ${t.pos}`);
  }
}

export function parseFilter(text: string): Filter {
  if (text.trim() === '') throw invalidFilter('The filter is empty');
  if (text.length > MAX_LENGTH) throw invalidFilter(`The filter is longer than ${MAX_LENGTH} characters`);
  const parser = new Parser(tokenize(text, invalidFilter), invalidFilter);
  const filter = parser.parseOr();
  const rest = parser.peek();
  if (rest.kind !== 'eof') throw invalidFilter(`Unexpected input at position ${rest.pos}`);
  return filter;
}

/** A PATCH target: attrPath, attrPath[valFilter] or attrPath[valFilter].subAttr. */
export type PatchPath = { path: ResolvedPath; filter?: Filter; sub?: ResolvedPath };

export function parsePatchPath(text: string): PatchPath {
  if (text.trim() === '') throw invalidPath('The path is empty');
  if (text.length > MAX_LENGTH) throw invalidPath(`The path is longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(text, invalidPath);
  const parser = new Parser(tokens, invalidPath);
  const first = parser.next();
  if (first.kind !== 'word') throw invalidPath(`"${text}" is not an attribute path`);
  const path = resolvePath(first.value);
  if (!path) throw invalidPath(`Unknown attribute "${first.value}" in path "${text}"`);
  if (parser.peek().kind === 'eof') return { path };
  parser.expect('[', '"[" or the end of the path');
  if (!lastDef(path).multiValued || lastDef(path).type !== 'complex') {
    throw invalidPath(`"${path.text}" is not a multi-valued complex attribute`);
  }
  // Value filters inside a path are filters, but their failures are path failures here.
  const filter = parser.parseOr(path);
  parser.expect(']', '"]"');
  const after = parser.next();
  if (after.kind === 'eof') return { path, filter };
  if (after.kind !== 'word' || !after.value.startsWith('.') || parser.peek().kind !== 'eof') {
    throw invalidPath(`Unexpected input after "]" in path "${text}"`);
  }
  const sub = resolvePath(after.value.slice(1), path);
  if (!sub || sub.keys.length !== path.keys.length + 1) throw invalidPath(`Unknown sub-attribute "${after.value.slice(1)}"`);
  return { path, filter, sub };
}
