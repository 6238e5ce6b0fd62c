import type { Diagnostic } from './diagnostics.js';
import { lineIndex, pointerOffsets } from './locate.js';

/**
 * The diagnostics with line and column added where their file is one of the texts: the place
 * the pointer names, or for something missing the nearest enclosing value that is there. Each
 * file is walked once, and only when something is reported about it.
 */
export function withPositions(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): Diagnostic[] {
  const located = new Map<string, { offsets: Map<string, number>; position: ReturnType<typeof lineIndex> }>();
  const locate = (file: string) => {
    let found = located.get(file);
    const text = texts.get(file);
    if (found === undefined && text !== undefined) {
      found = { offsets: pointerOffsets(text), position: lineIndex(text) };
      located.set(file, found);
    }
    return found;
  };
  return diagnostics.map((d) => {
    if (d.line !== undefined) return d;
    const file = locate(d.file);
    if (file === undefined) return d;
    let pointer = d.pointer;
    while (!file.offsets.has(pointer) && pointer !== '') pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    const offset = file.offsets.get(pointer);
    return offset === undefined ? d : { ...d, ...file.position(offset) };
  });
}
