import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { bodyText } from '../body.js';
import { header } from '../http.js';
import type { ScimRequest, ScimResponse } from '../types.js';
import { jwtBearer } from './jwt.js';
import { digestOf, matchesAny } from './secrets.js';
import type { AuthStrategy } from './strategy.js';

export interface OAuth2Client {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The scopes this client may be granted (`scim:user:read` …). */
  readonly scopes: readonly string[];
}

export interface OAuth2ClientCredentialsOptions {
  readonly clients: readonly OAuth2Client[];
  /** The HS256 key the issued tokens are signed with (at least 32 bytes); keep it secret. */
  readonly signingSecret: string;
  /** `iss` of the issued tokens (the token endpoint's URL is a good choice). */
  readonly issuer: string;
  /** `aud` of the issued tokens (the SCIM base URL). */
  readonly audience: string;
  /** Token lifetime in seconds (default 3600). */
  readonly expiresInSeconds?: number;
}

/** A built-in OAuth 2.0 authorization server for the client-credentials grant, and the strategy that accepts its tokens. */
export interface OAuth2ClientCredentials {
  /** Verifies the issued JWTs (signature, issuer, audience, expiry) and grants their scopes. */
  readonly strategy: AuthStrategy;
  /** Answers a token request (RFC 6749 §4.4); the server serves it at `<base>/oauth/token`. */
  tokenEndpoint(request: ScimRequest): Promise<ScimResponse>;
}

function reply(status: number, body: unknown, extra: Record<string, string> = {}): ScimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache', ...extra },
    body: JSON.stringify(body),
  };
}

/** The token request's parameters: form-encoded (RFC 6749) or JSON (what some IdP consoles send). */
function parameters(request: ScimRequest): Map<string, string> | undefined {
  const text = request.body === undefined ? '' : bodyText(request.body);
  if (text === undefined) return undefined;
  const type = (header(request.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return new Map(new URLSearchParams(text));
  if (type === 'application/json') {
    try {
      const json: unknown = JSON.parse(text);
      if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
      return new Map(Object.entries(json).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The client-credentials grant (RFC 6749 §4.4) as GLPI and Snapdocs offer it: a client posts its
 * id and secret (HTTP Basic or in the body) and gets a short-lived JWT carrying the scopes it was
 * granted. Client secrets are kept as digests and compared in constant time.
 */
export function oauth2ClientCredentials(options: OAuth2ClientCredentialsOptions): OAuth2ClientCredentials {
  if (options.clients.length === 0) throw new Error('oauth2ClientCredentials needs at least one client');
  const key = new TextEncoder().encode(options.signingSecret);
  if (key.length < 32) throw new Error('the OAuth2 signing secret must be at least 32 bytes');
  const clients = new Map(
    options.clients.map((c) => [c.clientId, { secret: [digestOf(c.clientSecret)], scopes: new Set(c.scopes) }]),
  );
  const unknownSecret = [digestOf(randomUUID())];
  const lifetime = options.expiresInSeconds ?? 3600;
  const strategy = jwtBearer({ secret: key, issuer: options.issuer, audience: options.audience });

  const tokenEndpoint = async (request: ScimRequest): Promise<ScimResponse> => {
    if (request.method.toUpperCase() !== 'POST')
      return reply(405, { error: 'invalid_request', error_description: 'use POST' }, { allow: 'POST' });
    const params = parameters(request);
    if (params === undefined)
      return reply(400, {
        error: 'invalid_request',
        error_description: 'send application/x-www-form-urlencoded or application/json parameters',
      });
    let clientId = params.get('client_id');
    let clientSecret = params.get('client_secret');
    const authorization = header(request.headers, 'authorization');
    const basic = authorization !== undefined && /^Basic\s/i.test(authorization);
    if (basic) {
      const decoded = Buffer.from(authorization.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon < 0 ? decoded.length : colon));
      clientSecret = colon < 0 ? '' : decodeURIComponent(decoded.slice(colon + 1));
    }
    const client = clientId === undefined ? undefined : clients.get(clientId);
    // The secret is compared even for an unknown client, so the timing does not tell which ids exist.
    const secretOk = matchesAny(client?.secret ?? unknownSecret, clientSecret ?? '');
    if (client === undefined || !secretOk)
      return reply(
        401,
        { error: 'invalid_client', error_description: 'unknown client or wrong secret' },
        basic ? { 'www-authenticate': 'Basic realm="token"' } : {},
      );
    if (params.get('grant_type') !== 'client_credentials')
      return reply(400, { error: 'unsupported_grant_type', error_description: 'only client_credentials is supported' });
    const audience = params.get('audience');
    if (audience !== undefined && audience !== options.audience)
      return reply(400, { error: 'invalid_request', error_description: 'unknown audience' });
    const requested = params.get('scope');
    const scopes = requested === undefined ? [...client.scopes] : requested.split(' ').filter((s) => s !== '');
    const refused = scopes.filter((s) => !client.scopes.has(s));
    if (refused.length > 0)
      return reply(400, { error: 'invalid_scope', error_description: `not granted: ${refused.join(' ')}` });
    const scope = scopes.sort().join(' ');
    const token = await new SignJWT({ scope })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(options.issuer)
      .setAudience(options.audience)
      .setSubject(clientId!)
      .setIssuedAt()
      .setExpirationTime(`${lifetime}s`)
      .setJti(randomUUID())
      .sign(key);
    return reply(200, { access_token: token, token_type: 'Bearer', expires_in: lifetime, scope });
  };
  return {
    strategy: {
      ...strategy,
      authenticationScheme: {
        type: 'oauth2',
        name: 'OAuth 2.0 client credentials',
        description:
          'Bearer JWTs issued by this server for the client-credentials grant (RFC 6749 §4.4) at /oauth/token',
        specUri: 'https://www.rfc-editor.org/info/rfc6749',
      },
    },
    tokenEndpoint,
  };
}
