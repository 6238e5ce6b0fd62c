import { badRequest } from './errors.js';

/**
 * The deepest nesting a request body may have. A SCIM resource nests five levels at most
 * (resource → extension → multi-valued complex → value), a /Bulk request about a dozen; a limit
 * well above that keeps every recursive walk of the input (validation, PATCH, bulkId references,
 * audit redaction) far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a database can store the text as it is. PostgreSQL refuses NUL in text and jsonb, and
 * neither database keeps a lone UTF-16 surrogate (it is not a Unicode scalar value), so such text
 * is refused at the door for every store alike.
 */
export function isStorableText(text: string): boolean {
  return !SUSPECT.test(text) || (!text.includes('\u0000') && !LONE_SURROGATE.test(text));
}

/** NUL or any surrogate: rare, so the exact test below runs only for text that has one. */
const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, for messages. */
function unstorableReason(text: string): string {
  return text.includes('\u0000') ? 'holds a NUL character (\\u0000)' : 'holds a lone UTF-16 surrogate';
}

/** A JSON pointer token (RFC 6901). */
function pointerToken(key: string | number): string {
  return String(key)
    .replace(/~/g, '~0')
    .replace(/\//g, '~1')
    .replace(/[\u0000-\u001f\uD800-\uDFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Checks a parsed request body before anything reads it: 400 invalidSyntax when it nests deeper
 * than `maxDepth`, 400 invalidValue when a string or a key cannot be stored. The walk is bounded by
 * `maxDepth`, so it cannot itself run out of stack.
 */
export function checkRequestJson(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  walk(value, [], maxDepth);
}

/** `path` holds the keys down to `value`; the pointer is written only for a message. */
function walk(value: unknown, path: (string | number)[], maxDepth: number): void {
  if (typeof value === 'string') {
    if (!isStorableText(value))
      throw badRequest('invalidValue', `the string at ${pointer(path)} ${unstorableReason(value)}`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (path.length >= maxDepth)
    throw badRequest('invalidSyntax', `the request body nests deeper than ${maxDepth} levels at ${pointer(path)}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, maxDepth);
      path.pop();
    }
    return;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    path.push(key);
    if (!isStorableText(key))
      throw badRequest('invalidValue', `the member name at ${pointer(path)} ${unstorableReason(key)}`);
    walk(object[key], path, maxDepth);
    path.pop();
  }
}

function pointer(path: readonly (string | number)[]): string {
  return path.length === 0 ? '/' : path.map((key) => `/${pointerToken(key)}`).join('');
}
