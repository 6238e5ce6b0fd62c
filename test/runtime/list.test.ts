import { describe, expect, it } from 'vitest';
import { listResources, parseListQuery, type ListQuery } from '../../packages/runtime/src/index.js';
import { userResourceType } from '../../examples/acme-models/src/descriptors/index.js';
import { CORE, USERS } from './fixtures.js';
import { scimError } from '../helpers/scim-error.js';

const ids = (r: { Resources: readonly Record<string, unknown>[] }) => r.Resources.map((x) => x['id']);

/** 25 users with a few shared sort values, so ties and page boundaries are exercised. */
const MANY = Array.from({ length: 25 }, (_, i) => ({
  schemas: [CORE],
  id: `id${String(i).padStart(2, '0')}`,
  userName: `user${String(24 - i).padStart(2, '0')}`,
  title: ['b', 'a', 'C', undefined][i % 4],
  meta: { lastModified: new Date(Date.UTC(2020, 0, 1 + (i % 5))).toISOString() },
}));

describe('list queries (RFC 7644 §3.4.2, RFC 9865)', () => {
  it('reads GET parameters with RFC defaults and clamping', () => {
    expect(parseListQuery({})).toMatchObject({
      pagination: { kind: 'index', startIndex: 1, count: 100 },
      sortOrder: 'ascending',
    });
    expect(parseListQuery({ startIndex: '0', count: '-5' }).pagination).toEqual({
      kind: 'index',
      startIndex: 1,
      count: 0,
    });
    expect(parseListQuery({ count: '5000' }).pagination).toEqual({ kind: 'index', startIndex: 1, count: 1000 });
    expect(parseListQuery({ cursor: '', count: '10' }).pagination).toEqual({
      kind: 'cursor',
      cursor: undefined,
      count: 10,
    });
    expect(parseListQuery({ sortOrder: 'DESCENDING', attributes: 'userName, emails' })).toMatchObject({
      sortOrder: 'descending',
      attributes: ['userName', 'emails'],
    });
  });

  it.each([
    [{ startIndex: 'abc' }, 'invalidValue', 'startIndex must be an integer, got "abc"'],
    [{ count: '1.5' }, 'invalidValue', 'count must be an integer, got "1.5"'],
    [{ sortOrder: 'up' }, 'invalidValue', 'sortOrder must be "ascending" or "descending", got "up"'],
    [{ cursor: 'x', startIndex: '1' }, 'invalidValue', 'startIndex and cursor cannot be used together'],
    [{ cursor: '', count: '5000' }, 'invalidCount', 'count 5000 is more than the maximum page size 1000'],
    [
      { filter: 'userName eq' },
      'invalidFilter',
      'expected a value (a quoted string, a number, true, false or null), found the end of the filter at character 12',
    ],
    [{ sortBy: 'name..x' }, 'invalidPath', '"name..x" is not a valid attribute path at character 1'],
  ])('rejects %j with %s', (params, scimType, detail) => {
    const error = scimError(() => parseListQuery(params));
    expect([error.status, error.scimType, error.detail]).toEqual([400, scimType, detail]);
  });

  it('filters, sorts (schema-aware, missing values last) and pages by index', () => {
    const query = parseListQuery({ filter: 'title pr', sortBy: 'title', startIndex: '3', count: '4' });
    const response = listResources(MANY, userResourceType, query);
    // title is not caseExact: a < b < C; ties by id.
    expect(response).toMatchObject({ totalResults: 19, itemsPerPage: 4, startIndex: 3 });
    expect(ids(response)).toEqual(['id09', 'id13', 'id17', 'id21']);
    const descending = listResources(
      MANY,
      userResourceType,
      parseListQuery({ sortBy: 'title', sortOrder: 'descending', count: '3' }),
    );
    expect(ids(descending)).toEqual(['id03', 'id07', 'id11']);
  });

  it('sorts dateTimes as instants and multi-valued attributes by their primary value', () => {
    const byDate = listResources(USERS, userResourceType, parseListQuery({ sortBy: 'meta.lastModified' }));
    expect(ids(byDate)).toEqual(['u2', 'u1', 'u3']);
    const byEmail = listResources(USERS, userResourceType, parseListQuery({ sortBy: 'emails.value' }));
    expect(ids(byEmail)).toEqual(['u1', 'u2', 'u3']);
  });

  it('walks every resource exactly once with cursors, in order, then stops', () => {
    const params = { filter: 'userName sw "user"', sortBy: 'title', count: '4' };
    const seen: unknown[] = [];
    let cursor = '';
    for (let page = 0; page < 20; page++) {
      const response = listResources(MANY, userResourceType, parseListQuery({ ...params, cursor }), { now: 1000 });
      seen.push(...ids(response));
      if (response.nextCursor === undefined) break;
      cursor = response.nextCursor;
    }
    const all = listResources(MANY, userResourceType, parseListQuery({ ...params, count: '100' }));
    expect(seen).toEqual(ids(all));
    expect(seen).toHaveLength(25);
  });

  it('refuses a cursor from another query, a forged one and an expired one', () => {
    const first = listResources(
      MANY,
      userResourceType,
      parseListQuery({ sortBy: 'userName', cursor: '', count: '2' }),
      { now: 1000 },
    );
    const next = first.nextCursor!;
    const other =
      (q: Record<string, string>, now = 1000) =>
      () =>
        listResources(MANY, userResourceType, parseListQuery(q), { now, cursorTimeoutMs: 60_000 });
    expect(scimError(other({ sortBy: 'title', cursor: next })).scimType).toBe('invalidCursor');
    expect(scimError(other({ sortBy: 'userName', cursor: 'not-a-cursor!' })).scimType).toBe('invalidCursor');
    expect(scimError(other({ sortBy: 'userName', cursor: next }, 1000 + 60_001)).scimType).toBe('expiredCursor');
  });

  it('projects every resource of a page', () => {
    const query: ListQuery = parseListQuery({ attributes: 'userName', count: '1' });
    expect(listResources(USERS, userResourceType, query).Resources).toEqual([
      { schemas: USERS[0]!['schemas'], id: 'u1', userName: 'bjensen' },
    ]);
  });
});
