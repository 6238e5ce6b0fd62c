import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { schemaDocuments } from '../../examples/acme-models/src/index.js';
import {
  createScimServer,
  httpBasic,
  httpDigest,
  jwtBearer,
  oauth2ClientCredentials,
  staticBearerTokens,
  type ScimServerOptions,
} from '../../packages/server/src/index.js';
import { REPO_ROOT } from '../helpers/fs.js';
import { start, type Running } from './app.js';
import { client } from './client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const SECRET = 'a-shared-secret-of-at-least-32-bytes!!';
const ISSUER = 'https://issuer.example';
const AUDIENCE = 'https://scim.example';
const ALL_SCOPES = [
  'scim:user:read',
  'scim:user:write',
  'scim:group:read',
  'scim:group:write',
  'scim:group:delete',
  'scim:info',
];

const jwt = (
  claims: Record<string, unknown> = {},
  options: { expires?: string; audience?: string; issuer?: string; secret?: string } = {},
) =>
  new SignJWT({ scope: ALL_SCOPES.join(' '), ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? AUDIENCE)
    .setSubject('idp')
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? SECRET));

async function serve(overrides: Partial<ScimServerOptions>): Promise<Running> {
  return start('node:http', overrides);
}

const as = (base: string, authorization?: string) => {
  const call = client(base);
  return (method: string, url: string, body?: unknown) =>
    call(method, url, {
      headers: authorization === undefined ? {} : { authorization },
      ...(body !== undefined ? { body } : {}),
    });
};

describe('static bearer tokens', () => {
  let running: Running;
  beforeAll(async () => {
    running = await serve({ auth: [staticBearerTokens(['old-token', 'new-token'])] });
  });
  afterAll(() => running.close());

  it('accepts every configured token, so one can be rotated out while the other works', async () => {
    for (const token of ['old-token', 'new-token'])
      expect((await as(running.base, `Bearer ${token}`)('GET', '/Users')).status).toBe(200);
  });

  it.each([
    [undefined, 'Bearer realm="SCIM"'],
    ['Bearer old-token-x', 'Bearer realm="SCIM", error="invalid_token"'],
    ['Bearer ', 'Bearer realm="SCIM"'],
    ['bearer OLD-TOKEN', 'Bearer realm="SCIM", error="invalid_token"'],
    ['Basic b2xkLXRva2VuOg==', 'Bearer realm="SCIM"'],
  ])('refuses %j with 401 and %j', async (authorization, challenge) => {
    const answer = await as(running.base, authorization)('GET', '/Users');
    expect(answer.status).toBe(401);
    expect(answer.json.status).toBe('401');
    expect(answer.headers.get('www-authenticate')).toBe(challenge);
    expect(answer.text).not.toContain('old-token');
  });
});

