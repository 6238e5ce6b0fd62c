import { beforeAll, describe, expect, it } from 'vitest';
import { resourceTypeDefinitions } from '../../examples/acme-models/src/index.js';
import type { ListQuery } from '../../packages/runtime/src/index.js';
import { MemoryResourceHandler } from '../../packages/server/src/index.js';
import { acmeServer, TEST_PROFILE } from './app.js';

const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const headers = { authorization: `Bearer ${TEST_PROFILE.token}`, 'content-type': 'application/scim+json' };

/** A memory handler that records the largest page any list call asked for and answered. */
class CountingHandler extends MemoryResourceHandler {
  largestPage = 0;
  override list(query: ListQuery) {
    const page = super.list(query);
    this.largestPage = Math.max(this.largestPage, page.resources.length);
    return page;
  }
}

describe('POST /.search at the root', () => {
  const handlers = resourceTypeDefinitions.map((d) => new CountingHandler(d.descriptor));
  const server = acmeServer('http://127.0.0.1/scim/v2', {
    resourceTypes: resourceTypeDefinitions.map((definition, i) => ({ definition, handler: handlers[i]! })),
    list: { maxCount: 50, defaultCount: 20 },
  });
  const call = async (path: string, body: unknown) => {
    const answer = await server.handle({ method: 'POST', url: path, headers, body: JSON.stringify(body) });
    return { status: answer.status, json: JSON.parse(answer.body!) };
  };
  let everything: string[];

  beforeAll(async () => {
    for (let i = 0; i < 120; i++)
      await call('/Users', { schemas: [USER], userName: `root-${String(i).padStart(3, '0')}` });
    for (let i = 0; i < 30; i++) await call('/Groups', { schemas: [GROUP], displayName: `root-group-${i}` });
    // The whole result, type by type in the order of /ResourceTypes, each sorted.
    const types = resourceTypeDefinitions.map((d) => d.descriptor.endpoint);
    everything = [];
    for (const endpoint of types) {
      for (let start = 1; ; start += 50) {
        const page = await call(`${endpoint}/.search`, {
          schemas: [SEARCH],
          sortBy: 'meta.created',
          startIndex: start,
          count: 50,
        });
        everything.push(...(page.json.Resources as { id: string }[]).map((r) => r.id));
        if (page.json.Resources.length < 50) break;
      }
    }
    expect(everything).toHaveLength(150);
  });

  it.each([
    [1, 10],
    [115, 10],
    [118, 5],
    [121, 7],
    [149, 10],
    [151, 10],
    [100_000, 1],
  ])('startIndex %i, count %i is that window of every type, one after the other', async (startIndex, count) => {
    for (const handler of handlers) handler.largestPage = 0;
    const answer = await call('/.search', { schemas: [SEARCH], sortBy: 'meta.created', startIndex, count });
    expect(answer.status).toBe(200);
    expect(answer.json.totalResults).toBe(150);
    expect(answer.json.startIndex).toBe(startIndex);
    expect((answer.json.Resources as { id: string }[]).map((r) => r.id)).toEqual(
      everything.slice(startIndex - 1, startIndex - 1 + count),
    );
    // No type was read beyond the window the request asked for.
    expect(Math.max(...handlers.map((h) => h.largestPage))).toBeLessThanOrEqual(count);
  });

  it('a filter one type cannot answer leaves that type out; one no type can answer is 400 invalidFilter', async () => {
    const users = await call('/.search', { schemas: [SEARCH], filter: 'userName sw "root-00"', count: 50 });
    expect({ status: users.status, total: users.json.totalResults }).toEqual({ status: 200, total: 10 });
    const none = await call('/.search', { schemas: [SEARCH], filter: 'nosuch eq "x"' });
    expect({ status: none.status, scimType: none.json.scimType }).toEqual({ status: 400, scimType: 'invalidFilter' });
  });

  it('a sortBy one type lacks puts that type last, unsorted; one no type has is 400 invalidValue', async () => {
    const sorted = await call('/.search', {
      schemas: [SEARCH],
      sortBy: 'userName',
      sortOrder: 'descending',
      count: 50,
    });
    expect({ status: sorted.status, total: sorted.json.totalResults }).toEqual({ status: 200, total: 150 });
    const names = (sorted.json.Resources as { userName?: string }[]).map((r) => r.userName);
    expect(names.slice(0, 3)).toEqual(['root-119', 'root-118', 'root-117']);
    const tail = await call('/.search', {
      schemas: [SEARCH],
      sortBy: 'userName',
      sortOrder: 'descending',
      startIndex: 119,
      count: 5,
    });
    const tailNames = (tail.json.Resources as { userName?: string; displayName?: string }[]).map(
      (r) => r.userName ?? `group ${r.displayName}`,
    );
    expect(tailNames.slice(0, 2)).toEqual(['root-001', 'root-000']);
    expect(tailNames.slice(2).every((name) => name.startsWith('group root-group-'))).toBe(true);
    expect(tailNames).toHaveLength(5);
    const none = await call('/.search', { schemas: [SEARCH], sortBy: 'nosuch' });
    expect({ status: none.status, scimType: none.json.scimType }).toEqual({ status: 400, scimType: 'invalidValue' });
  });

  it('GET on the base URL is the same root query as POST /.search', async () => {
    const query = { filter: 'userName sw "root-01"', sortBy: 'userName', startIndex: '3', count: '4' };
    const got = await server.handle({ method: 'GET', url: `/?${new URLSearchParams(query)}`, headers });
    const posted = await call('/.search', { schemas: [SEARCH], ...query, startIndex: 3, count: 4 });
    expect(got.status).toBe(200);
    expect(JSON.parse(got.body!)).toEqual(posted.json);
    expect(posted.json.Resources.map((r: { userName: string }) => r.userName)).toEqual([
      'root-012',
      'root-013',
      'root-014',
      'root-015',
    ]);
  });
});
