import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as AcmeModels from '../../examples/acme-models/src/index.js';
import { bearerToken } from '../../packages/client/src/index.js';
import { oauth2ClientCredentials as serverOAuth2 } from '../../packages/server/src/index.js';
import { run } from '../helpers/cli.js';
import { compileProject } from '../helpers/compile.js';
import { readTree, REPO_ROOT } from '../helpers/fs.js';
import { start, TEST_PROFILE, type Running } from '../server/app.js';

describe('scimgen pull', () => {
  let running: Running;
  let dir: string;
  beforeAll(async () => {
    running = await start('node:http');
    // Inside the repository, so the pulled package resolves @scimgen/client as an installed one would.
    await mkdir(path.join(REPO_ROOT, '.vitest-import'), { recursive: true });
    dir = await mkdtemp(path.join(REPO_ROOT, '.vitest-import', 'pull-'));
  });
  afterAll(async () => {
    await running.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("saves a live server's schemas and generates the same types and a typed client from them", async () => {
    const pulled = await run(dir, 'pull', running.base, '--out', 'acme-client', '--token', TEST_PROFILE.token!);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(pulled.stderr).toContain('saved 7 schema(s) and 2 resource type(s)');
    const saved = (await readdir(path.join(dir, 'acme-client-schemas'))).sort();
    // Named by the schemas' names: the resource schemas, the discovery schemas, the resource types.
    expect(saved).toEqual([
      'AcmeUser.json',
      'EnterpriseUser.json',
      'Group.json',
      'ResourceType.json',
      'Schema.json',
      'Service_Provider_Configuration.json',
      'User.json',
      'resource-types',
    ]);
    expect((await readdir(path.join(dir, 'acme-client-schemas/resource-types'))).sort()).toEqual([
      'Group.json',
      'User.json',
    ]);
    // The schemas the server published are the schemas it was generated from: the same models,
    // descriptors, validators and client, byte for byte.
    const mine = await readTree(path.join(dir, 'acme-client/src'));
    const source = await readTree(path.join(REPO_ROOT, 'examples/acme-models/src'));
    for (const area of ['models/', 'descriptors/', 'validators/', 'client/']) {
      const pick = (tree: Record<string, string>) =>
        Object.fromEntries(Object.entries(tree).filter(([f]) => f.startsWith(area)));
      expect(pick(mine)).toEqual(pick(source));
    }
    expect(compileProject(path.join(dir, 'acme-client/tsconfig.json'))).toEqual([]);

    const { createClient } = (await import(path.join(dir, 'acme-client/src/index.ts'))) as typeof AcmeModels;
    const client = createClient({ baseUrl: running.base, auth: bearerToken(TEST_PROFILE.token!) });
    const created = await client.users.create({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'pulled-client',
      emails: [{ value: 'p@example.com', type: 'work' }],
    });
    const found = await client.users.list({ filter: (f) => f.eq('emails[type eq "work"].value', 'p@example.com') });
    expect(found.Resources.map((u) => u.id)).toEqual([created.id]);
    const patched = await client.users.patch(created.id, (p) => [p.replace('name.givenName', 'Pat')]);
    expect(patched?.name?.givenName).toBe('Pat');
  });

  it.each([
    [['pull', 'not a url', '--out', 'x'], 2, 'is not a URL'],
    [['pull', 'ftp://example.com', '--out', 'x'], 2, 'must be http or https'],
    [['pull', 'http://127.0.0.1:1/scim/v2', '--out', 'x', '--basic', 'nocolon'], 2, '--basic takes user:password'],
    [['pull', 'http://127.0.0.1:1/scim/v2', '--out', 'x', '--token', 't', '--basic', 'a:b'], 2, 'give one of'],
    [['pull', 'http://127.0.0.1:1/scim/v2', '--out', 'x'], 1, 'cannot read the schemas'],
  ])('refuses %j', async (args, code, message) => {
    const result = await run(dir, ...args);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
  });

  it('pulls with OAuth2 client credentials', async () => {
    const secured = await start('node:http', {
      auth: [],
      oauth2: serverOAuth2({
        clients: [{ clientId: 'puller', clientSecret: 'pull-secret', scopes: ['scim:info'] }],
        signingSecret: 'a-signing-secret-of-at-least-32-bytes',
        issuer: 'https://issuer.example',
        audience: 'https://scim.example',
      }),
    });
    try {
      const args = [
        'pull',
        secured.base,
        '--out',
        'oauth-client',
        '--token-url',
        `${secured.base}/oauth/token`,
        '--client-id',
        'puller',
      ];
      expect((await run(dir, ...args)).stderr).toContain('--token-url needs --client-id and --client-secret');
      const pulled = await run(dir, ...args, '--client-secret', 'pull-secret', '--scope', 'scim:info');
      expect(pulled.code, pulled.stderr).toBe(0);
      expect(pulled.stderr).toContain('saved 7 schema(s)');
    } finally {
      await secured.close();
    }
  });

  it('says so when the server publishes no schemas', async () => {
    const empty = createServer((_request, response) => {
      response.setHeader('content-type', 'application/scim+json');
      response.end(
        JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
          totalResults: 0,
          Resources: [],
        }),
      );
    });
    await new Promise<void>((resolve) => empty.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = empty.address() as AddressInfo;
      const result = await run(dir, 'pull', `http://127.0.0.1:${port}/scim/v2`, '--out', 'empty');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('/Schemas lists no schemas');
    } finally {
      await new Promise((resolve) => empty.close(resolve));
    }
  });

  it('says so when the credentials are refused', async () => {
    const result = await run(dir, 'pull', running.base, '--out', 'refused', '--token', 'wrong');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot read the schemas .*401/);
  });
});