describe('JWT bearer tokens with scopes', () => {
  let running: Running;
  beforeAll(async () => {
    running = await serve({ auth: [jwtBearer({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE })] });
  });
  afterAll(() => running.close());

  it('accepts a valid token with the scopes it needs', async () => {
    const call = as(running.base, `Bearer ${await jwt()}`);
    expect((await call('POST', '/Users', { schemas: [USER], userName: 'jwt-user' })).status).toBe(201);
    expect((await call('GET', '/ServiceProviderConfig')).status).toBe(200);
  });

  it.each([
    ['an expired token', () => jwt({}, { expires: '-2m' }), /the token has expired/],
    ['another audience', () => jwt({}, { audience: 'https://other.example' }), /aud claim/],
    ['another issuer', () => jwt({}, { issuer: 'https://evil.example' }), /iss claim/],
    ['another key', () => jwt({}, { secret: 'x'.repeat(40) }), /not valid/],
    ['no token at all', async () => 'not-a-jwt', /not valid/],
  ])('refuses %s with 401 invalid_token', async (_what, token, reason) => {
    const answer = await as(running.base, `Bearer ${await token()}`)('GET', '/Users');
    expect(answer.status).toBe(401);
    expect(answer.json.detail).toMatch(reason);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="SCIM", error="invalid_token"/);
  });

  it.each([
    ['GET', '/Users', undefined, 'scim:user:read'],
    ['POST', '/Users', { schemas: [USER], userName: 'no-scope' }, 'scim:user:write'],
    [
      'POST',
      '/Groups/.search',
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] },
      'scim:group:read',
    ],
    ['DELETE', '/Users/some-id', undefined, 'scim:user:delete'],
    [
      'PATCH',
      '/Groups/some-id',
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] },
      'scim:group:write',
    ],
    ['GET', '/Schemas', undefined, 'scim:info'],
  ])('answers %s %s without %s with 403 insufficient_scope', async (method, url, body, scope) => {
    const others = ALL_SCOPES.filter((s) => s !== scope).join(' ');
    const answer = await as(running.base, `Bearer ${await jwt({ scope: others })}`)(method, url, body);
    expect(answer.status).toBe(403);
    expect(answer.json.detail).toContain(scope);
    expect(answer.headers.get('www-authenticate')).toBe(`Bearer error="insufficient_scope", scope="${scope}"`);
  });

  it('checks each /Bulk operation and the root search against the scopes', async () => {
    const call = as(running.base, `Bearer ${await jwt({ scope: 'scim:user:write scim:user:read' })}`);
    const bulk = await call('POST', '/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u', data: { schemas: [USER], userName: 'bulk-scoped' } },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g',
          data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'x' },
        },
      ],
    });
    expect(bulk.json.Operations.map((o: { status: string }) => o.status)).toEqual(['201', '403']);
    const search = await call('POST', '/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] });
    expect(search.status).toBe(200);
    expect(search.json.Resources.every((r: { meta: { resourceType: string } }) => r.meta.resourceType === 'User')).toBe(
      true,
    );
    const none = await as(running.base, `Bearer ${await jwt({ scope: 'scim:info' })}`)('POST', '/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
    });
    expect(none.status).toBe(403);
  });

  it('verifies RS256 tokens against a JWKS', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    const withKeys = await serve({ auth: [jwtBearer({ jwks: { keys: [jwk] }, issuer: ISSUER, audience: AUDIENCE })] });
    try {
      const sign = (key: Parameters<SignJWT['sign']>[0], alg: string) =>
        new SignJWT({ scope: 'scim:user:read' })
          .setProtectedHeader({ alg, kid: 'k1' })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime('5m')
          .sign(key);
      expect((await as(withKeys.base, `Bearer ${await sign(privateKey, 'RS256')}`)('GET', '/Users')).status).toBe(200);
      // A token signed with HS256 and the public key as its secret: the classic confusion attack.
      const confused = await sign(new TextEncoder().encode(JSON.stringify(jwk)), 'HS256');
      expect((await as(withKeys.base, `Bearer ${confused}`)('GET', '/Users')).status).toBe(401);
    } finally {
      await withKeys.close();
    }
  });

  it('refuses to configure a short secret or neither key', () => {
    expect(() => jwtBearer({ secret: 'short', issuer: ISSUER, audience: AUDIENCE })).toThrow('at least 32 bytes');
    expect(() => jwtBearer({ issuer: ISSUER, audience: AUDIENCE })).toThrow('exactly one of secret and jwks');
  });
});

