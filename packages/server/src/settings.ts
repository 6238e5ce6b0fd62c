import { PATCH_PROFILES, type PatchProfileName } from '@scimgen/runtime';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditToFile } from './audit.js';
import { readWorkerCount } from './workers.js';
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
  /** Bearer tokens accepted. */
  readonly tokens: readonly string[];
  readonly jwt?: JwtSettings | undefined;
  readonly basicUsers?: readonly BasicUser[];
  /** A file the audit log is appended to. */
  readonly auditFile?: string | undefined;
  /** How PATCHes that only add or remove members are answered (ScimServerOptions.memberPatchResponse). */
  readonly memberPatchResponse?: 'resource' | 'noContent' | undefined;
  /**
   * SCIM_AUTH=none: no credentials on purpose. Without it, settings with no credentials are an
   * error: a server never serves unauthenticated by accident.
   */
  readonly unauthenticated?: boolean;
  /** SCIM_CURSOR_KEY: the key cursors are signed with, shared by every process serving one database. */
  readonly cursorKey?: string | undefined;
  /** SCIM_WORKERS: how many processes serve requests (serveInWorkers); 1 by default. */
  readonly workers?: number;
  /** SCIM_PATCH_PROFILE, else the package's default: which IdP deviations PATCH and validation accept. */
  readonly profile?: PatchProfileName | undefined;
  /** SCIM_ADVERTISE_PAGINATION=1: ServiceProviderConfig carries the RFC 9865 `pagination` member. */
  readonly advertisePagination?: boolean;
}

/** The variables that configure credentials: set but empty is an error, never "no authentication". */
const CREDENTIAL_VARIABLES = ['SCIM_BEARER_TOKEN', 'SCIM_JWT_SECRET', 'SCIM_JWKS_URL', 'SCIM_BASIC_USERS'] as const;

/** Hosts only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
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
 * or "noContent"); SCIM_CURSOR_KEY; SCIM_WORKERS (a number of processes, or "auto");
 * SCIM_PATCH_PROFILE (the IdP deviations accepted; `defaults.profile` when unset);
 * SCIM_ADVERTISE_PAGINATION=1 (the RFC 9865 member in ServiceProviderConfig). Throws, naming the
 * variable, on a value it cannot use.
 *
 * Fails closed: with no credentials configured it throws, unless SCIM_AUTH=none says so on
 * purpose, and then only for a loopback HOST unless SCIM_AUTH_NONE_ON_ANY_ADDRESS=1 as well.
 */
export function readServerSettings(
  env: Readonly<Record<string, string | undefined>>,
  defaults: { readonly basePath: string; readonly port: number; readonly profile?: PatchProfileName },
): ServerSettings {
  const host = env['HOST'] || '127.0.0.1';
  const port = Number(env['PORT'] || defaults.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not ${JSON.stringify(env['PORT'])}`);
  }
  const basePath = defaults.basePath;
  for (const name of CREDENTIAL_VARIABLES)
    if (env[name] !== undefined && env[name]!.trim() === '')
      throw new Error(
        `${name} is set but empty; give it a value or unset it (an empty credential never means "no authentication")`,
      );
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
  const tokens = list(env['SCIM_BEARER_TOKEN']);
  if (env['SCIM_BEARER_TOKEN'] !== undefined && tokens.length === 0)
    throw new Error('SCIM_BEARER_TOKEN holds no token (tokens are separated by commas)');
  const unauthenticated = unauthenticatedOnPurpose(
    env,
    host,
    tokens.length > 0 || jwt !== undefined || basicUsers.length > 0,
  );
  const cursorKey = env['SCIM_CURSOR_KEY'];
  if (cursorKey !== undefined && cursorKey.length < 16)
    throw new Error('SCIM_CURSOR_KEY must be at least 16 characters');
  return {
    host,
    port,
    basePath,
    baseUrl: env['SCIM_BASE_URL'] || `http://${host}:${port}${basePath}`,
    tokens,
    jwt,
    basicUsers,
    auditFile: env['SCIM_AUDIT_FILE'] || undefined,
    memberPatchResponse,
    unauthenticated,
    cursorKey,
    workers: readWorkerCount(env['SCIM_WORKERS']),
    profile: readProfile(env['SCIM_PATCH_PROFILE'], defaults.profile),
    advertisePagination: readSwitch(env, 'SCIM_ADVERTISE_PAGINATION'),
  };
}

