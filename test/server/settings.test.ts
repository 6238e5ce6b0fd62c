import { describe, expect, it } from 'vitest';
import { schemaDocuments } from '../../examples/acme-models/src/index.js';
import {
  BEARER_TOKEN_SCHEME,
  bearerTokenAuthentication,
  bearerTokens,
  createScimServer,
  readServerSettings,
  serverAuthentication,
  staticBearerTokens,
  type AuthStrategy,
} from '../../packages/server/src/index.js';

const DEFAULTS = { basePath: '/scim/v2', port: 8080 };

describe('server settings from the environment', () => {
  it('defaults to loopback, the package port and no token', () => {
    expect(readServerSettings({}, DEFAULTS)).toEqual({
      host: '127.0.0.1',
      port: 8080,
      basePath: '/scim/v2',
      baseUrl: 'http://127.0.0.1:8080/scim/v2',
      tokens: [],
      jwt: undefined,
      basicUsers: [],
      auditFile: undefined,
      memberPatchResponse: undefined,
    });
  });

  it('reads SCIM_MEMBER_PATCH_RESPONSE and refuses any other value', () => {
    for (const value of ['resource', 'noContent'] as const)
      expect(readServerSettings({ SCIM_MEMBER_PATCH_RESPONSE: value }, DEFAULTS).memberPatchResponse).toBe(value);
    expect(() => readServerSettings({ SCIM_MEMBER_PATCH_RESPONSE: '204' }, DEFAULTS)).toThrow(
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

  it('requires the tokens when there are some, and says "none" (which warns) when there are not', async () => {
    expect(bearerTokenAuthentication([])).toEqual({ auth: 'none' });
    const options = bearerTokenAuthentication(['t']);
    const [strategy] = options.auth as AuthStrategy[];
    expect(strategy!.authenticationScheme).toEqual(BEARER_TOKEN_SCHEME);
    expect(
      await strategy!.authenticate({ method: 'GET', url: '/', headers: { authorization: 'Bearer t' } }),
    ).toMatchObject({
      kind: 'accepted',
    });
  });

  it.each([[[]], [['']], [['ok', '']]])('refuses bearer tokens %j', (tokens) => {
    expect(() => bearerTokens(tokens)).toThrow('bearer tokens must be non-empty');
    expect(() => staticBearerTokens(tokens)).toThrow('bearer tokens must be non-empty');
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
    expect(options.audit).toBeDefined();
    expect(serverAuthentication(readServerSettings({}, DEFAULTS))).toEqual({ auth: 'none' });
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
