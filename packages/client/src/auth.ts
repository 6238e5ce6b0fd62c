/// <reference types="node" preserve="true" />
/**
 * How the client authenticates: it adds headers to each request and may renew its credentials
 * once when the server answers 401 (an expired OAuth2 token).
 */
export interface ClientAuth {
  headers(fetcher: typeof fetch): Promise<Record<string, string>>;
  /** Called after a 401; true when new credentials are worth one more try. */
  renew?(): boolean;
}

export function bearerToken(token: string): ClientAuth {
  return { headers: async () => ({ authorization: `Bearer ${token}` }) };
}

export function httpBasic(username: string, password: string): ClientAuth {
  const value = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  return { headers: async () => ({ authorization: value }) };
}

/** A header of the server's own (an API key). */
export function customHeader(name: string, value: string): ClientAuth {
  return { headers: async () => ({ [name.toLowerCase()]: value }) };
}

export interface OAuth2ClientCredentialsOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope?: string;
  readonly audience?: string;
  /** How the token request is sent (default form, as RFC 6749 says; some servers want JSON). */
  readonly contentType?: 'form' | 'json';
  /** Client id and secret in an HTTP Basic header (default) or in the body. */
  readonly clientAuthentication?: 'basic' | 'body';
  /** The field of the token response holding the token (ConnId's accessTokenNodeId); default access_token. */
  readonly tokenField?: string;
  /** Renew this many seconds before the token expires (default 30). */
  readonly earlySeconds?: number;
  readonly now?: () => number;
}

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): a token fetched on first use, cached until shortly
 * before it expires, and fetched again once when the server answers 401 anyway.
 */
export function oauth2ClientCredentials(options: OAuth2ClientCredentialsOptions): ClientAuth {
  const now = options.now ?? Date.now;
  let cached: { token: string; expires: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async (fetcher: typeof fetch): Promise<string> => {
    const params: Record<string, string> = { grant_type: 'client_credentials' };
    if (options.scope !== undefined) params['scope'] = options.scope;
    if (options.audience !== undefined) params['audience'] = options.audience;
    const headers: Record<string, string> = { accept: 'application/json' };
    if ((options.clientAuthentication ?? 'basic') === 'basic')
      headers['authorization'] = `Basic ${Buffer.from(
        `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`,
      ).toString('base64')}`;
    else {
      params['client_id'] = options.clientId;
      params['client_secret'] = options.clientSecret;
    }
    const json = options.contentType === 'json';
    headers['content-type'] = json ? 'application/json' : 'application/x-www-form-urlencoded';
    const response = await fetcher(options.tokenUrl, {
      method: 'POST',
      headers,
      body: json ? JSON.stringify(params) : new URLSearchParams(params).toString(),
    });
    const body = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    const token = body?.[options.tokenField ?? 'access_token'];
    if (!response.ok || typeof token !== 'string')
      throw new Error(
        `the token endpoint answered ${response.status}${typeof body?.['error'] === 'string' ? ` ${body['error']}` : ''}`,
      );
    const lifetime = typeof body?.['expires_in'] === 'number' ? body['expires_in'] : 3600;
    cached = { token, expires: now() + (lifetime - (options.earlySeconds ?? 30)) * 1000 };
    return token;
  };
  return {
    async headers(fetcher) {
      if (cached === undefined || now() >= cached.expires) {
        // One token request at a time, however many requests are waiting for it.
        pending ??= fetchToken(fetcher).finally(() => (pending = undefined));
        await pending;
      }
      return { authorization: `Bearer ${cached!.token}` };
    },
    renew() {
      cached = undefined;
      return true;
    },
  };
}
