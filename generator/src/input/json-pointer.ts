/** Appends one reference token to an RFC 6901 JSON pointer. */
export function childPointer(pointer: string, token: string | number): string {
  const escaped = String(token).replace(/~/g, '~0').replace(/\//g, '~1');
  return `${pointer}/${escaped}`;
}
