import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userResourceType } from '../../examples/acme-models/src/index.js';
import { parseListQuery } from '../../packages/runtime/src/index.js';
import type { SqlResourceHandler } from '../../packages/stores/src/index.js';
import { ACME_DESCRIPTORS } from './serve.js';
import { BACKENDS } from './backends.js';
import { USER } from './data.js';

const USERS = 37;

for (const make of BACKENDS) {
  const backend = make();
  afterAll(() => backend.drop());

  describe(`index pages read from the far end on ${backend.name}`, () => {
    // The same database through two stores: one reading every page forward, one reading deep
    // pages (from the second row on) from whichever end is nearer.
    let forward: SqlResourceHandler;
    let nearest: SqlResourceHandler;
    beforeAll(async () => {
      const store = await backend.open(ACME_DESCRIPTORS, { deepPageOffset: Number.MAX_SAFE_INTEGER });
      forward = store.handler(userResourceType);
      nearest = (await backend.reopen(ACME_DESCRIPTORS, { deepPageOffset: 1 })).handler(userResourceType);
      for (let i = 0; i < USERS; i++)
        await forward.create({
          schemas: [USER],
          userName: `deep-${String((i * 7) % USERS).padStart(2, '0')}`,
          // Every third user has no nickName, and some share one: missing values and ties both sort.
          ...(i % 3 === 0 ? {} : { nickName: `n${i % 5}` }),
          active: i % 2 === 0,
        });
    });

    it.each([
      ['no sortBy', {}],
      ['sortBy userName', { sortBy: 'userName' }],
      ['sortBy nickName (missing values, ties)', { sortBy: 'nickName' }],
      ['sortBy nickName descending', { sortBy: 'nickName', sortOrder: 'descending' }],
      [
        'sortBy meta.created descending, filtered',
        { sortBy: 'meta.created', sortOrder: 'descending', filter: 'active eq true' },
      ],
    ])('%s: every window is the one read forward', async (_what, params) => {
      for (const count of [1, 4, 10])
        for (let startIndex = 1; startIndex <= USERS + 2; startIndex += 1) {
          const query = parseListQuery({ ...params, startIndex: String(startIndex), count: String(count) });
          const [a, b] = await Promise.all([forward.list(query), nearest.list(query)]);
          const ids = (page: typeof a) => page.resources.map((r) => (r as { id: string }).id);
          expect({ total: b.totalResults, ids: ids(b), startIndex: b.startIndex }).toEqual({
            total: a.totalResults,
            ids: ids(a),
            startIndex: a.startIndex,
          });
        }
    });
  });
}
