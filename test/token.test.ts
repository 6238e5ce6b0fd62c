import { describe, expect, it } from 'vitest';
import { schemaDocuments, userDefinition, userResourceType } from '../examples/acme-models/src/index.js';
import {
  bind,
  createScimServer,
  MemoryResourceHandler,
  mintBearerToken,
  readServerSettings,
  serverAuthentication,
} from '../packages/server/src/index.js';
import { run } from './helpers/cli.js';
import { REPO_ROOT } from './helpers/fs.js';

const SECRET = 'a-jwt-secret-of-at-least-32-bytes-long';
const ISSUER = 'https://scim.example.com';
const AUDIENCE = 'https://scim.example.com/scim/v2';
const SERVER_ENV = { SCIM_JWT_SECRET: SECRET, SCIM_JWT_ISSUER: ISSUER, SCIM_JWT_AUDIENCE: AUDIENCE };

/** Runs `scimgen token` with these variables set, as a shell would pass them. */
async function token(env: Record<string, string | undefined>, ...args: string[]) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  try {
    return await run(REPO_ROOT, 'token', ...args);
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

function serverWith(env: Record<string, string>) {
  return createScimServer({
    baseUrl: 'http://127.0.0.1/scim/v2',
    schemas: schemaDocuments,
    resourceTypes: [bind(userDefinition, new MemoryResourceHandler(userResourceType))],
    ...serverAuthentication(readServerSettings(env, { basePath: '/scim/v2', port: 8080 })),
  });
}

const as = (bearer: string, method = 'GET', body?: unknown) => ({
  method,
  url: '/Users',
  headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/scim+json' },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});
const NEW_USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'glpi-user',
  'urn:ietf:params:scim:schemas:extension:acme:2.0:User': { custom_field1: 'x' },
};

describe('scimgen token', () => {
  it('mints a token the server accepts, for exactly the scopes asked', async () => {
    const minted = await token(SERVER_ENV, '--subject', 'glpi', '--scope', 'scim:user:read');
    expect(minted.code, minted.stderr).toBe(0);
    const jwt = minted.stdout.trim();
    expect(jwt.split('.')).toHaveLength(3);
    expect(minted.stderr).toMatch(/token for glpi, scopes scim:user:read, valid until 20\d\d-/);
    expect(minted.stderr).not.toContain(SECRET);
    const server = serverWith(SERVER_ENV);
    expect((await server.handle(as(jwt))).status).toBe(200);
    expect((await server.handle(as(jwt, 'POST', NEW_USER))).status).toBe(403);
  });

  it('lasts ten years unless told otherwise', async () => {
    const minted = await token(SERVER_ENV, '--scope', 'scim:info');
    const claims = JSON.parse(Buffer.from(minted.stdout.trim().split('.')[1]!, 'base64url').toString()) as {
      iat: number;
      exp: number;
      sub: string;
    };
    expect(claims.exp - claims.iat).toBe(10 * 365 * 86_400);
    expect(claims.sub).toBe('identity-server');
    const short = await token(SERVER_ENV, '--expires', '90d');
    const shortClaims = JSON.parse(Buffer.from(short.stdout.trim().split('.')[1]!, 'base64url').toString()) as {
      iat: number;
      exp: number;
    };
    expect(shortClaims.exp - shortClaims.iat).toBe(90 * 86_400);
  });

  it("gives a token without scopes the server's SCIM_JWT_DEFAULT_SCOPES, and nothing without them", async () => {
    const jwt = (await token(SERVER_ENV)).stdout.trim();
    expect((await serverWith(SERVER_ENV).handle(as(jwt))).status).toBe(403);
    const lenient = serverWith({ ...SERVER_ENV, SCIM_JWT_DEFAULT_SCOPES: 'scim:user:read scim:user:write' });
    expect((await lenient.handle(as(jwt))).status).toBe(200);
    expect((await lenient.handle(as(jwt, 'POST', NEW_USER))).status).toBe(201);
  });

  it('is refused once expired, and by a server with another secret', async () => {
    const old = await mintBearerToken({
      secret: SECRET,
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: 'glpi',
      scopes: ['scim:user:read'],
      expiresInSeconds: 60,
      now: new Date(Date.now() - 3600_000),
    });
    const expired = await serverWith(SERVER_ENV).handle(as(old));
    expect(expired.status).toBe(401);
    expect(String(expired.headers?.['www-authenticate'])).toContain('the token has expired');
    const fresh = (await token(SERVER_ENV, '--scope', 'scim:user:read')).stdout.trim();
    const rotated = serverWith({ ...SERVER_ENV, SCIM_JWT_SECRET: 'another-secret-of-at-least-32-bytes!!' });
    expect((await rotated.handle(as(fresh))).status).toBe(401);
  });

  it.each([
    ['no secret', { ...SERVER_ENV, SCIM_JWT_SECRET: undefined }, [], "set SCIM_JWT_SECRET to the server's JWT secret"],
    ['a short secret', { ...SERVER_ENV, SCIM_JWT_SECRET: 'short' }, [], 'SCIM_JWT_SECRET must be at least 32 bytes'],
    [
      'no issuer',
      { ...SERVER_ENV, SCIM_JWT_ISSUER: undefined },
      [],
      'give --issuer and --audience (or set SCIM_JWT_ISSUER and SCIM_JWT_AUDIENCE)',
    ],
    ['a lifetime it cannot read', SERVER_ENV, ['--expires', 'forever'], '--expires is a lifetime such as 10y'],
    ['a lifetime of nothing', SERVER_ENV, ['--expires', '0d'], '--expires is a lifetime such as 10y'],
  ])('refuses %s with exit code 2 and prints no token', async (_what, env, args, message) => {
    const refused = await token(env, ...args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(message);
    expect(refused.stdout).toBe('');
  });
});
