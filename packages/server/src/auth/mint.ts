import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

export interface MintOptions {
  /** The HS256 key the server verifies with (its SCIM_JWT_SECRET), at least 32 bytes. */
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  /** Who the token stands for (an identity server's name); shown as the principal. */
  readonly subject: string;
  /** What the token may do; none leaves it to the server's default scopes. */
  readonly scopes: readonly string[];
  /** Lifetime in seconds. */
  readonly expiresInSeconds: number;
  /** Issue time; the clock by default. */
  readonly now?: Date;
}

/**
 * A long-lived bearer JWT for an identity server that can only paste a token (GLPI's "Bearer"
 * security: a ten-year JWT), verified by `jwtBearer` with the same secret, issuer and audience.
 * Each carries its own `jti`; revoking every token minted with a secret means rotating the secret.
 */
export async function mintBearerToken(options: MintOptions): Promise<string> {
  const key = new TextEncoder().encode(options.secret);
  if (key.length < 32) throw new Error('the JWT secret must be at least 32 bytes');
  if (!Number.isSafeInteger(options.expiresInSeconds) || options.expiresInSeconds <= 0)
    throw new Error('a token must expire: give a positive lifetime');
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT(options.scopes.length === 0 ? {} : { scope: [...options.scopes].sort().join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(options.subject)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + options.expiresInSeconds)
    .setJti(randomUUID())
    .sign(key);
}
