import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaDocuments } from '../../examples/acme-models/src/index.js';
import {
  BEARER_TOKEN_SCHEME,
  bearerTokenAuthentication,
  bearerTokens,
  configuredOptions,
  createScimServer,
  persistentCursorKey,
  readServerSettings,
  serverAuthentication,
  staticBearerTokens,
  type AuthStrategy,
} from '../../packages/server/src/index.js';

const DEFAULTS = { basePath: '/scim/v2', port: 8080 };

describe('server settings from the environment', () => {
  it('defaults to loopback and the package port; no credentials only when SCIM_AUTH=none says so', () => {
    expect(readServerSettings({ SCIM_AUTH: 'none' }, DEFAULTS)).toEqual({
      host: '127.0.0.1',
      port: 8080,
      basePath: '/scim/v2',
      baseUrl: 'http://127.0.0.1:8080/scim/v2',
      tokens: [],
      jwt: undefined,
      basicUsers: [],
      digestUsers: [],
      oauth2: undefined,
      auditFile: undefined,
      memberPatchResponse: undefined,
      profile: undefined,
      unauthenticated: true,
      cursorKey: undefined,
      workers: 1,
      advertisePagination: false,
    });
    expect(() => readServerSettings({}, DEFAULTS)).toThrow(
      'no credentials are configured: set SCIM_BEARER_TOKEN, SCIM_JWT_SECRET or SCIM_JWKS_URL (with SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE), SCIM_BASIC_USERS, SCIM_DIGEST_USERS, or SCIM_OAUTH2_CLIENTS (with SCIM_OAUTH2_SIGNING_SECRET); SCIM_AUTH=none serves without authentication on loopback',
    );
  });

  it.each([
    'SCIM_BEARER_TOKEN',
    'SCIM_JWT_SECRET',
    'SCIM_JWKS_URL',
    'SCIM_BASIC_USERS',
    'SCIM_DIGEST_USERS',
    'SCIM_OAUTH2_CLIENTS',
  ])('refuses %s set but empty or blank: never "no authentication"', (name) => {
    for (const value of ['', '  '])
      expect(() => readServerSettings({ SCIM_BEARER_TOKEN: 'other', [name]: value }, DEFAULTS)).toThrow(
        `${name} is set but empty; give it a value or unset it (an empty credential never means "no authentication")`,
      );
  });

  it.each([
    [
      'a token list of commas',
      { SCIM_BEARER_TOKEN: ',, ,' },
      'SCIM_BEARER_TOKEN holds no token (tokens are separated by commas)',
    ],
    [
      'SCIM_AUTH=none beside a token',
      { SCIM_AUTH: 'none', SCIM_BEARER_TOKEN: 't' },
      'SCIM_AUTH=none and credentials are both set; choose one',
    ],
    [
      'SCIM_AUTH other than none',
      { SCIM_AUTH: 'off' },
      'SCIM_AUTH is "none" (serve without authentication) or unset, not "off"',
    ],
    [
      'SCIM_AUTH=none on every address',
      { SCIM_AUTH: 'none', HOST: '0.0.0.0' },
      'SCIM_AUTH=none serves without authentication, so only on loopback; HOST is 0.0.0.0 (SCIM_AUTH_NONE_ON_ANY_ADDRESS=1 allows it)',
    ],
    [
      'a Digest user without a password',
      { SCIM_DIGEST_USERS: 'glpi' },
      'SCIM_DIGEST_USERS is "user:password", several separated by commas',
    ],
    [
      'OAuth2 clients without a signing secret',
      { SCIM_OAUTH2_CLIENTS: 'snapdocs:s3cret' },
      'SCIM_OAUTH2_CLIENTS needs SCIM_OAUTH2_SIGNING_SECRET, at least 32 characters, to sign tokens with',
    ],
    [
      'OAuth2 clients with a short signing secret',
      { SCIM_OAUTH2_CLIENTS: 'snapdocs:s3cret', SCIM_OAUTH2_SIGNING_SECRET: 'short' },
      'SCIM_OAUTH2_CLIENTS needs SCIM_OAUTH2_SIGNING_SECRET, at least 32 characters, to sign tokens with',
    ],
    [
      'OAuth2 clients where no scopes were configured',
      { SCIM_OAUTH2_CLIENTS: 'snapdocs:s3cret', SCIM_OAUTH2_SIGNING_SECRET: 'x'.repeat(32) },
      'SCIM_OAUTH2_CLIENTS needs the scopes a client may be granted (defaults.oauth2.scopes)',
    ],
    [
      'an OAuth2 client without a secret',
      { SCIM_OAUTH2_CLIENTS: 'snapdocs', SCIM_OAUTH2_SIGNING_SECRET: 'x'.repeat(32) },
      'SCIM_OAUTH2_CLIENTS is "client-id:secret", several separated by commas',
    ],
    [
      'a short SCIM_CURSOR_KEY',
      { SCIM_BEARER_TOKEN: 't', SCIM_CURSOR_KEY: 'short' },
      'SCIM_CURSOR_KEY must be at least 16 characters',
    ],
  ])('refuses %s', (_what, env, message) => {
    expect(() => readServerSettings(env, DEFAULTS)).toThrow(message);
  });

  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1'])('allows SCIM_AUTH=none on loopback host %s', (host) => {
    expect(readServerSettings({ SCIM_AUTH: 'none', HOST: host }, DEFAULTS).unauthenticated).toBe(true);
  });

  it.each([
    ['2', 2],
    ['auto', os.availableParallelism()],
    ['', 1],
  ])('reads SCIM_WORKERS=%j as %i processes', (value, count) => {
    expect(readServerSettings({ SCIM_AUTH: 'none', SCIM_WORKERS: value }, DEFAULTS).workers).toBe(count);
  });

  it.each(['0', '-1', '1.5', 'many', '257'])('refuses SCIM_WORKERS=%j', (value) => {
    expect(() => readServerSettings({ SCIM_AUTH: 'none', SCIM_WORKERS: value }, DEFAULTS)).toThrow(
      `SCIM_WORKERS is a number of processes (1 to 256) or "auto", not ${JSON.stringify(value)}`,
    );
  });

  it('reads SCIM_PATCH_PROFILE over the package default, and refuses a name it does not know', () => {
    const none = { SCIM_AUTH: 'none' };
    expect(readServerSettings(none, DEFAULTS).profile).toBeUndefined();
    expect(readServerSettings(none, { ...DEFAULTS, profile: 'lenient' }).profile).toBe('lenient');
    expect(
      readServerSettings({ ...none, SCIM_PATCH_PROFILE: 'rfc' }, { ...DEFAULTS, profile: 'lenient' }).profile,
    ).toBe('rfc');
    expect(() => readServerSettings({ ...none, SCIM_PATCH_PROFILE: 'azure' }, DEFAULTS)).toThrow(
      'SCIM_PATCH_PROFILE is one of rfc, entra, okta, onelogin, google, lenient, not "azure"',
    );
  });

  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['1', true],
    ['TRUE', true],
  ])('reads SCIM_ADVERTISE_PAGINATION=%j as %j', (value, advertised) => {
    expect(
      readServerSettings({ SCIM_AUTH: 'none', SCIM_ADVERTISE_PAGINATION: value }, DEFAULTS).advertisePagination,
    ).toBe(advertised);
  });

  it('refuses a SCIM_ADVERTISE_PAGINATION that is not yes or no', () => {
    expect(() => readServerSettings({ SCIM_AUTH: 'none', SCIM_ADVERTISE_PAGINATION: 'cursor' }, DEFAULTS)).toThrow(
      'SCIM_ADVERTISE_PAGINATION is 1 or 0, not "cursor"',
    );
  });

  it('allows SCIM_AUTH=none on any address only when forced', () => {
    const env = { SCIM_AUTH: 'none', HOST: '0.0.0.0', SCIM_AUTH_NONE_ON_ANY_ADDRESS: '1' };
    expect(readServerSettings(env, DEFAULTS).unauthenticated).toBe(true);
    expect(serverAuthentication(readServerSettings(env, DEFAULTS))).toEqual({ auth: 'none' });
  });

  it('reads SCIM_MEMBER_PATCH_RESPONSE and refuses any other value', () => {
    for (const value of ['resource', 'noContent'] as const)
      expect(
        readServerSettings({ SCIM_AUTH: 'none', SCIM_MEMBER_PATCH_RESPONSE: value }, DEFAULTS).memberPatchResponse,
      ).toBe(value);
    expect(() => readServerSettings({ SCIM_AUTH: 'none', SCIM_MEMBER_PATCH_RESPONSE: '204' }, DEFAULTS)).toThrow(
      'SCIM_MEMBER_PATCH_RESPONSE is "resource" or "noContent", not "204"',
    );
  });

  it('reads HOST, PORT, SCIM_BASE_URL and comma-separated tokens', () => {
    const settings = readServerSettings(
      { HOST: '0.0.0.0', PORT: '9000', SCIM_BASE_URL: 'https://idp.example/scim/v2', SCIM_BEARER_TOKEN: ' a , b,,' },
      DEFAULTS,
    );
    expect(settings).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      baseUrl: 'https://idp.example/scim/v2',
      tokens: ['a', 'b'],
    });
  });

  it.each(['http', '-1', '65536', '80.5'])('refuses PORT=%j', (port) => {
    expect(() => readServerSettings({ PORT: port }, DEFAULTS)).toThrow(
      `PORT must be a port number, not ${JSON.stringify(port)}`,
    );
  });

  it('requires the tokens, and refuses to be given none', async () => {
    expect(() => bearerTokenAuthentication([])).toThrow('bearer tokens must be non-empty');
    const options = bearerTokenAuthentication(['t']);
    const [strategy] = options.auth as AuthStrategy[];
    expect(strategy!.authenticationScheme).toEqual(BEARER_TOKEN_SCHEME);
    expect(
      await strategy!.authenticate({ method: 'GET', url: '/', headers: { authorization: 'Bearer t' } }),
    ).toMatchObject({
      kind: 'accepted',
    });
  });

  it.each([
    ['the first token', 'Bearer t1', true],
    ['the second token', 'Bearer t-two', true],
    ['the scheme in lower case', 'bearer t1', true],
    ['another token', 'Bearer t3', false],
    ['a token that starts like one', 'Bearer t1x', false],
    ['a prefix of one', 'Bearer t', false],
    ['a token with a space inside', 'Bearer t1 t-two', false],
    ['another scheme', 'Basic t1', false],
    ['no token', 'Bearer ', false],
    ['no header', undefined, false],
  ])('bearerTokens as an authenticate function: %s', async (_what, authorization, accepted) => {
    const check = bearerTokens(['t1', 't-two']);
    const headers = authorization === undefined ? {} : { authorization };
    expect(await check({ method: 'GET', url: '/Users', headers })).toBe(accepted);
  });

  it.each([[[]], [['']], [['ok', '']]])('refuses bearer tokens %j', (tokens) => {
    expect(() => bearerTokens(tokens)).toThrow('bearer tokens must be non-empty');
    expect(() => staticBearerTokens(tokens)).toThrow('bearer tokens must be non-empty');
  });
});

