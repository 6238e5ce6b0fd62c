import {
  COMPARE_OPS,
  DEFAULT_FILTER_LIMITS,
  type AttrPath,
  type CompareOp,
  type Filter,
  type FilterLimits,
  type FilterValue,
  type PatchPath,
} from './ast.js';
import { filterError, Lexer, type Token } from './lexer.js';

/** Operators by their two letters folded to lower case, looked up without allocating. */
const OPERATORS = new Map<number, CompareOp | 'pr'>(
  [...COMPARE_OPS, 'pr' as const].map((op) => [op.charCodeAt(0) * 256 + op.charCodeAt(1), op]),
);

function operatorOf(text: string): CompareOp | 'pr' | undefined {
  if (text.length !== 2) return undefined;
  return OPERATORS.get((text.charCodeAt(0) | 0x20) * 256 + (text.charCodeAt(1) | 0x20));
}

/** RFC 7643 §2.1 ATTRNAME (a letter, then letters, digits, "-" or "_"), or "$ref". */
function isAttrName(name: string): boolean {
  if (name === '$ref') return true;
  const first = name.charCodeAt(0) | 0x20;
  if (!(first >= 97 && first <= 122)) return false;
  for (let i = 1; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const letter = (c | 0x20) >= 97 && (c | 0x20) <= 122;
    if (!letter && !(c >= 48 && c <= 57) && c !== 45 && c !== 95) return false;
  }
  return true;
}

/** Case-insensitive comparison with a lower-case keyword, without allocating. */
function isKeywordText(text: string, keyword: string): boolean {
  if (text.length !== keyword.length) return false;
  for (let i = 0; i < text.length; i++) if ((text.charCodeAt(i) | 0x20) !== keyword.charCodeAt(i)) return false;
  return true;
}

type ErrorKind = 'invalidFilter' | 'invalidPath';

/** Recursive descent over RFC 7644 §3.4.2.2 Figure 1, with "not" > "and" > "or" precedence. */
class Parser {
  private readonly lexer: Lexer;
  private current: Token;
  private depth = 0;
  private terms = 0;

  constructor(
    private readonly text: string,
    private readonly kind: ErrorKind,
    private readonly limits: FilterLimits,
  ) {
    if (text.length > limits.maxLength) {
      throw filterError(
        kind,
        `filter is ${text.length} characters long; at most ${limits.maxLength} are accepted`,
        limits.maxLength,
      );
    }
    this.lexer = new Lexer(text, kind);
    this.current = this.lexer.next();
  }

  private peek(): Token {
    return this.current;
  }

  private next(): Token {
    const token = this.current;
    if (token.type !== 'eof') this.current = this.lexer.next();
    return token;
  }

  private fail(message: string, token: Token = this.peek()): never {
    throw filterError(this.kind, message, token.start);
  }

  private describe(token: Token): string {
    return token.type === 'eof' ? 'the end of the filter' : JSON.stringify(token.text.slice(0, 40));
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.type === 'word' && isKeywordText(token.text, keyword);
  }

  private enter(token: Token): void {
    if (++this.depth > this.limits.maxDepth)
      this.fail(`filter nests deeper than ${this.limits.maxDepth} levels`, token);
  }

  end(): void {
    const token = this.peek();
    if (token.type !== 'eof') this.fail(`expected "and", "or" or the end of the filter, found ${this.describe(token)}`);
  }

