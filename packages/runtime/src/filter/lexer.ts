import { isStorableText } from '../input.js';
import { badRequest } from '../errors.js';
import type { Span } from './ast.js';

export type TokenType = 'word' | 'string' | 'number' | '(' | ')' | '[' | ']' | 'eof';

export interface Token extends Span {
  readonly type: TokenType;
  /** Source text of the token. */
  readonly text: string;
  /** Decoded value of a string or number token. */
  readonly value?: string | number;
}

/** 1-based position for messages, as a person counts characters. */
export function at(offset: number): string {
  return `at character ${offset + 1}`;
}

export function filterError(kind: 'invalidFilter' | 'invalidPath', message: string, offset: number): Error {
  return badRequest(kind, `${message} ${at(offset)}`);
}

/** Characters of an attribute path or keyword: ATTRNAME characters, "$", and what URNs use (":" and "."). */
const WORD_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_$:.-') WORD_CHAR[c.charCodeAt(0)] = 1;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Reads filter or path text one token at a time, by character code: no regular expressions,
 * no token array, and strings without escapes sliced instead of going through JSON.parse.
 */
export class Lexer {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly kind: 'invalidFilter' | 'invalidPath',
  ) {}

  /** Whether the next character that is not a space is `code` (for "not" followed by "("). */
  nextCharIs(code: number): boolean {
    let i = this.position;
    while (i < this.text.length && isSpace(this.text.charCodeAt(i))) i++;
    return this.text.charCodeAt(i) === code;
  }

  next(): Token {
    const text = this.text;
    let i = this.position;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) {
      this.position = i;
      return { type: 'eof', text: '', start: text.length, end: text.length };
    }
    const c = text.charCodeAt(i);
    if (c === 40 || c === 41 || c === 91 || c === 93) {
      this.position = i + 1;
      return { type: text[i] as '(' | ')' | '[' | ']', text: text[i]!, start: i, end: i + 1 };
    }
    if (c === 34) return this.string(i);
    if (c === 45 || isDigit(c)) return this.number(i);
    if (c < 128 && WORD_CHAR[c] === 1) {
      const end = this.wordEnd(i);
      this.position = end;
      return { type: 'word', text: text.slice(i, end), start: i, end };
    }
    throw filterError(this.kind, `unexpected character ${JSON.stringify(text[i])}`, i);
  }

  private wordEnd(start: number): number {
    let i = start;
    while (i < this.text.length) {
      const c = this.text.charCodeAt(i);
      if (c >= 128 || WORD_CHAR[c] !== 1) break;
      i++;
    }
    return i;
  }

  private string(start: number): Token {
    const text = this.text;
    let escaped = false;
    let i = start + 1;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) {
        escaped = true;
        i++;
      } else if (c < 0x20) {
        i = text.length;
      }
    }
    if (i >= text.length) throw filterError(this.kind, 'unterminated or malformed string', start);
    const end = i + 1;
    let value: string;
    if (escaped) {
      try {
        value = JSON.parse(text.slice(start, end)) as string;
      } catch {
        throw filterError(this.kind, 'malformed string escape', start);
      }
    } else {
      value = text.slice(start + 1, i);
    }
    // Text no store can keep matches nothing stored; refused rather than sent to a database that errs.
    if (!isStorableText(value)) throw filterError(this.kind, 'the string holds NUL or a lone UTF-16 surrogate', start);
    this.position = end;
    return { type: 'string', text: text.slice(start, end), value, start, end };
  }

  /** JSON number grammar; a number running into letters ("12abc") is neither number nor name. */
  private number(start: number): Token {
    const text = this.text;
    let i = start;
    if (text.charCodeAt(i) === 45) i++;
    let valid = true;
    if (text.charCodeAt(i) === 48) i++;
    else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
    else valid = false;
    if (valid && text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
      i += 2;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    if (valid && (text.charCodeAt(i) | 0x20) === 101) {
      let j = i + 1;
      if (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45) j++;
      if (isDigit(text.charCodeAt(j))) {
        i = j + 1;
        while (isDigit(text.charCodeAt(i))) i++;
      }
    }
    const wordEnd = this.wordEnd(start);
    if (!valid || wordEnd > i) {
      throw filterError(
        this.kind,
        `"${text.slice(start, Math.max(wordEnd, start + 1)).slice(0, 40)}" is neither a number nor an attribute name`,
        start,
      );
    }
    this.position = i;
    const source = text.slice(start, i);
    return { type: 'number', text: source, value: Number(source), start, end: i };
  }
}