describe('persistentCursorKey', () => {
  it('creates a random key readable by this user only, and reads the same key after', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-key-'));
    try {
      const file = path.join(dir, 'data', 'cursor-key');
      const key = persistentCursorKey(file);
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      expect(persistentCursorKey(file)).toBe(key);
      expect(persistentCursorKey(path.join(dir, 'other'))).not.toBe(key);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the largest request an adapter reads', () => {
  const server = (options: object) =>
    createScimServer({
      baseUrl: 'http://x/scim/v2',
      schemas: schemaDocuments,
      resourceTypes: [],
      auth: 'none',
      ...options,
    });

  it.each([
    ['bulk at its default size', { maxBodyBytes: 1000 }, 1024 * 1024],
    ['a larger bulk limit', { maxBodyBytes: 1000, bulk: { maxPayloadSize: 5000 } }, 5000],
    ['a larger body limit', { maxBodyBytes: 9000, bulk: { maxPayloadSize: 5000 } }, 9000],
    ['no bulk', { maxBodyBytes: 1000, bulk: false }, 1000],
  ])('is the larger of the two limits: %s', (_what, options, bytes) => {
    expect(server(options).maxRequestBytes).toBe(bytes);
  });
});

describe('authentication from the environment', () => {
  it('reads JWT, Basic and audit settings and builds the strategies in order', async () => {
    const settings = readServerSettings(
      {
        SCIM_BEARER_TOKEN: 'static',
        SCIM_JWT_SECRET: 'a-shared-secret-of-at-least-32-bytes!!',
        SCIM_JWT_ISSUER: 'https://issuer.example',
        SCIM_JWT_AUDIENCE: 'https://scim.example',
        SCIM_BASIC_USERS: 'glpi:correct horse, other:p:w',
        SCIM_AUDIT_FILE: '/tmp/never-written.jsonl',
      },
      DEFAULTS,
    );
    expect(settings.basicUsers).toEqual([
      { username: 'glpi', password: 'correct horse' },
      { username: 'other', password: 'p:w' },
    ]);
    const options = serverAuthentication(settings);
    expect((options.auth as AuthStrategy[]).map((s) => s.authenticationScheme.type)).toEqual([
      'oauthbearertoken',
      'oauthbearertoken',
      'httpbasic',
    ]);
    expect(typeof options.audit?.write).toBe('function');
    expect(serverAuthentication(readServerSettings({ SCIM_AUTH: 'none' }, DEFAULTS))).toEqual({ auth: 'none' });
    // Settings built by hand with no credentials and no SCIM_AUTH=none are refused as well.
    expect(() =>
      serverAuthentication({ ...readServerSettings({ SCIM_AUTH: 'none' }, DEFAULTS), unauthenticated: false }),
    ).toThrow('no credentials are configured; SCIM_AUTH=none serves without authentication on purpose');
  });

  it.each([
    [{ SCIM_JWT_SECRET: 's' }, 'need SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE'],
    [{ SCIM_JWT_SECRET: 's', SCIM_JWKS_URL: 'https://x', SCIM_JWT_ISSUER: 'i', SCIM_JWT_AUDIENCE: 'a' }, 'not both'],
    [{ SCIM_BASIC_USERS: 'nopassword' }, 'SCIM_BASIC_USERS is "user:password"'],
    [{ SCIM_BASIC_USERS: ':x' }, 'SCIM_BASIC_USERS is "user:password"'],
  ])('refuses %j', (env, message) => {
    expect(() => readServerSettings(env, DEFAULTS)).toThrow(message);
  });
});

describe('Digest and the OAuth2 token endpoint from the environment', () => {
  const SIX = [
    'scim:group:delete',
    'scim:group:read',
    'scim:group:write',
    'scim:info',
    'scim:user:read',
    'scim:user:write',
  ];
  const env = {
    SCIM_DIGEST_USERS: 'glpi:digest-pass',
    SCIM_OAUTH2_CLIENTS: 'snapdocs:client-secret,other:x:y',
    SCIM_OAUTH2_SIGNING_SECRET: 'a-signing-secret-of-at-least-32-bytes',
  };
  const defaults = { ...DEFAULTS, oauth2: { scopes: SIX, expiresInSeconds: 7200, audience: 'https://api.example' } };

  it('reads the Digest users and the clients, the config giving scopes, lifetime and audience', () => {
    const settings = readServerSettings(env, defaults);
    expect(settings.digestUsers).toEqual([{ username: 'glpi', password: 'digest-pass' }]);
    expect(settings.oauth2).toEqual({
      clients: [
        { clientId: 'snapdocs', clientSecret: 'client-secret' },
        { clientId: 'other', clientSecret: 'x:y' },
      ],
      signingSecret: env.SCIM_OAUTH2_SIGNING_SECRET,
      scopes: SIX,
      expiresInSeconds: 7200,
      audience: 'https://api.example',
    });
    const options = serverAuthentication(settings);
    expect((options.auth as AuthStrategy[]).map((s) => s.authenticationScheme.type)).toEqual(['httpdigest']);
    expect(options.oauth2).toBeDefined();
  });

  it('serves the token endpoint: a JSON request with the audience gets a 7200 s token with the six scopes, which reads Users', async () => {
    const server = createScimServer({
      baseUrl: 'http://127.0.0.1/scim/v2',
      schemas: schemaDocuments,
      resourceTypes: [],
      ...serverAuthentication(readServerSettings(env, defaults)),
    });
    const token = await server.handle({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: 'snapdocs',
        client_secret: 'client-secret',
        audience: 'https://api.example',
      }),
    });
    expect(token.status).toBe(200);
    const granted = JSON.parse(String(token.body)) as Record<string, unknown>;
    expect(granted).toMatchObject({ token_type: 'Bearer', expires_in: 7200, scope: SIX.join(' ') });
    const config = await server.handle({
      method: 'GET',
      url: '/ServiceProviderConfig',
      headers: { authorization: `Bearer ${String(granted['access_token'])}` },
    });
    expect(config.status).toBe(200);
    const wrong = await server.handle({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'snapdocs', client_secret: 'guess' }),
    });
    expect(wrong.status).toBe(401);
  });
});

