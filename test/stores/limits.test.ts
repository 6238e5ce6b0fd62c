import { afterAll, describe, expect, it } from 'vitest';
import { groupResourceType, userResourceType } from '../../examples/acme-models/src/index.js';
import { parseAttrPath, parseFilter, type ListQuery } from '../../packages/runtime/src/index.js';
import { BACKENDS, postgresBackend } from './backends.js';
import { USER } from './data.js';

const DESCRIPTORS = [userResourceType, groupResourceType];
const CONTEXT = { resourceType: 'User' };

const query = (filter?: string): ListQuery => ({
  filter: filter === undefined ? undefined : parseFilter(filter),
  sortBy: parseAttrPath('emails.value'),
  sortOrder: 'ascending',
  pagination: { kind: 'index', startIndex: 1, count: 10 },
  attributes: [],
  excludedAttributes: [],
});

for (const make of BACKENDS) {
  const backend = make();
  afterAll(() => backend.drop());

  describe(`sorting by a multi-valued attribute on ${backend.name}`, () => {
    it('sorts at most maxInProcessSort resources in process; more is 400 tooMany', async () => {
      const store = await backend.open(DESCRIPTORS, { maxInProcessSort: 3 });
      const users = store.handler(userResourceType);
      for (const name of ['d', 'b', 'a', 'c', 'e'])
        await users.create({ schemas: [USER], userName: `sort-${name}`, emails: [{ value: `${name}@example.com` }] });
      const error = await users.list(query(), CONTEXT).then(
        () => undefined,
        (e: { status?: number; scimType?: string; detail?: string }) => e,
      );
      expect({ status: error?.status, scimType: error?.scimType, detail: error?.detail }).toEqual({
        status: 400,
        scimType: 'tooMany',
        detail: 'sorting by a multi-valued attribute is done in memory, for at most 3 resources; narrow the filter',
      });
      const narrowed = await users.list(
        query('userName sw "sort-" and not (userName eq "sort-e" or userName eq "sort-d")'),
        CONTEXT,
      );
      expect(narrowed.resources.map((r) => r['userName'])).toEqual(['sort-a', 'sort-b', 'sort-c']);
    });
  });
}

describe('PostgreSQL migrations', () => {
  const backend = postgresBackend();
  afterAll(() => backend.drop());

  it('six servers starting at once on an empty database take turns: all start, each step applied once', async () => {
    await backend.databaseUrl();
    const stores = await Promise.all(Array.from({ length: 6 }, () => backend.reopen(DESCRIPTORS)));
    expect(stores).toHaveLength(6);
    const rows = await backend.query('SELECT id, count(*)::int AS n FROM scimgen_migrations GROUP BY id');
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => r['n'] === 1)).toBe(true);
  });
});