/** A yes/no variable: "1" or "true" is yes, unset, empty, "0" or "false" no; anything else an error. */
function readSwitch(env: Readonly<Record<string, string | undefined>>, name: string): boolean {
  const value = (env[name] ?? '').toLowerCase();
  if (value === '1' || value === 'true') return true;
  if (value === '' || value === '0' || value === 'false') return false;
  throw new Error(`${name} is 1 or 0, not ${JSON.stringify(env[name])}`);
}

/** SCIM_PATCH_PROFILE: a profile name, else the default given. */
function readProfile(value: string | undefined, fallback: PatchProfileName | undefined): PatchProfileName | undefined {
  if (value === undefined || value === '') return fallback;
  if (!Object.hasOwn(PATCH_PROFILES, value))
    throw new Error(
      `SCIM_PATCH_PROFILE is one of ${Object.keys(PATCH_PROFILES).join(', ')}, not ${JSON.stringify(value)}`,
    );
  return value as PatchProfileName;
}

/** SCIM_AUTH=none, checked: only with no credentials, and on loopback unless forced. */
function unauthenticatedOnPurpose(
  env: Readonly<Record<string, string | undefined>>,
  host: string,
  hasCredentials: boolean,
): boolean {
  const auth = env['SCIM_AUTH'];
  if (auth !== undefined && auth !== 'none')
    throw new Error(`SCIM_AUTH is "none" (serve without authentication) or unset, not ${JSON.stringify(auth)}`);
  if (auth === undefined) {
    if (!hasCredentials)
      throw new Error(
        'no credentials are configured: set SCIM_BEARER_TOKEN, SCIM_JWT_SECRET or SCIM_JWKS_URL (with SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE), or SCIM_BASIC_USERS; SCIM_AUTH=none serves without authentication on loopback',
      );
    return false;
  }
  if (hasCredentials) throw new Error('SCIM_AUTH=none and credentials are both set; choose one');
  if (!isLoopbackHost(host) && env['SCIM_AUTH_NONE_ON_ANY_ADDRESS'] !== '1')
    throw new Error(
      `SCIM_AUTH=none serves without authentication, so only on loopback; HOST is ${host} (SCIM_AUTH_NONE_ON_ANY_ADDRESS=1 allows it)`,
    );
  return true;
}

/**
 * The options that require one of `tokens` on every request and say so in
 * ServiceProviderConfig. No token is an error: serving without authentication is `auth: 'none'`,
 * said on purpose.
 */
export function bearerTokenAuthentication(tokens: readonly string[]): Pick<ScimServerOptions, 'auth'> {
  return { auth: [staticBearerTokens(tokens)] };
}

/**
 * Authentication and the audit log as the settings describe them: static tokens,
 * JWTs and Basic users, in that order; `auth: 'none'` (which warns) only when the settings say
 * `unauthenticated`, else no credentials is an error.
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
  if (strategies.length === 0 && settings.unauthenticated !== true)
    throw new Error('no credentials are configured; SCIM_AUTH=none serves without authentication on purpose');
  return {
    auth: strategies.length === 0 ? 'none' : strategies,
    ...(settings.auditFile !== undefined ? { audit: auditToFile(settings.auditFile) } : {}),
  };
}

/**
 * The cursor key kept in a file (created with a random key, readable by this user only, on first
 * use), so every server process on this machine's data folder signs cursors alike and a cursor
 * survives a restart. Processes on several machines share SCIM_CURSOR_KEY instead.
 */
export function persistentCursorKey(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // "wx": when two processes start at once, the second reads what the first wrote.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}