describe("a package's /Bulk and unknown-attribute options, the environment over them", () => {
  const none = { SCIM_AUTH: 'none' };
  const settings = (env: Record<string, string>) => readServerSettings({ ...none, ...env }, DEFAULTS);
  it.each<[string, Record<string, string>, Parameters<typeof configuredOptions>[1], object]>([
    ['nothing configured, nothing set', {}, {}, {}],
    ['the config turning /Bulk off', {}, { bulk: false }, { bulk: false }],
    ['SCIM_BULK=1 over a config without /Bulk', { SCIM_BULK: '1' }, { bulk: false }, { bulk: {} }],
    ['SCIM_BULK=0 over the default', { SCIM_BULK: '0' }, {}, { bulk: false }],
    [
      'SCIM_BULK_MAX_OPERATIONS over the config limits',
      { SCIM_BULK_MAX_OPERATIONS: '50' },
      { bulk: { maxOperations: 100, maxPayloadSize: 2048 } },
      { bulk: { maxOperations: 50, maxPayloadSize: 2048 } },
    ],
    [
      'SCIM_BULK_MAX_OPERATIONS turning /Bulk on',
      { SCIM_BULK_MAX_OPERATIONS: '5' },
      { bulk: false },
      { bulk: { maxOperations: 5 } },
    ],
    ['SCIM_BULK=0 beating a limit', { SCIM_BULK: '0', SCIM_BULK_MAX_OPERATIONS: '5' }, {}, { bulk: false }],
    [
      'the config rejecting unknown attributes',
      {},
      { unknownAttributes: 'reject' },
      { validation: { unknownAttributes: 'reject' } },
    ],
    [
      'SCIM_UNKNOWN_ATTRIBUTES over the config',
      { SCIM_UNKNOWN_ATTRIBUTES: 'ignore' },
      { unknownAttributes: 'reject' },
      { validation: { unknownAttributes: 'ignore' } },
    ],
  ])('%s', (_what, env, configured, expected) => {
    expect(configuredOptions(settings(env), configured)).toEqual(expected);
  });

  it.each([
    [{ SCIM_BULK: 'sometimes' }, 'SCIM_BULK is 1 or 0, not "sometimes"'],
    [{ SCIM_BULK_MAX_OPERATIONS: '0' }, 'SCIM_BULK_MAX_OPERATIONS is a positive number, not "0"'],
    [{ SCIM_BULK_MAX_OPERATIONS: 'many' }, 'SCIM_BULK_MAX_OPERATIONS is a positive number, not "many"'],
    [{ SCIM_UNKNOWN_ATTRIBUTES: 'drop' }, 'SCIM_UNKNOWN_ATTRIBUTES is "ignore" or "reject", not "drop"'],
  ])('refuses %j', (env, message) => {
    expect(() => settings(env)).toThrow(message);
  });
});
