/** Small helpers over parsed JSON, shared by PATCH and validation. */
export type Json = Record<string, unknown>;

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Short, bounded description of a value for messages (never the whole value). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return quote(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return `number ${value}`;
  return `${typeof value} ${String(value)}`;
}

/** JSON.stringify of a string, without its cost when there is nothing to escape (the usual case in messages). */
function quote(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Control characters, '"', '\\' and surrogates (a lone one is escaped) go the long way.
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff))
      return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 text (RFC 4648 §4), as RFC 7643 §2.3.6 binary values are. */
export function isBase64(value: string): boolean {
  return BASE64.test(value);
}
