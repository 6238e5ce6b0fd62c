import { createHash, timingSafeEqual } from 'node:crypto';
import { header } from './http.js';
import type { ScimRequest } from './types.js';

/** Decides whether a request may be answered; false is answered 401. */
export type Authenticator = (request: ScimRequest) => boolean | Promise<boolean>;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Accepts `Authorization: Bearer <token>` for any of the given tokens (RFC 6750), the scheme
 * Entra ID, Okta and OneLogin use for SCIM. Tokens are compared by digest in constant time, so
 * neither their length nor their content leaks through timing; they are never logged.
 */
export function bearerTokens(tokens: readonly string[]): Authenticator {
  if (tokens.length === 0 || tokens.some((t) => t === '')) throw new Error('bearerTokens needs non-empty tokens');
  const expected = tokens.map(digest);
  return (request) => {
    const value = header(request.headers, 'authorization');
    const match = value === undefined ? null : /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(value);
    if (match === null) return false;
    const given = digest(match[1]!);
    let ok = false;
    // Every token is compared, so the position of the matching one does not show in the timing either.
    for (const candidate of expected) ok = timingSafeEqual(candidate, given) || ok;
    return ok;
  };
}
