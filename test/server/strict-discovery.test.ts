import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/fs.js';
import { RESOURCE_TYPE, SCHEMA, SERVICE_PROVIDER_CONFIG, violations } from '../helpers/strict-discovery.js';
import { acmeServer, TEST_PROFILE } from './app.js';
import { client, type Call } from './client.js';
import { SKELETON_PROFILE, startSkeleton, type Skeleton } from './skeleton.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

describe('a strict client discovers the default generated server (examples/acme-server)', () => {
  let running: Skeleton;
  let call: Call;
  beforeAll(async () => {
    running = await startSkeleton(path.join(REPO_ROOT, 'examples/acme-server'));
    call = client(running.base, SKELETON_PROFILE.token);
  });
  afterAll(() => running.close());

  it('reads a ServiceProviderConfig holding only RFC 7643 attributes', async () => {
    const answer = await call('GET', '/ServiceProviderConfig');
    expect(answer.status).toBe(200);
    expect(violations(answer.json, SERVICE_PROVIDER_CONFIG)).toEqual([]);
  });

  it('reads every ResourceType and Schema without an attribute the models lack', async () => {
    const types = await call('GET', '/ResourceTypes');
    const schemas = await call('GET', '/Schemas');
    expect(types.json.Resources.length).toBeGreaterThan(0);
    expect(schemas.json.Resources.length).toBeGreaterThan(0);
    expect(types.json.Resources.flatMap((t: unknown) => violations(t, RESOURCE_TYPE))).toEqual([]);
    expect(schemas.json.Resources.flatMap((s: unknown) => violations(s, SCHEMA))).toEqual([]);
  });

  it('still pages by cursor when asked, though discovery does not advertise it', async () => {
    for (let i = 0; i < 3; i++)
      expect((await call('POST', '/Users', { body: { schemas: [USER], userName: `strict-${i}` } })).status).toBe(201);
    const first = await call('GET', '/Users?cursor=&count=2&sortBy=userName');
    expect(first.status).toBe(200);
    expect(first.json.Resources).toHaveLength(2);
    expect(typeof first.json.nextCursor).toBe('string');
    const second = await call(
      'GET',
      `/Users?cursor=${encodeURIComponent(first.json.nextCursor)}&count=2&sortBy=userName`,
    );
    expect(second.json.Resources.map((r: { userName: string }) => r.userName)).toEqual(['strict-2']);
  });

  it('queries every resource with GET on the base URL (a root query), filtered, sorted and paged', async () => {
    expect((await call('POST', '/Groups', { body: { schemas: [GROUP], displayName: 'strict-group' } })).status).toBe(
      201,
    );
    const all = await call('GET', '?count=100');
    expect(all.status).toBe(200);
    expect(all.json.schemas).toEqual([LIST]);
    const kinds = new Set(all.json.Resources.map((r: { meta: { resourceType: string } }) => r.meta.resourceType));
    expect([...kinds].sort()).toEqual(['Group', 'User']);
    expect(all.json.totalResults).toBe(all.json.Resources.length);

    const filtered = await call('GET', `/?filter=${encodeURIComponent('userName sw "strict-"')}&sortBy=userName`);
    expect(filtered.json.Resources.map((r: { userName: string }) => r.userName)).toEqual([
      'strict-0',
      'strict-1',
      'strict-2',
    ]);
    const window = await call(
      'GET',
      `?filter=${encodeURIComponent('userName sw "strict-"')}&sortBy=userName&startIndex=2&count=1`,
    );
    expect({ total: window.json.totalResults, startIndex: window.json.startIndex }).toEqual({
      total: 3,
      startIndex: 2,
    });
    expect(window.json.Resources.map((r: { userName: string }) => r.userName)).toEqual(['strict-1']);
  });

  it.each([
    ['a filter no resource type can answer', 'GET', '?filter=nosuch%20eq%20%22x%22', 400, 'invalidFilter'],
    ['a bad count', 'GET', '?count=lots', 400, 'invalidValue'],
    ['a cursor (paging by cursor is per resource type)', 'GET', '?cursor=', 400, 'invalidValue'],
    ['a POST on the base URL', 'POST', '', 405, undefined],
    ['a DELETE on the base URL', 'DELETE', '/', 405, undefined],
  ])('answers %s with a SCIM error', async (_what, method, target, status, scimType) => {
    const answer = await call(method, target, method === 'POST' ? { body: {} } : {});
    expect(answer.status).toBe(status);
    expect(answer.json.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
    expect(answer.json.scimType).toBe(scimType);
  });

  it('answers a root query without credentials 401', async () => {
    expect((await client(running.base)('GET', '')).status).toBe(401);
  });
});

describe('advertisePagination', () => {
  const SPC = {
    method: 'GET',
    url: '/ServiceProviderConfig',
    headers: { authorization: `Bearer ${TEST_PROFILE.token}` },
  };

  it('adds the RFC 9865 member to ServiceProviderConfig, with the limits the server enforces', async () => {
    const server = acmeServer('http://127.0.0.1/scim/v2', {
      advertisePagination: true,
      list: { maxCount: 40, defaultCount: 10, cursorTimeoutMs: 90_000 },
    });
    const config = JSON.parse((await server.handle(SPC)).body!);
    expect(config.pagination).toEqual({
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: 10,
      maxPageSize: 40,
      cursorTimeout: 90,
    });
    // The strict model refuses exactly that member.
    expect(violations(config, SERVICE_PROVIDER_CONFIG)).toEqual(['/pagination: not an attribute of the model']);
  });

  it('is off unless asked for', async () => {
    const config = JSON.parse((await acmeServer('http://127.0.0.1/scim/v2').handle(SPC)).body!);
    expect(config).not.toHaveProperty('pagination');
  });
});
