/**
 * A single linear pass over JSON text that checks the grammar and the nesting depth before
 * JSON.parse sees it: V8's parse errors do not always carry a position, and a hostile
 * 100,000-deep array must be refused without recursion.
 */
export type ScanResult = { ok: true } | { ok: false; offset: number; message: string; tooDeep: boolean };

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function scanJson(text: string, maxDepth: number): ScanResult {
  let i = 0;
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  // What the grammar allows next.
  let expect = 'value' as Expect;

  const fail = (message: string, offset = i, tooDeep = false): ScanResult => ({ ok: false, offset, message, tooDeep });

  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (WHITESPACE.has(c)) {
      i++;
      continue;
    }
    switch (expect) {
      case 'end':
        return fail('unexpected text after the JSON value');
      case 'colon':
        if (c !== 0x3a) return fail("expected ':' after the property name");
        i++;
        expect = 'value';
        continue;
      case 'commaOrClose': {
        const open = stack[stack.length - 1];
        if (c === 0x2c) {
          i++;
          expect = open === 0x7b ? 'key' : 'value';
          continue;
        }
        if ((open === 0x7b && c === 0x7d) || (open === 0x5b && c === 0x5d)) {
          stack.pop();
          i++;
          expect = stack.length === 0 ? 'end' : 'commaOrClose';
          continue;
        }
        return fail(open === 0x7b ? "expected ',' or '}'" : "expected ',' or ']'");
      }
      case 'key':
      case 'keyOrClose':
        if (c === 0x7d && expect === 'keyOrClose') {
          stack.pop();
          i++;
          expect = stack.length === 0 ? 'end' : 'commaOrClose';
          continue;
        }
        if (c !== 0x22) return fail('expected a double-quoted property name');
        {
          const end = scanString(text, i);
          if (end < 0) return fail('unterminated or invalid string', -end - 1);
          i = end;
        }
        expect = 'colon';
        continue;
      case 'value':
      case 'valueOrClose':
        if (c === 0x5d && expect === 'valueOrClose') {
          stack.pop();
          i++;
          expect = stack.length === 0 ? 'end' : 'commaOrClose';
          continue;
        }
        if (c === 0x7b || c === 0x5b) {
          if (stack.length >= maxDepth) return fail(`nesting deeper than ${maxDepth} levels`, i, true);
          stack.push(c);
          i++;
          expect = c === 0x7b ? 'keyOrClose' : 'valueOrClose';
          continue;
        }
        if (c === 0x22) {
          const end = scanString(text, i);
          if (end < 0) return fail('unterminated or invalid string', -end - 1);
          i = end;
          expect = stack.length === 0 ? 'end' : 'commaOrClose';
          continue;
        }
        {
          const end = scanLiteral(text, i);
          if (end === i) return fail('expected a JSON value');
          i = end;
          expect = stack.length === 0 ? 'end' : 'commaOrClose';
          continue;
        }
    }
  }
  if (expect !== 'end') return fail('unexpected end of input');
  return { ok: true };
}

/** Returns the offset after the closing quote, or -(offset of the problem) - 1. */
export function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -i - 1;
    if (c === 0x5c) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return -i - 1;
        i += 6;
        continue;
      }
      if (next === undefined || !'"\\/bfnrt'.includes(next)) return -i - 1;
      i += 2;
      continue;
    }
    i++;
  }
  return -text.length - 1;
}

const LITERAL = /true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function scanLiteral(text: string, start: number): number {
  LITERAL.lastIndex = start;
  const m = LITERAL.exec(text);
  return m ? start + m[0].length : start;
}