describe('HTTP Basic and Digest', () => {
  it.each([
    ['no users', []],
    ['an empty username', [{ username: '', password: 'p' }]],
    ['an empty password', [{ username: 'u', password: '' }]],
  ])('refuses to configure %s', (_name, users) => {
    expect(() => httpBasic(users)).toThrow('httpBasic needs users with a username (without ":") and a password');
    expect(() => httpDigest(users)).toThrow('httpDigest needs users with a username (without quotes) and a password');
  });

  it('refuses usernames that would break the credentials', () => {
    expect(() => httpBasic([{ username: 'a:b', password: 'p' }])).toThrow('without ":"');
    expect(() => httpDigest([{ username: 'a"b', password: 'p' }])).toThrow('without quotes');
    expect(() => httpDigest([{ username: 'a\\b', password: 'p' }])).toThrow('without quotes');
  });

  let running: Running;
  const users = [{ username: 'glpi', password: 'correct horse' }];
  beforeAll(async () => {
    running = await serve({ auth: [httpDigest(users, { nonceLifetimeSeconds: 60 }), httpBasic(users)] });
  });
  afterAll(() => running.close());

  const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  it('accepts Basic with the right password and refuses anything else with both challenges', async () => {
    expect((await as(running.base, basic('glpi', 'correct horse'))('GET', '/Users')).status).toBe(200);
    for (const authorization of [basic('glpi', 'wrong'), basic('nobody', 'correct horse'), 'Basic !!!', undefined]) {
      const answer = await as(running.base, authorization)('GET', '/Users');
      expect(answer.status).toBe(401);
      const challenge = answer.headers.get('www-authenticate')!;
      expect(challenge).toContain('Basic realm="SCIM", charset="UTF-8"');
      expect(challenge).toMatch(/Digest realm="SCIM", qop="auth", algorithm=SHA-256, nonce="[^"]+"/);
      expect(challenge).toContain('algorithm=MD5');
    }
  });

  /** A Digest Authorization header for a challenge, as a client computes it (RFC 7616 §3.4.1). */
  const digestHeader = (
    challenge: string,
    algorithm: 'SHA-256' | 'MD5',
    method: string,
    uri: string,
    password: string,
    nc = '00000001',
  ) => {
    const part = challenge.split(/, (?=Digest )/).find((c) => c.includes(`algorithm=${algorithm}`))!;
    const nonce = /nonce="([^"]+)"/.exec(part)![1]!;
    const opaque = /opaque="([^"]+)"/.exec(part)![1]!;
    const h = (text: string) =>
      createHash(algorithm === 'MD5' ? 'md5' : 'sha256')
        .update(text)
        .digest('hex');
    const cnonce = 'abcdef0123456789';
    const response = h(`${h(`glpi:SCIM:${password}`)}:${nonce}:${nc}:${cnonce}:auth:${h(`${method}:${uri}`)}`);
    return `Digest username="glpi", realm="SCIM", nonce="${nonce}", uri="${uri}", algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}", opaque="${opaque}"`;
  };

  it.each(['SHA-256', 'MD5'] as const)('accepts Digest with %s, once per nonce count', async (algorithm) => {
    const challenge = (await as(running.base)('GET', '/Users')).headers.get('www-authenticate')!;
    const uri = '/scim/v2/Users';
    const header = digestHeader(challenge, algorithm, 'GET', uri, 'correct horse');
    expect((await as(running.base, header)('GET', '/Users')).status).toBe(200);
    // The same header again is a replay.
    expect((await as(running.base, header)('GET', '/Users')).status).toBe(401);
    expect(
      (
        await as(running.base, digestHeader(challenge, algorithm, 'GET', uri, 'correct horse', '00000002'))(
          'GET',
          '/Users',
        )
      ).status,
    ).toBe(200);
    expect(
      (await as(running.base, digestHeader(challenge, algorithm, 'GET', uri, 'wrong', '00000003'))('GET', '/Users'))
        .status,
    ).toBe(401);
    // A digest computed for another request target does not open this one.
    expect(
      (
        await as(
          running.base,
          digestHeader(challenge, algorithm, 'GET', '/scim/v2/Groups', 'correct horse', '00000004'),
        )('GET', '/Users')
      ).status,
    ).toBe(401);
  });

  it('answers an expired nonce with stale=true and a forged one as unknown', async () => {
    const quick = await serve({ auth: [httpDigest(users, { nonceLifetimeSeconds: 0 })] });
    try {
      const challenge = (await as(quick.base)('GET', '/Users')).headers.get('www-authenticate')!;
      await new Promise((r) => setTimeout(r, 5));
      const stale = await as(quick.base, digestHeader(challenge, 'SHA-256', 'GET', '/scim/v2/Users', 'correct horse'))(
        'GET',
        '/Users',
      );
      expect(stale.status).toBe(401);
      expect(stale.headers.get('www-authenticate')).toContain('stale=true');
      const forged = digestHeader(
        challenge.replace(/nonce="[^"]+"/g, 'nonce="abc.def"'),
        'SHA-256',
        'GET',
        '/scim/v2/Users',
        'correct horse',
      );
      expect((await as(quick.base, forged)('GET', '/Users')).json.detail).toContain('unknown nonce');
    } finally {
      await quick.close();
    }
  });
});

