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

/** Characters of an attribute path or keyword: ATTRNAME characters, "$", and what URNs use (":" and "."). */
const WORD = /[A-Za-z0-9_$:.\-]+/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const SPACE = /[ \t\r\n]+/y;

/** 1-based position for messages, as a person counts characters. */
export function at(offset: number): string {
  return `at character ${offset + 1}`;
}

export function filterError(kind: 'invalidFilter' | 'invalidPath', message: string, offset: number): Error {
  return badRequest(kind, `${message} ${at(offset)}`);
}

/** Splits filter or path text into tokens; string values are decoded with JSON's escapes. */
export function tokenize(text: string, kind: 'invalidFilter' | 'invalidPath'): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    SPACE.lastIndex = i;
    if (SPACE.test(text)) {
      i = SPACE.lastIndex;
      continue;
    }
    const c = text[i]!;
    if (c === '(' || c === ')' || c === '[' || c === ']') {
      tokens.push({ type: c, text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) throw filterError(kind, 'unterminated or malformed string', i);
      let value: string;
      try {
        value = JSON.parse(text.slice(i, end)) as string;
      } catch {
        throw filterError(kind, 'malformed string escape', i);
      }
      tokens.push({ type: 'string', text: text.slice(i, end), value, start: i, end });
      i = end;
      continue;
    }
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      WORD.lastIndex = i;
      const word = WORD.exec(text);
      if (m === null || (word !== null && word[0].length > m[0].length)) {
        throw filterError(kind, `"${(word?.[0] ?? c).slice(0, 40)}" is neither a number nor an attribute name`, i);
      }
      tokens.push({ type: 'number', text: m[0], value: Number(m[0]), start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text);
    if (word === null) throw filterError(kind, `unexpected character ${JSON.stringify(c)}`, i);
    tokens.push({ type: 'word', text: word[0], start: i, end: i + word[0].length });
    i += word[0].length;
  }
  tokens.push({ type: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}

/** Offset just past the closing quote of a JSON string starting at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) i++;
    else if (c < 0x20) return -1;
  }
  return -1;
}
