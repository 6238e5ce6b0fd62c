import { childPointer } from '../input/json-pointer.js';
import { closest } from '../input/lenient/spellings.js';

/** Reports a mistake at a JSON pointer of the config; never returns. */
export type Fail = (pointer: string, message: string) => never;

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A key the config does not know is a mistake to name, with the key it was probably meant to be. */
export function refuseUnknownKeys(
  object: Record<string, unknown>,
  known: readonly string[],
  at: string,
  fail: Fail,
): void {
  for (const key of Object.keys(object)) {
    if (known.includes(key)) continue;
    const meant = closest(key, known);
    fail(
      childPointer(at, key),
      `unknown key ${JSON.stringify(key)}${meant === undefined ? '' : ` (did you mean "${meant}"?)`}; the keys here are ${known.join(', ')}`,
    );
  }
}
