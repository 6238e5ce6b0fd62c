import { PATCH_PROFILES, type PatchProfileName } from '@scimgen/runtime';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { auditToFile } from './audit.js';
import { readWorkerCount } from './workers.js';
import { httpBasic, type BasicUser } from './auth/basic.js';
import { httpDigest } from './auth/digest.js';
import { oauth2ClientCredentials } from './auth/oauth2.js';
import { staticBearerTokens } from './auth/bearer.js';
import { jwtBearer } from './auth/jwt.js';
import type { AuthStrategy } from './auth/strategy.js';
import type { BulkOptions, ScimServerOptions } from './options.js';

/** Bearer JWTs to accept: a shared secret or a JWKS URL, with the issuer and audience they must name. */
export interface JwtSettings {
  readonly secret?: string;
  readonly jwksUrl?: string;
  readonly issuer: string;
  readonly audience: string;
  /** SCIM_JWT_DEFAULT_SCOPES: what a token without a scope claim may do. */
  readonly defaultScopes?: readonly string[];
}

/**
 * The built-in OAuth2 client-credentials token endpoint (`<base>/oauth/token`): its clients from
 * SCIM_OAUTH2_CLIENTS, each granted `scopes`, tokens signed with SCIM_OAUTH2_SIGNING_SECRET.
 */
export interface OAuth2Settings {
  readonly clients: readonly { readonly clientId: string; readonly clientSecret: string }[];
  readonly signingSecret: string;
  /** What every client may be granted (a token asks for a subset with `scope`). */
  readonly scopes: readonly string[];
  readonly expiresInSeconds: number;
  /** `aud` of the tokens, and the `audience` a token request may name; default the SCIM base URL. */
  readonly audience?: string | undefined;
}

/** What a generated server's config says about its OAuth2 token endpoint; clients come from the environment. */
export interface OAuth2Defaults {
  readonly scopes?: readonly string[];
  readonly expiresInSeconds?: number;
  readonly audience?: string;
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
  /** HTTP Digest users (SCIM_DIGEST_USERS). */
  readonly digestUsers?: readonly BasicUser[];
  /** The built-in OAuth2 token endpoint's clients and how it signs (SCIM_OAUTH2_CLIENTS). */
  readonly oauth2?: OAuth2Settings | undefined;
  /** SCIM_ALLOW_FROM: the addresses and CIDR ranges that may call at all. */
  readonly allowFrom?: readonly string[] | undefined;
  /** SCIM_TRUSTED_PROXIES: the proxies whose X-Forwarded-For names the client. */
  readonly trustedProxies?: readonly string[] | undefined;
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
  /** SCIM_BULK (on/off) and SCIM_BULK_MAX_OPERATIONS, over what the package was configured with. */
  readonly bulk?: { readonly enabled?: boolean; readonly maxOperations?: number } | undefined;
  /** SCIM_UNKNOWN_ATTRIBUTES: "ignore" (drop them with a note) or "reject" (400), over the package's setting. */
  readonly unknownAttributes?: 'ignore' | 'reject' | undefined;
}

