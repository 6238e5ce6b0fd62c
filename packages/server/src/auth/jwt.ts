import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { BEARER_TOKEN_SCHEME } from './bearer.js';
import { credentials, realmOf, type AuthStrategy, type Principal } from './strategy.js';

export interface JwtBearerOptions {
  /** HMAC secret (HS256/384/512) shared with the token issuer, at least 32 bytes. */
  readonly secret?: string | Uint8Array;
  /** The issuer's public keys: a JWKS URL (fetched and cached) or the key set itself. */
  readonly jwks?: string | URL | JSONWebKeySet;
  /** Required `iss`. */
  readonly issuer: string | readonly string[];
  /** Required `aud` (one of). */
  readonly audience: string | readonly string[];
  /** Accepted algorithms (default: HS256 with a secret, RS256 and ES256 with keys). */
  readonly algorithms?: readonly string[];
  /** Leeway for exp and nbf, in seconds (default 30). */
  readonly clockToleranceSeconds?: number;
  readonly realm?: string;
  /**
   * The scopes of a token that carries none (no `scope` or `scp` claim): an issuer that knows
   * nothing of SCIM scopes still gets in with these; without them such a token may do nothing (403).
   */
  readonly defaultScopes?: readonly string[];
}

/** The scopes of a token: the space-separated `scope` claim (RFC 8693) or an `scp` array. */
function scopesOf(payload: JWTPayload): Set<string> {
  const scope = payload['scope'];
  const scp = payload['scp'];
  const list = typeof scope === 'string' ? scope.split(' ') : Array.isArray(scp) ? scp : [];
  return new Set(list.filter((s): s is string => typeof s === 'string' && s !== ''));
}

const hasScopeClaim = (payload: JWTPayload) => payload['scope'] !== undefined || payload['scp'] !== undefined;

/**
 * Bearer JWTs verified with jose: signature (a shared secret or the issuer's JWKS), issuer,
 * audience, expiry and not-before. The token's scopes decide what it may do (`scim:user:read`,
 * `scim:user:write`, `scim:group:read`, `scim:group:write`, `scim:group:delete`, `scim:info`);
 * a missing scope is a 403, not a 401.
 */
export function jwtBearer(options: JwtBearerOptions): AuthStrategy {
  if ((options.secret === undefined) === (options.jwks === undefined))
    throw new Error('jwtBearer needs exactly one of secret and jwks');
  const key =
    options.secret !== undefined
      ? typeof options.secret === 'string'
        ? new TextEncoder().encode(options.secret)
        : options.secret
      : undefined;
  if (key !== undefined && key.length < 32) throw new Error('a JWT secret must be at least 32 bytes');
  const keys =
    options.jwks === undefined
      ? undefined
      : typeof options.jwks === 'string' || options.jwks instanceof URL
        ? createRemoteJWKSet(new URL(options.jwks))
        : createLocalJWKSet(options.jwks);
  const verifyOptions = {
    issuer: options.issuer as string | string[],
    audience: options.audience as string | string[],
    algorithms: [...(options.algorithms ?? (key !== undefined ? ['HS256'] : ['RS256', 'ES256']))],
    clockTolerance: options.clockToleranceSeconds ?? 30,
  };
  const realm = realmOf(options.realm);
  return {
    scheme: 'Bearer',
    authenticationScheme: {
      ...BEARER_TOKEN_SCHEME,
      name: 'OAuth Bearer Token (JWT)',
      description: 'Authentication with a signed JWT bearer token (RFC 6750, RFC 7519); scopes grant access',
    },
    challenge: (outcome) =>
      outcome.kind === 'refused'
        ? `Bearer realm="${realm}", error="invalid_token", error_description="${outcome.reason}"`
        : `Bearer realm="${realm}"`,
    async authenticate(request) {
      const token = credentials(request, 'Bearer');
      if (token === undefined) return { kind: 'absent' };
      try {
        const { payload } =
          key !== undefined ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, keys!, verifyOptions);
        const principal: Principal = {
          subject: typeof payload.sub === 'string' ? payload.sub : 'jwt',
          scopes: hasScopeClaim(payload) ? scopesOf(payload) : new Set(options.defaultScopes ?? []),
          via: 'jwt',
        };
        return { kind: 'accepted', principal };
      } catch (error) {
        // The reasons name the failed check, never the token.
        const reason =
          error instanceof errors.JWTExpired
            ? 'the token has expired'
            : error instanceof errors.JWTClaimValidationFailed
              ? `the token's ${error.claim} claim is not accepted`
              : 'the token is not valid';
        return { kind: 'refused', reason };
      }
    },
  };
}
