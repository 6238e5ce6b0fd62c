import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  groupResourceType,
  resourceTypeDefinitions,
  schemaDocuments,
  userResourceType,
} from '../../examples/acme-models/src/index.js';
import { createNodeListener } from '../../packages/server/src/adapters/node.js';
import {
  createTenantServer,
  httpBasic,
  MemoryResourceHandler,
  staticBearerTokens,
  type ScimServerOptions,
} from '../../packages/server/src/index.js';
import type { SqlStore } from '../../packages/stores/src/index.js';
import { openSqliteStore } from '../../packages/stores/src/sqlite.js';
import { freePort } from './app.js';
import { client, type Call } from './client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('tenants: one base path, isolated identity servers', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-tenants-'));
  const file = path.join(dir, 'scim.db');
  const stores: SqlStore[] = [];
  let http: Server;
  let base: string;
  const as = (authorization: string): Call => {
    const call = client(base);
    return (method, url, options = {}) =>
      call(method, url, { ...options, headers: { authorization, ...options.headers } });
  };
  let acme: Call;
  let globex: Call;
  let main: Call;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}/scim/v2`;
    const tenant = async (
      name: string,
      namespace: string | undefined,
      auth: ScimServerOptions['auth'],
    ): Promise<ScimServerOptions> => {
      const store = await openSqliteStore(file, [userResourceType, groupResourceType], {
        synchronous: 'normal',
        ...(namespace !== undefined ? { namespace } : {}),
      });
      stores.push(store);
      return {
        baseUrl: name === 'main' ? base : `${base}/${name}`,
        schemas: schemaDocuments,
        resourceTypes: resourceTypeDefinitions.map((definition) => ({
          definition,
          handler: store.handler(definition.descriptor),
        })),
        auth,
      };
    };
    const scim = createTenantServer({
      tenants: {
        acme: await tenant('acme', 'acme', [staticBearerTokens(['acme-token'])]),
        globex: await tenant('globex', 'globex', [httpBasic([{ username: 'globex', password: 'globex-password' }])]),
        main: await tenant('main', undefined, [staticBearerTokens(['main-token'])]),
      },
      defaultTenant: 'main',
    });
    http = createServer(createNodeListener(scim, { basePath: '/scim/v2' }));
    await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
    acme = as('Bearer acme-token');
    globex = as(basic('globex', 'globex-password'));
    main = as('Bearer main-token');
  });
  afterAll(async () => {
    await new Promise((resolve) => http.close(resolve));
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("accepts each tenant's credentials on its own path only", async () => {
    expect((await acme('GET', '/acme/Users')).status).toBe(200);
    expect((await globex('GET', '/globex/Users')).status).toBe(200);
    expect((await main('GET', '/Users')).status).toBe(200);
    for (const [call, url] of [
      [acme, '/globex/Users'],
      [acme, '/Users'],
      [globex, '/acme/Users'],
      [main, '/acme/ServiceProviderConfig'],
    ] as const)
      expect((await call('GET', url)).status).toBe(401);
  });

  it('describes each tenant with its own URLs and schemes', async () => {
    const acmeConfig = (await acme('GET', '/acme/ServiceProviderConfig')).json;
    const globexConfig = (await globex('GET', '/globex/ServiceProviderConfig')).json;
    expect(acmeConfig.meta.location).toBe(`${base}/acme/ServiceProviderConfig`);
    expect(acmeConfig.authenticationSchemes.map((s: { type: string }) => s.type)).toEqual(['oauthbearertoken']);
    expect(globexConfig.authenticationSchemes.map((s: { type: string }) => s.type)).toEqual(['httpbasic']);
  });

  it("never lets one tenant read or write another's resources, by id, filter, search or /Bulk", async () => {
    const mine = await acme('POST', '/acme/Users', {
      body: { schemas: [USER], userName: 'shared@example.com', title: 'acme' },
    });
    const theirs = await globex('POST', '/globex/Users', { body: { schemas: [USER], userName: 'shared@example.com' } });
    // Uniqueness is per tenant too.
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(mine.json.meta.location).toBe(`${base}/acme/Users/${mine.json.id}`);
    const id = mine.json.id as string;
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { schemas: [USER], userName: 'taken-over' }],
      ['PATCH', { schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: 'globex' }] }],
      ['DELETE', undefined],
    ] as const)
      expect((await globex(method, `/globex/Users/${id}`, body === undefined ? {} : { body })).status).toBe(404);
    for (const filter of [`id eq "${id}"`, 'title eq "acme"', 'userName eq "shared@example.com"']) {
      const found = await globex('GET', `/globex/Users?filter=${encodeURIComponent(filter)}`);
      expect(found.json.Resources?.map((r: { id: string }) => r.id) ?? []).not.toContain(id);
    }
    const search = await globex('POST', '/globex/.search', {
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'] },
    });
    expect(search.json.Resources.map((r: { id: string }) => r.id)).toEqual([theirs.json.id]);
    const bulk = await globex('POST', '/globex/Bulk', {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [
          {
            method: 'PATCH',
            path: `/Users/${id}`,
            data: { schemas: [PATCH], Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
          },
          { method: 'DELETE', path: `/Users/${id}` },
        ],
      },
    });
    expect(bulk.json.Operations.map((o: { status: string }) => o.status)).toEqual(['404', '404']);
    // A bulkId is known only inside the request that defines it.
    const reference = await globex('POST', '/globex/Bulk', {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [{ method: 'DELETE', path: '/Users/bulkId:acme-user' }],
      },
    });
    expect(reference.status).toBe(400);
    // The main tenant at the base path sees neither.
    expect((await main('GET', `/Users/${id}`)).status).toBe(404);
    const read = await acme('GET', `/acme/Users/${id}`);
    expect(read.json).toEqual(mine.json);
  });

  it("keeps each tenant's rows in tables of its own", () => {
    const db = new Database(file, { readonly: true });
    try {
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect(count('scim_acme_user')).toBe(1);
      expect(count('scim_globex_user')).toBe(1);
      expect(count('scim_user')).toBe(0);
    } finally {
      db.close();
    }
  });

  it('refuses tenant names that are not names or that shadow an endpoint', async () => {
    const options = (baseUrl: string): ScimServerOptions => ({
      baseUrl,
      schemas: schemaDocuments,
      resourceTypes: resourceTypeDefinitions.map((definition) => ({
        definition,
        handler: new MemoryResourceHandler(definition.descriptor),
      })),
      auth: [staticBearerTokens(['t'])],
    });
    expect(() => createTenantServer({ tenants: { 'a/b': options('http://x') } })).toThrow('is not a tenant name');
    expect(() =>
      createTenantServer({
        tenants: { Users: options('http://x/Users'), main: options('http://x') },
        defaultTenant: 'main',
      }),
    ).toThrow('the name of an endpoint');
    expect(() => createTenantServer({ tenants: { a: options('http://x') }, defaultTenant: 'b' })).toThrow(
      'not one of the tenants',
    );
    await expect(openSqliteStore(':memory:', [userResourceType], { namespace: 'Bad-Name' })).rejects.toThrow(
      'store namespace',
    );
  });

  it('answers an unknown tenant with 404 when there is no default', async () => {
    const scim = createTenantServer({
      tenants: {
        only: {
          baseUrl: 'http://x/only',
          schemas: schemaDocuments,
          resourceTypes: [],
          auth: [staticBearerTokens(['t'])],
        },
      },
    });
    expect((await scim.handle({ method: 'GET', url: '/other/Users', headers: {} })).status).toBe(404);
    expect((await scim.handle({ method: 'GET', url: '/only/Users', headers: {} })).status).toBe(401);
  });
});

describe("tenants: GLPI's Active switch and acting user", () => {
  const USERS_BODY = {
    schemas: [USER, 'urn:ietf:params:scim:schemas:extension:acme:2.0:User'],
    userName: 'bjensen',
    'urn:ietf:params:scim:schemas:extension:acme:2.0:User': { custom_field1: 'x' },
  };
  const definition = resourceTypeDefinitions.find((d) => d.descriptor.name === 'User')!;
  /** A handler that records the context it is called with. */
  const recording = (seen: (string | undefined)[]) => {
    const memory = new MemoryResourceHandler(userResourceType);
    return Object.assign(Object.create(memory) as MemoryResourceHandler, {
      create: (value: Record<string, unknown>, context: { actingUser?: string }) => {
        seen.push(context.actingUser);
        return memory.create(value);
      },
    });
  };
  const tenantOptions = (name: string, seen: (string | undefined)[], actingUser?: string): ScimServerOptions => ({
    baseUrl: `http://127.0.0.1/scim/v2/${name}`,
    schemas: schemaDocuments,
    resourceTypes: [{ definition, handler: recording(seen) }],
    auth: 'none',
    ...(actingUser !== undefined ? { actingUser } : {}),
  });
  const post = (server: { handle: (r: never) => Promise<{ status: number; body: string | undefined }> }, url: string) =>
    server.handle({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/scim+json' },
      body: JSON.stringify(USERS_BODY),
    } as never);

  it('passes each tenant its acting user, and none where none is configured', async () => {
    const seen: (string | undefined)[] = [];
    const server = createTenantServer({
      tenants: { azure: tenantOptions('azure', seen, 'glpi-scim-azure'), okta: tenantOptions('okta', seen) },
    });
    expect((await post(server, '/azure/Users')).status).toBe(201);
    expect((await post(server, '/okta/Users')).status).toBe(201);
    expect(seen).toEqual(['glpi-scim-azure', undefined]);
  });

  it('answers an inactive tenant 403 without calling its handlers, and serves it again once switched on', async () => {
    const seen: (string | undefined)[] = [];
    const active = new Set(['okta']);
    const server = createTenantServer({
      tenants: { azure: tenantOptions('azure', seen, 'a'), okta: tenantOptions('okta', seen, 'o') },
      defaultTenant: 'azure',
      isActive: (tenant) => active.has(tenant),
    });
    const refused = await post(server, '/azure/Users');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body!).detail).toBe('the identity server "azure" is not active');
    expect((await post(server, '/Users')).status).toBe(403);
    expect((await post(server, '/okta/Users')).status).toBe(201);
    expect(seen).toEqual(['o']);
    active.add('azure');
    expect((await post(server, '/azure/Users')).status).toBe(201);
    expect(seen).toEqual(['o', 'a']);
  });

  it('keeps a tenant closed when its switch cannot be read', async () => {
    const server = createTenantServer({
      tenants: { azure: tenantOptions('azure', []) },
      isActive: () => {
        throw new Error('the settings table is gone');
      },
    });
    expect((await post(server, '/azure/Users')).status).toBe(403);
  });
});