/** The variables that configure credentials: set but empty is an error, never "no authentication". */
const CREDENTIAL_VARIABLES = [
  'SCIM_BEARER_TOKEN',
  'SCIM_JWT_SECRET',
  'SCIM_JWKS_URL',
  'SCIM_BASIC_USERS',
  'SCIM_DIGEST_USERS',
  'SCIM_OAUTH2_CLIENTS',
] as const;

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
 * SCIM_JWKS_URL with SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE (SCIM_JWT_DEFAULT_SCOPES: what a
 * token without scopes may do), SCIM_BASIC_USERS
 * ("user:password,…"), SCIM_DIGEST_USERS (the same, for HTTP Digest), SCIM_OAUTH2_CLIENTS
 * ("client-id:secret,…", the token endpoint at <base>/oauth/token, with SCIM_OAUTH2_SIGNING_SECRET
 * and `defaults.oauth2`); SCIM_ALLOW_FROM (addresses and CIDR ranges that may call at all) and
 * SCIM_TRUSTED_PROXIES (whose X-Forwarded-For counts); SCIM_AUDIT_FILE for the audit log; SCIM_MEMBER_PATCH_RESPONSE ("resource"
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
  defaults: {
    readonly basePath: string;
    readonly port: number;
    readonly profile?: PatchProfileName;
    readonly oauth2?: OAuth2Defaults;
  },
): ServerSettings {
  const { host, port } = readAddress(env, defaults.port);
  const basePath = defaults.basePath;
  const baseUrl = env['SCIM_BASE_URL'] || `http://${host}:${port}${basePath}`;
  const credentials = readCredentials(env, baseUrl, defaults.oauth2);
  const hasCredentials =
    credentials.tokens.length > 0 ||
    credentials.jwt !== undefined ||
    credentials.basicUsers.length > 0 ||
    credentials.digestUsers.length > 0 ||
    credentials.oauth2 !== undefined;
  const cursorKey = env['SCIM_CURSOR_KEY'];
  if (cursorKey !== undefined && cursorKey.length < 16)
    throw new Error('SCIM_CURSOR_KEY must be at least 16 characters');
  return {
    host,
    port,
    basePath,
    baseUrl,
    ...credentials,
    allowFrom: readAddressList(env, 'SCIM_ALLOW_FROM'),
    trustedProxies: readAddressList(env, 'SCIM_TRUSTED_PROXIES'),
    auditFile: env['SCIM_AUDIT_FILE'] || undefined,
    memberPatchResponse: readMemberPatchResponse(env['SCIM_MEMBER_PATCH_RESPONSE']),
    unauthenticated: unauthenticatedOnPurpose(env, host, hasCredentials),
    cursorKey,
    workers: readWorkerCount(env['SCIM_WORKERS']),
    profile: readProfile(env['SCIM_PATCH_PROFILE'], defaults.profile),
    advertisePagination: readSwitch(env, 'SCIM_ADVERTISE_PAGINATION'),
    bulk: readBulk(env),
    unknownAttributes: readUnknownAttributes(env['SCIM_UNKNOWN_ATTRIBUTES']),
  };
}

