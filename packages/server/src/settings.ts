import { staticBearerTokens } from './auth/bearer.js';
import type { ScimServerOptions } from './options.js';

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
}

/**
 * Settings from the environment: HOST (default 127.0.0.1), PORT (default `defaults.port`),
 * SCIM_BASE_URL (default built from both and `defaults.basePath`) and SCIM_BEARER_TOKEN (several
 * separated by commas). Throws on a PORT that is not a port number.
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
  const tokens = (env['SCIM_BEARER_TOKEN'] ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
  return { host, port, basePath, baseUrl: env['SCIM_BASE_URL'] || `http://${host}:${port}${basePath}`, tokens };
}

/**
 * The options that require one of `tokens` on every request and say so in
 * ServiceProviderConfig; `auth: 'none'` (with a warning) when there are none.
 */
export function bearerTokenAuthentication(tokens: readonly string[]): Pick<ScimServerOptions, 'auth'> {
  // No token configured is a deliberate choice here (a development server): the server warns.
  return { auth: tokens.length === 0 ? 'none' : [staticBearerTokens(tokens)] };
}
