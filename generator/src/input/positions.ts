import type { Diagnostic } from './diagnostics.js';
import { pointerLocator } from './locate.js';

/**
 * The diagnostics with line and column added where their file is one of the texts: the place
 * the pointer names, or for something missing the nearest enclosing value that is there. Each
 * file is walked once, and only when something is reported about it.
 */
export function withPositions(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): Diagnostic[] {
  const locators = new Map<string, ReturnType<typeof pointerLocator>>();
  const locate = (file: string) => {
    let found = locators.get(file);
    const text = texts.get(file);
    if (found === undefined && text !== undefined) locators.set(file, (found = pointerLocator(text)));
    return found;
  };
  return diagnostics.map((d) => {
    if (d.line !== undefined) return d;
    const position = locate(d.file)?.(d.pointer);
    return position === undefined ? d : { ...d, ...position };
  });
}
