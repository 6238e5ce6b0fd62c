import { auditToFile } from './audit.js';
import { httpBasic, type BasicUser } from './auth/basic.js';
import { staticBearerTokens } from './auth/bearer.js';
import { jwtBearer } from './auth/jwt.js';
import type { AuthStrategy } from './auth/strategy.js';
import type { ScimServerOptions } from './options.js';

/** Bearer JWTs to accept: a shared secret or a JWKS URL, with the issuer and audience they must name. */
export interface JwtSettings {
  readonly secret?: string;
  readonly jwksUrl?: string;
  readonly issuer: string;
  readonly audience: string;
}

/** Where and how a server runs. */
export interface ServerSettings {
  readonly host: string;
  readonly port: number;
  /** The path of the SCIM base URL on this server. */
  readonly basePath: string;
  /** The base URL clients use: Location headers and meta.location are built from it. */
  readonly baseUrl: string;
  /** Bearer tokens accepted; with none, requests are not authenticated. */
  readonly tokens: readonly string[];
  readonly jwt?: JwtSettings | undefined;
  readonly basicUsers?: readonly BasicUser[];
  /** A file the audit log is appended to. */
  readonly auditFile?: string | undefined;
  /** How PATCHes that only add or remove members are answered (ScimServerOptions.memberPatchResponse). */
  readonly memberPatchResponse?: 'resource' | 'noContent' | undefined;
}

const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * Settings from the environment: HOST (default 127.0.0.1), PORT (default `defaults.port`),
 * SCIM_BASE_URL (default built from both and `defaults.basePath`), and how requests are
 * authenticated: SCIM_BEARER_TOKEN (several separated by commas), SCIM_JWT_SECRET or
 * SCIM_JWKS_URL with SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE, SCIM_BASIC_USERS
 * ("user:password,…"); SCIM_AUDIT_FILE for the audit log; SCIM_MEMBER_PATCH_RESPONSE ("resource"
 * or "noContent"). Throws, naming the variable, on a value it cannot use.
 */
export function readServerSettings(
  env: Readonly<Record<string, string | undefined>>,
  defaults: { readonly basePath: string; readonly port: number },
): ServerSettings {
  const host = env['HOST'] || '127.0.0.1';
  const port = Number(env['PORT'] || defaults.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not ${JSON.stringify(env['PORT'])}`);
  }
  const basePath = defaults.basePath;
  const secret = env['SCIM_JWT_SECRET'] || undefined;
  const jwksUrl = env['SCIM_JWKS_URL'] || undefined;
  let jwt: JwtSettings | undefined;
  if (secret !== undefined || jwksUrl !== undefined) {
    const issuer = env['SCIM_JWT_ISSUER'];
    const audience = env['SCIM_JWT_AUDIENCE'];
    if (!issuer || !audience)
      throw new Error('SCIM_JWT_SECRET and SCIM_JWKS_URL need SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE');
    if (secret !== undefined && jwksUrl !== undefined)
      throw new Error('set SCIM_JWT_SECRET or SCIM_JWKS_URL, not both');
    jwt = { issuer, audience, ...(secret !== undefined ? { secret } : { jwksUrl: jwksUrl! }) };
  }
  const basicUsers = list(env['SCIM_BASIC_USERS']).map((pair) => {
    const colon = pair.indexOf(':');
    if (colon < 1 || colon === pair.length - 1)
      throw new Error('SCIM_BASIC_USERS is "user:password", several separated by commas');
    return { username: pair.slice(0, colon), password: pair.slice(colon + 1) };
  });
  const memberPatchResponse = env['SCIM_MEMBER_PATCH_RESPONSE'] || undefined;
  if (memberPatchResponse !== undefined && memberPatchResponse !== 'resource' && memberPatchResponse !== 'noContent')
    throw new Error(
      `SCIM_MEMBER_PATCH_RESPONSE is "resource" or "noContent", not ${JSON.stringify(memberPatchResponse)}`,
    );
  return {
    host,
    port,
    basePath,
    baseUrl: env['SCIM_BASE_URL'] || `http://${host}:${port}${basePath}`,
    tokens: list(env['SCIM_BEARER_TOKEN']),
    jwt,
    basicUsers,
    auditFile: env['SCIM_AUDIT_FILE'] || undefined,
    memberPatchResponse,
  };
}

/**
 * The options that require one of `tokens` on every request and say so in
 * ServiceProviderConfig; `auth: 'none'` (with a warning) when there are none.
 */
export function bearerTokenAuthentication(tokens: readonly string[]): Pick<ScimServerOptions, 'auth'> {
  // No token configured is a deliberate choice here (a development server): the server warns.
  return { auth: tokens.length === 0 ? 'none' : [staticBearerTokens(tokens)] };
}

/**
 * Authentication and the audit log as the settings describe them: static tokens, JWTs and Basic
 * users, in that order; `auth: 'none'` (which warns) when none is configured.
 */
export function serverAuthentication(settings: ServerSettings): Pick<ScimServerOptions, 'auth' | 'audit'> {
  const strategies: AuthStrategy[] = [];
  if (settings.tokens.length > 0) strategies.push(staticBearerTokens(settings.tokens));
  if (settings.jwt !== undefined)
    strategies.push(
      jwtBearer({
        issuer: settings.jwt.issuer,
        audience: settings.jwt.audience,
        ...(settings.jwt.secret !== undefined ? { secret: settings.jwt.secret } : { jwks: settings.jwt.jwksUrl! }),
      }),
    );
  if (settings.basicUsers !== undefined && settings.basicUsers.length > 0)
    strategies.push(httpBasic(settings.basicUsers));
  return {
    auth: strategies.length === 0 ? 'none' : strategies,
    ...(settings.auditFile !== undefined ? { audit: auditToFile(settings.auditFile) } : {}),
  };
}
