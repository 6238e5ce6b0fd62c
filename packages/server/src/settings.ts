import { bearerTokens } from './auth.js';
import type { AuthenticationScheme, ScimServerOptions } from './options.js';

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

/** How ServiceProviderConfig describes bearer tokens (RFC 7643 §5, RFC 6750). */
export const BEARER_TOKEN_SCHEME: AuthenticationScheme = {
  type: 'oauthbearertoken',
  name: 'OAuth Bearer Token',
  description: 'Authentication with a bearer token (RFC 6750)',
  specUri: 'https://www.rfc-editor.org/info/rfc6750',
  primary: true,
};

/**
 * The options that require one of `tokens` on every request and say so in
 * ServiceProviderConfig; none when there are no tokens.
 */
export function bearerTokenAuthentication(
  tokens: readonly string[],
): Pick<ScimServerOptions, 'authenticate' | 'authenticationSchemes'> {
  return tokens.length === 0
    ? {}
    : { authenticate: bearerTokens(tokens), authenticationSchemes: [BEARER_TOKEN_SCHEME] };
}
