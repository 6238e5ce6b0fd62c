import { childPointer } from './json-pointer.js';
import { scanLiteral, scanString } from './json-scan.js';

const WHITESPACE = /[ \t\n\r]*/y;

function skipWhitespace(text: string, at: number): number {
  WHITESPACE.lastIndex = at;
  WHITESPACE.exec(text);
  return WHITESPACE.lastIndex;
}

/**
 * Every RFC 6901 pointer of valid JSON text and where it lands: for an object member, its key
 * (the last of duplicates, as JSON.parse keeps the last); for an array item, the item; for "",
 * the document. One pass, so a file with thousands of diagnostics is walked once; nesting is
 * bounded by the loader's depth limit.
 */
export function pointerOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  const walk = (at: number, pointer: string): number => {
    const c = text[at];
    if (c === '"') return scanString(text, at);
    if (c === '{') {
      let i = skipWhitespace(text, at + 1);
      while (text[i] === '"') {
        const keyEnd = scanString(text, i);
        const member = childPointer(pointer, JSON.parse(text.slice(i, keyEnd)) as string);
        offsets.set(member, i);
        i = skipWhitespace(text, walk(skipWhitespace(text, skipWhitespace(text, keyEnd) + 1), member));
        if (text[i] === ',') i = skipWhitespace(text, i + 1);
      }
      return i + 1;
    }
    if (c === '[') {
      let i = skipWhitespace(text, at + 1);
      for (let index = 0; i < text.length && text[i] !== ']'; index++) {
        const item = childPointer(pointer, index);
        offsets.set(item, i);
        i = skipWhitespace(text, walk(i, item));
        if (text[i] === ',') i = skipWhitespace(text, i + 1);
      }
      return i + 1;
    }
    return scanLiteral(text, at);
  };
  const start = skipWhitespace(text, 0);
  offsets.set('', start);
  walk(start, '');
  return offsets;
}

/** Offset → 1-based line and column, through the offsets where lines start. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/**
 * Line and column of what a pointer names in valid JSON text, or for something missing of its
 * nearest enclosing value that is there. The text is walked once, on the first call.
 */
export function pointerLocator(text: string): (pointer: string) => { line: number; column: number } | undefined {
  let offsets: Map<string, number> | undefined;
  let position: ReturnType<typeof lineIndex> | undefined;
  return (pointer) => {
    offsets ??= pointerOffsets(text);
    position ??= lineIndex(text);
    let at = pointer;
    while (!offsets.has(at) && at !== '') at = at.slice(0, at.lastIndexOf('/'));
    const offset = offsets.get(at);
    return offset === undefined ? undefined : position(offset);
  };
}
