import { UsageError, EXIT } from '../exit-codes.js';
import type { Logger } from '../logger.js';

export interface TokenFlags {
  readonly issuer?: string;
  readonly audience?: string;
  readonly subject?: string;
  readonly scope?: string[];
  readonly expires?: string;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, y: 365 * 86_400 };

/** "10y", "90d", "12h", "30m", "3600s" or a number of seconds. */
export function parseLifetime(text: string): number {
  const match = /^(\d+)([smhdy]?)$/.exec(text.trim());
  const seconds = match === null ? NaN : Number(match[1]) * UNIT_SECONDS[match[2] || 's']!;
  if (!Number.isSafeInteger(seconds) || seconds <= 0)
    throw new UsageError(
      `--expires is a lifetime such as 10y, 90d, 12h or 3600 (seconds), not ${JSON.stringify(text)}`,
    );
  return seconds;
}

/**
 * Mints a long-lived bearer JWT for an identity server that can only be given a token, signed
 * with the server's SCIM_JWT_SECRET (read from the environment, never the command line, so it
 * stays out of the process list and the shell history) and naming its issuer and audience.
 */
export async function tokenCommand(
  flags: TokenFlags,
  logger: Logger,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  const secret = env['SCIM_JWT_SECRET'];
  if (secret === undefined || secret === '')
    throw new UsageError("set SCIM_JWT_SECRET to the server's JWT secret (it is never taken from the command line)");
  if (Buffer.byteLength(secret) < 32) throw new UsageError('SCIM_JWT_SECRET must be at least 32 bytes');
  const issuer = flags.issuer ?? env['SCIM_JWT_ISSUER'];
  const audience = flags.audience ?? env['SCIM_JWT_AUDIENCE'];
  if (issuer === undefined || audience === undefined)
    throw new UsageError(
      "give --issuer and --audience (or set SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE), as the server's settings name them",
    );
  const scopes = (flags.scope ?? []).flatMap((s) => s.split(/[\s,]+/)).filter((s) => s !== '');
  const expiresInSeconds = parseLifetime(flags.expires ?? '10y');
  const subject = flags.subject ?? 'identity-server';
  // Loaded here: jose and the server library are for this command only.
  const { mintBearerToken } = await import('@scimgen/server');
  const token = await mintBearerToken({ secret, issuer, audience, subject, scopes, expiresInSeconds });
  process.stdout.write(`${token}\n`);
  const expires = new Date(Date.now() + expiresInSeconds * 1000).toISOString();
  logger.info(
    `token for ${subject}, ${scopes.length === 0 ? "the server's default scopes (SCIM_JWT_DEFAULT_SCOPES)" : `scopes ${scopes.join(' ')}`}, valid until ${expires}`,
  );
  return EXIT.ok;
}