describe('the built-in OAuth 2.0 client-credentials token endpoint', () => {
  let running: Running;
  beforeAll(async () => {
    const oauth2 = oauth2ClientCredentials({
      clients: [
        { clientId: 'okta', clientSecret: 'okta-secret', scopes: ALL_SCOPES },
        { clientId: 'reader', clientSecret: 'reader-secret', scopes: ['scim:user:read'] },
      ],
      signingSecret: SECRET,
      issuer: 'https://scim.example/oauth',
      audience: AUDIENCE,
      expiresInSeconds: 600,
    });
    running = await serve({ auth: [], oauth2 });
  });
  afterAll(() => running.close());

  const token = (body: string, headers: Record<string, string>) =>
    fetch(`${running.base}/oauth/token`, { method: 'POST', body, headers }).then(async (r) => ({
      status: r.status,
      headers: r.headers,
      json: (await r.json()) as Record<string, unknown>,
    }));

  it('issues a scoped JWT for a form request with HTTP Basic client authentication, and it works', async () => {
    const answer = await token('grant_type=client_credentials', {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from('okta:okta-secret').toString('base64')}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.json).toMatchObject({
      token_type: 'Bearer',
      expires_in: 600,
      scope: [...ALL_SCOPES].sort().join(' '),
    });
    const call = as(running.base, `Bearer ${answer.json['access_token']}`);
    expect((await call('POST', '/Users', { schemas: [USER], userName: 'via-oauth' })).status).toBe(201);
  });

  it('takes the Snapdocs-style JSON request with the audience, and narrows scopes on request', async () => {
    const answer = await token(
      JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 'reader',
        client_secret: 'reader-secret',
        audience: AUDIENCE,
      }),
      { 'content-type': 'application/json' },
    );
    expect(answer.status).toBe(200);
    const call = as(running.base, `Bearer ${answer.json['access_token']}`);
    expect((await call('GET', '/Users')).status).toBe(200);
    expect((await call('POST', '/Users', { schemas: [USER], userName: 'reader-write' })).status).toBe(403);
  });

  it.each([
    ['a wrong secret', 'grant_type=client_credentials&client_id=okta&client_secret=nope', 401, 'invalid_client'],
    [
      'an unknown client',
      'grant_type=client_credentials&client_id=who&client_secret=okta-secret',
      401,
      'invalid_client',
    ],
    ['another grant', 'grant_type=password&client_id=okta&client_secret=okta-secret', 400, 'unsupported_grant_type'],
    [
      'a scope not granted',
      'grant_type=client_credentials&client_id=reader&client_secret=reader-secret&scope=scim:user:write',
      400,
      'invalid_scope',
    ],
    [
      'another audience',
      'grant_type=client_credentials&client_id=okta&client_secret=okta-secret&audience=x',
      400,
      'invalid_request',
    ],
  ])('refuses %s', async (_what, body, status, error) => {
    const answer = await token(body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(answer.status).toBe(status);
    expect(answer.json['error']).toBe(error);
    for (const secret of ['okta-secret', 'reader-secret', 'nope'])
      expect(JSON.stringify(answer.json)).not.toContain(secret);
  });

  it('refuses a body that is neither form nor JSON', async () => {
    expect((await token('grant_type=client_credentials', { 'content-type': 'text/plain' })).json['error']).toBe(
      'invalid_request',
    );
  });

  it('refuses a JSON body that does not parse, or is not an object', async () => {
    for (const body of ['{"grant_type": "client_credentials"', '["client_credentials"]', '"text"']) {
      const answer = await token(body, { 'content-type': 'application/json' });
      expect(answer.status).toBe(400);
      expect(answer.json['error']).toBe('invalid_request');
    }
  });
});

describe('choosing authentication', () => {
  const base = { baseUrl: 'http://x/scim/v2', schemas: schemaDocuments, resourceTypes: [] };

  it('is required: no auth is a configuration error, "none" a deliberate one that warns', () => {
    expect(() => createScimServer(base)).toThrow('choose how requests are authenticated');
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      createScimServer({ ...base, auth: 'none' });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('does not authenticate'), expect.anything());
    } finally {
      warn.mockRestore();
    }
    expect(() => createScimServer({ ...base, auth: [], authenticate: () => true })).toThrow(
      'either auth or authenticate',
    );
  });

  it('advertises exactly the configured schemes in ServiceProviderConfig', async () => {
    const scim = createScimServer({
      ...base,
      auth: [
        staticBearerTokens(['t']),
        httpBasic([{ username: 'u', password: 'p' }]),
        httpDigest([{ username: 'u', password: 'p' }]),
      ],
    });
    const answer = await scim.handle({
      method: 'GET',
      url: '/ServiceProviderConfig',
      headers: { authorization: 'Bearer t' },
    });
    const schemes = JSON.parse(answer.body!).authenticationSchemes;
    expect(schemes.map((s: { type: string; primary: boolean }) => [s.type, s.primary])).toEqual([
      ['oauthbearertoken', true],
      ['httpbasic', false],
      ['httpdigest', false],
    ]);
  });

  it('compares secrets only in constant time: no == on a token, password or secret (presence and type checks aside)', () => {
    const dir = path.join(REPO_ROOT, 'packages/server/src/auth');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect({
        file,
        found: text.match(/\b(token|secret|password|given|response)\w*\s*[!=]==?(?!=)(?!\s*(''|undefined|'string'))/gi),
      }).toEqual({
        file,
        found: null,
      });
    }
    expect(readFileSync(path.join(dir, 'secrets.ts'), 'utf8')).toContain('timingSafeEqual');
  });
});
