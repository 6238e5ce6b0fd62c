import { badRequest } from '../errors.js';
import type { SortKey } from './sort.js';

/**
 * What an opaque RFC 9865 cursor carries: the position after the last resource of the page
 * (its sort key and id, so a store can continue with a keyset condition instead of an offset),
 * a fingerprint of the query it belongs to, and when it was issued.
 */
export interface CursorState {
  readonly key: SortKey;
  readonly id: string;
  readonly query: string;
  readonly issuedAt: number;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** JSON with every non-ASCII character escaped, so the text is bytes and base64url needs no UTF-8 codec. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function toBase64Url(ascii: string): string {
  let out = '';
  for (let i = 0; i < ascii.length; i += 3) {
    const n = (ascii.charCodeAt(i) << 16) | ((ascii.charCodeAt(i + 1) || 0) << 8) | (ascii.charCodeAt(i + 2) || 0);
    const chars = Math.min(4, Math.ceil(((ascii.length - i) * 8) / 6));
    for (let j = 0; j < chars; j++) out += ALPHABET[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

function fromBase64Url(text: string): string | undefined {
  let bits = 0;
  let buffer = 0;
  let out = '';
  for (const c of text) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) return undefined;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((buffer >> bits) & 255);
    }
  }
  return out;
}

/** An opaque, URL-safe cursor string (base64url of a small JSON array). */
export function encodeCursor(state: CursorState): string {
  return toBase64Url(asciiJson([1, state.key ?? null, state.id, state.query, state.issuedAt]));
}

/**
 * Decodes and checks a cursor: 400 invalidCursor when it is not one of ours or belongs to a
 * different query, 400 expiredCursor when it is older than `timeoutMs`.
 */
export function decodeCursor(cursor: string, query: string, timeoutMs: number, now = Date.now()): CursorState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(cursor) ?? '');
  } catch {
    throw badRequest('invalidCursor', 'the cursor is not one this server issued');
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || parsed[0] !== 1)
    throw badRequest('invalidCursor', 'the cursor is not one this server issued');
  const [, key, id, fingerprint, issuedAt] = parsed as [number, unknown, unknown, unknown, unknown];
  if (
    !(key === null || ['string', 'number', 'boolean'].includes(typeof key)) ||
    typeof id !== 'string' ||
    typeof fingerprint !== 'string' ||
    typeof issuedAt !== 'number'
  ) {
    throw badRequest('invalidCursor', 'the cursor is not one this server issued');
  }
  if (fingerprint !== query)
    throw badRequest('invalidCursor', 'the cursor belongs to a different filter or sort order');
  if (now - issuedAt > timeoutMs)
    throw badRequest('expiredCursor', 'the cursor has expired; start again with an empty cursor');
  return { key: key === null ? undefined : (key as SortKey), id, query: fingerprint, issuedAt };
}
