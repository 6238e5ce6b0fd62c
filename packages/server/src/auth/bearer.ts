import type { ScimRequest } from '../types.js';
import { digestOf, matchesAny } from './secrets.js';
import { credentials, realmOf, type AuthStrategy } from './strategy.js';

/** Decides whether a request may be answered; false is answered 401. */
export type Authenticator = (request: ScimRequest) => boolean | Promise<boolean>;

/** How ServiceProviderConfig describes bearer tokens (RFC 7643 §5, RFC 6750). */
export const BEARER_TOKEN_SCHEME = {
  type: 'oauthbearertoken',
  name: 'OAuth Bearer Token',
  description: 'Authentication with a bearer token (RFC 6750)',
  specUri: 'https://www.rfc-editor.org/info/rfc6750',
  primary: true,
} as const;

function checkTokens(tokens: readonly string[]): Buffer[] {
  if (tokens.length === 0 || tokens.some((t) => t === '')) throw new Error('bearer tokens must be non-empty');
  return tokens.map(digestOf);
}

/**
 * Static bearer tokens (RFC 6750), the scheme Entra ID, Okta and OneLogin use for SCIM: several
 * at once so a token can be rotated without downtime. Only SHA-256 digests are kept; a token is
 * compared with every one of them in constant time, and never logged.
 */
export function staticBearerTokens(tokens: readonly string[], options: { readonly realm?: string } = {}): AuthStrategy {
  const expected = checkTokens(tokens);
  const realm = realmOf(options.realm);
  return {
    scheme: 'Bearer',
    authenticationScheme: BEARER_TOKEN_SCHEME,
    challenge: (outcome) =>
      outcome.kind === 'refused' ? `Bearer realm="${realm}", error="invalid_token"` : `Bearer realm="${realm}"`,
    authenticate(request) {
      const token = credentials(request, 'Bearer');
      if (token === undefined) return { kind: 'absent' };
      return matchesAny(expected, token)
        ? { kind: 'accepted', principal: { subject: 'bearer token', scopes: 'all', via: 'bearer' } }
        : { kind: 'refused', reason: 'unknown bearer token' };
    },
  };
}

/** The same check as a plain Authenticator, for `authenticate`. */
export function bearerTokens(tokens: readonly string[]): Authenticator {
  const expected = checkTokens(tokens);
  return (request) => {
    const token = credentials(request, 'Bearer');
    return token !== undefined && !/\s/.test(token) && matchesAny(expected, token);
  };
}
