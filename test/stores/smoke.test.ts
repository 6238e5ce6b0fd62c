import { afterAll, describe, expect, it } from 'vitest';
import { userResourceType, groupResourceType } from '../../examples/acme-models/src/index.js';
import { BACKENDS } from './backends.js';

for (const make of BACKENDS) {
  const backend = make();
  describe(backend.name, () => {
    afterAll(() => backend.drop());
    it('creates and reads', async () => {
      const store = await backend.open([userResourceType, groupResourceType]);
      const users = store.handler(userResourceType);
      const u = await users.create(
        {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: 'Bjensen',
          emails: [{ value: 'b@x.org', type: 'work' }],
        },
        { resourceType: 'User' },
      );
      expect(await users.get(u.id)).toEqual(u);
      const { parseFilter } = await import('../../packages/runtime/src/index.js');
      const page = await users.list(
        {
          filter: parseFilter('userName eq "bjensen" and emails[type eq "work"]'),
          sortBy: undefined,
          sortOrder: 'ascending',
          pagination: { kind: 'index', startIndex: 1, count: 10 },
          attributes: [],
          excludedAttributes: [],
        },
        { resourceType: 'User' },
      );
      expect(page.totalResults).toBe(1);
    });
  });
}