/** HOST (default 127.0.0.1) and PORT. */
function readAddress(env: Readonly<Record<string, string | undefined>>, defaultPort: number) {
  const host = env['HOST'] || '127.0.0.1';
  const port = Number(env['PORT'] || defaultPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, not ${JSON.stringify(env['PORT'])}`);
  }
  return { host, port };
}

/** Every credential variable; set but empty is an error, never "no authentication". */
function readCredentials(
  env: Readonly<Record<string, string | undefined>>,
  baseUrl: string,
  oauth2Defaults: OAuth2Defaults | undefined,
) {
  for (const name of CREDENTIAL_VARIABLES)
    if (env[name] !== undefined && env[name]!.trim() === '')
      throw new Error(
        `${name} is set but empty; give it a value or unset it (an empty credential never means "no authentication")`,
      );
  const tokens = list(env['SCIM_BEARER_TOKEN']);
  if (env['SCIM_BEARER_TOKEN'] !== undefined && tokens.length === 0)
    throw new Error('SCIM_BEARER_TOKEN holds no token (tokens are separated by commas)');
  return {
    tokens,
    jwt: readJwt(env),
    basicUsers: readUsers(env, 'SCIM_BASIC_USERS'),
    digestUsers: readUsers(env, 'SCIM_DIGEST_USERS'),
    oauth2: readOAuth2(env, baseUrl, oauth2Defaults),
  };
}

/** SCIM_JWT_SECRET or SCIM_JWKS_URL, with SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE. */
function readJwt(env: Readonly<Record<string, string | undefined>>): JwtSettings | undefined {
  const secret = env['SCIM_JWT_SECRET'] || undefined;
  const jwksUrl = env['SCIM_JWKS_URL'] || undefined;
  if (secret === undefined && jwksUrl === undefined) return undefined;
  const issuer = env['SCIM_JWT_ISSUER'];
  const audience = env['SCIM_JWT_AUDIENCE'];
  if (!issuer || !audience)
    throw new Error('SCIM_JWT_SECRET and SCIM_JWKS_URL need SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE');
  if (secret !== undefined && jwksUrl !== undefined) throw new Error('set SCIM_JWT_SECRET or SCIM_JWKS_URL, not both');
  const defaultScopes = (env['SCIM_JWT_DEFAULT_SCOPES'] ?? '').split(/[\s,]+/).filter((s) => s !== '');
  return {
    issuer,
    audience,
    ...(secret !== undefined ? { secret } : { jwksUrl: jwksUrl! }),
    ...(defaultScopes.length > 0 ? { defaultScopes } : {}),
  };
}

/** "name:secret" pairs separated by commas (the secret may hold colons). */
function readPairs(env: Readonly<Record<string, string | undefined>>, name: string, shape: string): [string, string][] {
  return list(env[name]).map((pair) => {
    const colon = pair.indexOf(':');
    if (colon < 1 || colon === pair.length - 1) throw new Error(`${name} is "${shape}", several separated by commas`);
    return [pair.slice(0, colon), pair.slice(colon + 1)];
  });
}

/** Basic or Digest users: "user:password" pairs. */
function readUsers(env: Readonly<Record<string, string | undefined>>, name: string): BasicUser[] {
  return readPairs(env, name, 'user:password').map(([username, password]) => ({ username, password }));
}

/**
 * SCIM_OAUTH2_CLIENTS ("client-id:secret,…") turns on the token endpoint; its tokens are signed
 * with SCIM_OAUTH2_SIGNING_SECRET (at least 32 characters; every process serving one database
 * needs the same one) for SCIM_OAUTH2_AUDIENCE (else the configured audience, else the base URL).
 */
function readOAuth2(
  env: Readonly<Record<string, string | undefined>>,
  baseUrl: string,
  defaults: OAuth2Defaults | undefined,
): OAuth2Settings | undefined {
  const clients = readPairs(env, 'SCIM_OAUTH2_CLIENTS', 'client-id:secret').map(([clientId, clientSecret]) => ({
    clientId,
    clientSecret,
  }));
  if (clients.length === 0) return undefined;
  const signingSecret = env['SCIM_OAUTH2_SIGNING_SECRET'] ?? '';
  if (Buffer.byteLength(signingSecret) < 32)
    throw new Error(
      'SCIM_OAUTH2_CLIENTS needs SCIM_OAUTH2_SIGNING_SECRET, at least 32 characters, to sign tokens with',
    );
  if (defaults?.scopes === undefined || defaults.scopes.length === 0)
    throw new Error('SCIM_OAUTH2_CLIENTS needs the scopes a client may be granted (defaults.oauth2.scopes)');
  return {
    clients,
    signingSecret,
    scopes: defaults.scopes,
    expiresInSeconds: defaults.expiresInSeconds ?? 3600,
    audience: env['SCIM_OAUTH2_AUDIENCE'] || defaults.audience || baseUrl,
  };
}

/** Addresses and CIDR ranges separated by commas; set but empty would lock everyone out, so it is an error. */
function readAddressList(env: Readonly<Record<string, string | undefined>>, name: string): string[] | undefined {
  if (env[name] === undefined) return undefined;
  const entries = list(env[name]);
  if (entries.length === 0) throw new Error(`${name} is set but names no address or CIDR range`);
  return entries;
}

/** SCIM_BULK=0|1 and SCIM_BULK_MAX_OPERATIONS=N; undefined when neither is set. */
function readBulk(env: Readonly<Record<string, string | undefined>>): ServerSettings['bulk'] {
  const switched = env['SCIM_BULK'] === undefined || env['SCIM_BULK'] === '' ? undefined : readSwitch(env, 'SCIM_BULK');
  const text = env['SCIM_BULK_MAX_OPERATIONS'];
  const maxOperations = text === undefined || text === '' ? undefined : Number(text);
  if (maxOperations !== undefined && !(Number.isSafeInteger(maxOperations) && maxOperations > 0))
    throw new Error(`SCIM_BULK_MAX_OPERATIONS is a positive number, not ${JSON.stringify(text)}`);
  if (switched === undefined && maxOperations === undefined) return undefined;
  return {
    ...(switched !== undefined ? { enabled: switched } : {}),
    ...(maxOperations !== undefined ? { maxOperations } : {}),
  };
}

function readUnknownAttributes(value: string | undefined): 'ignore' | 'reject' | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'ignore' || value === 'reject') return value;
  throw new Error(`SCIM_UNKNOWN_ATTRIBUTES is "ignore" or "reject", not ${JSON.stringify(value)}`);
}

/**
 * The /Bulk and unknown-attribute options of a generated package (its config's), with the
 * environment's settings over them: SCIM_BULK=0 turns /Bulk off, SCIM_BULK=1 on,
 * SCIM_BULK_MAX_OPERATIONS limits it (and turns it on), SCIM_UNKNOWN_ATTRIBUTES chooses.
 */
export function configuredOptions(
  settings: ServerSettings,
  configured: { readonly bulk?: BulkOptions | false; readonly unknownAttributes?: 'ignore' | 'reject' },
): Pick<ScimServerOptions, 'bulk' | 'validation'> {
  const bulk = bulkOption(configured.bulk, settings.bulk);
  const unknownAttributes = settings.unknownAttributes ?? configured.unknownAttributes;
  return {
    ...(bulk !== undefined ? { bulk } : {}),
    ...(unknownAttributes !== undefined ? { validation: { unknownAttributes } } : {}),
  };
}

/** /Bulk as configured, SCIM_BULK and SCIM_BULK_MAX_OPERATIONS over it; undefined: the server's default. */
function bulkOption(
  configured: BulkOptions | false | undefined,
  env: ServerSettings['bulk'],
): BulkOptions | false | undefined {
  if (env?.enabled === false) return false;
  const turnedOn = env?.enabled === true || env?.maxOperations !== undefined;
  if (configured === false && !turnedOn) return false;
  if (configured === undefined && env === undefined) return undefined;
  const limits = configured === false ? {} : (configured ?? {});
  return { ...limits, ...(env?.maxOperations !== undefined ? { maxOperations: env.maxOperations } : {}) };
}

function readMemberPatchResponse(value: string | undefined): 'resource' | 'noContent' | undefined {
  if (value === undefined || value === '' || value === 'resource' || value === 'noContent') return value || undefined;
  throw new Error(`SCIM_MEMBER_PATCH_RESPONSE is "resource" or "noContent", not ${JSON.stringify(value)}`);
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
        'no credentials are configured: set SCIM_BEARER_TOKEN, SCIM_JWT_SECRET or SCIM_JWKS_URL (with SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE), SCIM_BASIC_USERS, SCIM_DIGEST_USERS, or SCIM_OAUTH2_CLIENTS (with SCIM_OAUTH2_SIGNING_SECRET); SCIM_AUTH=none serves without authentication on loopback',
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
 * Who may call, and the audit log, as the settings describe them: static tokens, JWTs, Basic
 * and Digest users, in that order, the OAuth2 token endpoint, and the addresses allowed;
 * `auth: 'none'` (which warns) only when the settings say `unauthenticated`, else no
 * credentials is an error.
 */
export function serverAuthentication(
  settings: ServerSettings,
): Pick<ScimServerOptions, 'auth' | 'audit' | 'oauth2' | 'allowFrom' | 'trustedProxies'> {
  const strategies: AuthStrategy[] = [];
  if (settings.tokens.length > 0) strategies.push(staticBearerTokens(settings.tokens));
  if (settings.jwt !== undefined)
    strategies.push(
      jwtBearer({
        issuer: settings.jwt.issuer,
        audience: settings.jwt.audience,
        ...(settings.jwt.secret !== undefined ? { secret: settings.jwt.secret } : { jwks: settings.jwt.jwksUrl! }),
        ...(settings.jwt.defaultScopes !== undefined ? { defaultScopes: settings.jwt.defaultScopes } : {}),
      }),
    );
  if (settings.basicUsers !== undefined && settings.basicUsers.length > 0)
    strategies.push(httpBasic(settings.basicUsers));
  if (settings.digestUsers !== undefined && settings.digestUsers.length > 0)
    strategies.push(httpDigest(settings.digestUsers));
  const oauth2 = settings.oauth2 === undefined ? undefined : oauth2Server(settings.oauth2, settings.baseUrl);
  if (strategies.length === 0 && oauth2 === undefined && settings.unauthenticated !== true)
    throw new Error('no credentials are configured; SCIM_AUTH=none serves without authentication on purpose');
  return {
    // The token endpoint's own strategy is added by the server.
    auth: strategies.length === 0 && oauth2 === undefined ? 'none' : strategies,
    ...(oauth2 !== undefined ? { oauth2 } : {}),
    ...(settings.allowFrom !== undefined ? { allowFrom: settings.allowFrom } : {}),
    ...(settings.trustedProxies !== undefined ? { trustedProxies: settings.trustedProxies } : {}),
    ...(settings.auditFile !== undefined ? { audit: auditToFile(settings.auditFile) } : {}),
  };
}

/** The token endpoint the settings describe: every client granted the configured scopes. */
function oauth2Server(settings: OAuth2Settings, baseUrl: string) {
  return oauth2ClientCredentials({
    clients: settings.clients.map((c) => ({ ...c, scopes: settings.scopes })),
    signingSecret: settings.signingSecret,
    issuer: `${baseUrl}/oauth/token`,
    audience: settings.audience ?? baseUrl,
    expiresInSeconds: settings.expiresInSeconds,
  });
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