  filter(inValuePath = false): Filter {
    let left = this.conjunction(inValuePath);
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      const right = this.conjunction(inValuePath);
      left = { kind: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private conjunction(inValuePath: boolean): Filter {
    let left = this.unary(inValuePath);
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      const right = this.unary(inValuePath);
      left = { kind: 'and', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(inValuePath: boolean): Filter {
    const token = this.peek();
    if (this.isKeyword(token, 'not') && this.lexer.nextCharIs(40)) {
      this.next();
      const open = this.next();
      this.enter(open);
      const inner = this.filter(inValuePath);
      const close = this.expect(')', 'a closing ")"');
      this.depth--;
      return { kind: 'not', filter: inner, start: token.start, end: close.end };
    }
    if (token.type === '(') {
      this.next();
      this.enter(token);
      const inner = this.filter(inValuePath);
      this.expect(')', 'a closing ")"');
      this.depth--;
      return inner;
    }
    return this.attributeExpression(inValuePath);
  }

  private expect(type: Token['type'], what: string): Token {
    const token = this.peek();
    if (token.type !== type) this.fail(`expected ${what}, found ${this.describe(token)}`);
    return this.next();
  }

  private attributeExpression(inValuePath: boolean): Filter {
    const pathToken = this.peek();
    if (pathToken.type !== 'word') this.fail(`expected an attribute path, found ${this.describe(pathToken)}`);
    this.next();
    const path = this.attrPath(pathToken);
    if (++this.terms > this.limits.maxTerms)
      this.fail(`filter has more than ${this.limits.maxTerms} expressions`, pathToken);
    if (this.peek().type === '[') {
      const open = this.next();
      if (inValuePath) this.fail('a value path cannot contain another value path', open);
      this.enter(open);
      const inner = this.filter(true);
      const close = this.expect(']', 'a closing "]"');
      this.depth--;
      const after = this.peek();
      if (after.type === 'word' && after.start === close.end && after.text.charCodeAt(0) === 46) {
        // `emails[type eq "work"].value eq "x"`, which Entra ID sends: not in RFC 7644's grammar, but
        // its meaning is plain, the same as `emails[type eq "work" and value eq "x"]`.
        const name = after.text.slice(1);
        if (!isAttrName(name)) this.fail(`expected ".subAttribute" after "]", found ${this.describe(after)}`, after);
        this.next();
        const subPath: AttrPath = { uri: undefined, segments: [name], start: after.start + 1, end: after.end };
        const condition = this.comparison(subPath, after);
        return {
          kind: 'valuePath',
          path,
          filter: { kind: 'and', left: inner, right: condition, start: inner.start, end: condition.end },
          start: pathToken.start,
          end: condition.end,
        };
      }
      return { kind: 'valuePath', path, filter: inner, start: pathToken.start, end: close.end };
    }
    return this.comparison(path, pathToken);
  }

  /** The operator and value after an attribute path: `eq "x"`, `pr`. */
  private comparison(path: AttrPath, pathToken: Token): Filter {
    const opToken = this.peek();
    if (opToken.type !== 'word')
      this.fail(`expected an operator (eq, ne, co, sw, ew, gt, lt, ge, le, pr), found ${this.describe(opToken)}`);
    const op = operatorOf(opToken.text);
    this.next();
    if (op === 'pr') return { kind: 'present', path, start: pathToken.start, end: opToken.end };
    if (op === undefined)
      this.fail(
        `unknown operator ${JSON.stringify(opToken.text.slice(0, 20))}; expected eq, ne, co, sw, ew, gt, lt, ge, le or pr`,
        opToken,
      );
    const valueToken = this.peek();
    const value = this.value(valueToken);
    this.next();
    return { kind: 'compare', op, path, value, start: pathToken.start, end: valueToken.end };
  }

  private value(token: Token): FilterValue {
    if (token.type === 'string' || token.type === 'number') return token.value!;
    if (token.type === 'word') {
      const lower = token.text.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
      this.fail(
        `expected a value (a quoted string, a number, true, false or null), found ${this.describe(token)}; strings must be in double quotes`,
      );
    }
    this.fail(`expected a value (a quoted string, a number, true, false or null), found ${this.describe(token)}`);
  }

  attrPath(token: Token): AttrPath {
    const text = token.text;
    // One pass: an optional "urn:…:" prefix up to the last colon, then "."-separated ATTRNAMEs.
    let from = 0;
    let uri: string | undefined;
    if (text.length > 4 && isKeywordText(text.slice(0, 4), 'urn:')) {
      const colon = text.lastIndexOf(':');
      uri = text.slice(0, colon);
      from = colon + 1;
    }
    const segments: string[] = [];
    let start = from;
    for (let i = from; i <= text.length; i++) {
      if (i === text.length || text.charCodeAt(i) === 46) {
        segments.push(text.slice(start, i));
        start = i + 1;
      }
    }
    let valid = segments.length <= (uri === undefined ? 2 : 3);
    for (let i = 0; valid && i < segments.length; i++) valid = isAttrName(segments[i]!);
    if (!valid) this.fail(`${JSON.stringify(text.slice(0, 80))} is not a valid attribute path`, token);
    return { uri, segments, start: token.start, end: token.end };
  }

  singlePath(): AttrPath {
    const token = this.peek();
    if (token.type !== 'word') this.fail(`expected an attribute path, found ${this.describe(token)}`);
    this.next();
    const path = this.attrPath(token);
    if (this.peek().type !== 'eof')
      this.fail(`expected the end of the attribute path, found ${this.describe(this.peek())}`);
    return path;
  }

  patchPath(): PatchPath {
    const token = this.peek();
    if (token.type !== 'word') this.fail(`expected an attribute path, found ${this.describe(token)}`);
    this.next();
    const path = this.attrPath(token);
    let filter: Filter | undefined;
    let subAttribute: string | undefined;
    let end = token.end;
    if (this.peek().type === '[') {
      const open = this.next();
      this.enter(open);
      filter = this.filter(true);
      end = this.expect(']', 'a closing "]"').end;
      this.depth--;
      const after = this.peek();
      // After "]" the grammar allows only "." subAttr; the lexer reads ".value" as one word.
      if (after.type === 'word' && after.start === end) {
        if (after.text.charCodeAt(0) !== 46 || !isAttrName(after.text.slice(1)))
          this.fail(`expected ".subAttribute" after "]", found ${this.describe(after)}`, after);
        subAttribute = after.text.slice(1);
        end = after.end;
        this.next();
      }
    }
    this.end();
    return { path, filter, subAttribute, start: token.start, end };
  }
}

/** Parses a SCIM filter (RFC 7644 §3.4.2.2). Throws a 400 invalidFilter ScimError naming the position. */
export function parseFilter(text: string, limits: FilterLimits = DEFAULT_FILTER_LIMITS): Filter {
  const parser = new Parser(text, 'invalidFilter', limits);
  const filter = parser.filter();
  parser.end();
  return filter;
}

/** Parses a PATCH operation path (RFC 7644 §3.5.2). Throws a 400 invalidPath ScimError. */
export function parsePatchPath(text: string, limits: FilterLimits = DEFAULT_FILTER_LIMITS): PatchPath {
  return new Parser(text, 'invalidPath', limits).patchPath();
}

/** Parses a plain attribute path (attributes=, excludedAttributes=, sortBy=). Throws a 400 invalidPath ScimError. */
export function parseAttrPath(text: string): AttrPath {
  return new Parser(text, 'invalidPath', DEFAULT_FILTER_LIMITS).singlePath();
}
