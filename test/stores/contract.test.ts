import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupResourceType, userResourceType } from '../../examples/acme-models/src/index.js';
import { listResources, parseAttrPath, parseFilter, type ListQuery } from '../../packages/runtime/src/index.js';
import { migrationsFor, type SqlResourceHandler, type SqlStore } from '../../packages/stores/src/index.js';
import { TEST_PROFILE, type Running } from '../server/app.js';
import { client } from '../server/client.js';
import { contract } from '../server/contract.js';
import { serveOnStore } from './serve.js';
import { BACKENDS } from './backends.js';
import { GROUP, listQuery, USER, users } from './data.js';

const USERS = { resourceType: 'User' };
const GROUPS = { resourceType: 'Group' };
const DESCRIPTORS = [userResourceType, groupResourceType];

const ids = (page: { resources: readonly { id: string }[] }) => page.resources.map((r) => r.id);

for (const make of BACKENDS) {
  const backend = make();
  afterAll(() => backend.drop());

  // Every endpoint, header and error of the HTTP contract suite, on this database.
  contract(`node:http on ${backend.name}`, () => serveOnStore(backend), TEST_PROFILE);

  describe(`${backend.name} store`, () => {
    let store: SqlStore;
    let people: SqlResourceHandler;
    let groups: SqlResourceHandler;
    let stored: Record<string, unknown>[];

    beforeAll(async () => {
      store = await backend.open(DESCRIPTORS);
      people = store.handler(userResourceType);
      groups = store.handler(groupResourceType);
      for (const user of users(80, 11)) await people.create({ ...user, userName: `s-${user['userName']}` }, USERS);
      stored = (await people.list(listQuery({ filter: parseFilter('userName sw "s-"') }), USERS)).resources.map(
        (r) => ({
          ...r,
        }),
      );
    });

    const inProcess = (query: ListQuery) =>
      listResources(stored, userResourceType, query, { project: false }).Resources.map((r) => r['id']);

    it.each([
      'userName',
      'name.familyName',
      'displayName',
      'externalId',
      'active',
      'meta.created',
      'id',
      'urn:ietf:params:scim:schemas:extension:acme:2.0:User:custom_field3',
      'urn:ietf:params:scim:schemas:extension:acme:2.0:User:custom_field6',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
      'emails',
      'emails.value',
    ])('sorts by %s both ways exactly as in process (multi-valued ones in process)', async (path) => {
      for (const sortOrder of ['ascending', 'descending'] as const) {
        const query = listQuery({ filter: parseFilter('userName sw "s-"'), sortBy: parseAttrPath(path), sortOrder });
        expect(ids(await people.list(query, USERS))).toEqual(inProcess(query));
      }
    });

    it('pages by index and by cursor through the same order as in process', async () => {
      const filter = parseFilter('userName sw "s-" and not (active eq false)');
      for (const sortBy of [undefined, parseAttrPath('userName'), parseAttrPath('name.givenName')]) {
        const all = inProcess(listQuery({ filter, sortBy }));
        const byIndex: string[] = [];
        for (let startIndex = 1; startIndex <= all.length; startIndex += 7) {
          const page = await people.list(
            listQuery({ filter, sortBy, pagination: { kind: 'index', startIndex, count: 7 } }),
            USERS,
          );
          expect(page.totalResults).toBe(all.length);
          byIndex.push(...ids(page));
        }
        expect(byIndex).toEqual(all);
        const byCursor: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await people.list(
            listQuery({ filter, sortBy, sortOrder: 'descending', pagination: { kind: 'cursor', cursor, count: 9 } }),
            USERS,
          );
          byCursor.push(...ids(page));
          cursor = page.nextCursor;
        } while (cursor !== undefined);
        expect(byCursor).toEqual(inProcess(listQuery({ filter, sortBy, sortOrder: 'descending' })));
      }
    });

    it('lets exactly one of 32 concurrent creates of one userName through', async () => {
      const results = await Promise.allSettled(
        Array.from({ length: 32 }, (_, i) =>
          people.create({ schemas: [USER], userName: i % 2 ? 'Race@Example.com' : 'race@example.COM' }, USERS),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected'))
        expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 409, scimType: 'uniqueness' });
      const [row] = await backend.query(`SELECT count(*) AS n FROM scim_user WHERE u_user_name = 'race@example.com'`);
      expect(Number(row!['n'])).toBe(1);
    });

    it('answers 409 uniqueness on replace and keeps the stored resource whole', async () => {
      const a = await people.create({ schemas: [USER], userName: 'taken-a' }, USERS);
      const b = await people.create({ schemas: [USER], userName: 'taken-b', title: 'kept' }, USERS);
      await expect(people.replace(b.id, { schemas: [USER], userName: 'TAKEN-A' }, USERS)).rejects.toMatchObject({
        status: 409,
        scimType: 'uniqueness',
      });
      expect(await people.get(b.id)).toEqual(b);
      expect(await people.get(a.id)).toEqual(a);
    });

    it('refuses a write whose version is stale (412) and keeps the newer one', async () => {
      const u = await people.create({ schemas: [USER], userName: 'versioned' }, USERS);
      const v2 = await people.replace(u.id, { schemas: [USER], userName: 'versioned', title: 'two' }, USERS);
      await expect(
        people.replace(
          u.id,
          { schemas: [USER], userName: 'versioned', title: 'stale' },
          { ...USERS, expectedVersion: u.meta.version },
        ),
      ).rejects.toMatchObject({ status: 412 });
      expect(await people.get(u.id)).toEqual(v2);
    });

    it('writes member changes as rows: one PATCH adding or removing one member of a large group touches one row', async () => {
      const members = Array.from({ length: 2000 }, (_, i) => ({ value: `member-${i}`, type: 'User' }));
      const group = await groups.create({ schemas: [GROUP], displayName: 'Big', members }, GROUPS);
      expect(((await groups.get(group.id)) as Record<string, unknown>)['members']).toEqual(members);
      const rows = async () =>
        (await backend.query(`SELECT value, seq FROM scim_group_members ORDER BY seq`)).filter(
          (r) => String(r['value']).startsWith('member-') || String(r['value']).startsWith('new-'),
        );
      const before = await rows();
      const current = (await groups.get(group.id))!;
      await groups.patch(
        group.id,
        {
          resource: { ...current, members: [...members.slice(1), { value: 'new-1', type: 'User' }] },
          changedAttributes: ['members'],
          members: {
            removedAll: false,
            removed: ['member-0'],
            removeWhere: [],
            added: [{ value: 'new-1', type: 'User' }],
          },
          normalizations: [],
        },
        { ...GROUPS, expectedVersion: current.meta.version },
      );
      const after = await rows();
      // Every other row is the row it was (same seq): nothing rewritten.
      expect(after.slice(0, -1)).toEqual(before.slice(1));
      expect(after[after.length - 1]!['value']).toBe('new-1');
      const filtered = await groups.list(
        listQuery({ filter: parseFilter('members[value eq "new-1"]'), excludedAttributes: ['members'] }),
        GROUPS,
      );
      expect(ids(filtered)).toEqual([group.id]);
      expect(filtered.resources[0]).not.toHaveProperty('members');
      // removeWhere: a filter over member rows.
      await groups.patch(
        group.id,
        {
          resource: current,
          changedAttributes: ['members'],
          members: { removedAll: false, removed: [], removeWhere: [parseFilter('value sw "member-1"')], added: [] },
          normalizations: [],
        },
        GROUPS,
      );
      const left = ((await groups.get(group.id)) as Record<string, unknown>)['members'] as { value: string }[];
      expect(left.some((m) => m.value.startsWith('member-1'))).toBe(false);
      // member-1, member-10…19, member-100…199, member-1000…1999 are gone; new-1 stays.
      expect(left).toHaveLength(2000 - 1111);
    });

    it('takes a deleted user out of every group and gives those groups a new version', async () => {
      const u = await people.create({ schemas: [USER], userName: 'leaver' }, USERS);
      const g = await groups.create({ schemas: [GROUP], displayName: 'Left', members: [{ value: u.id }] }, GROUPS);
      expect(await people.delete(u.id, USERS)).toBe(true);
      const after = (await groups.get(g.id))!;
      expect(after).not.toHaveProperty('members');
      expect(after.meta.version).not.toBe(g.meta.version);
      expect(await people.delete(u.id, USERS)).toBe(false);
    });

    it('applies a migration once and refuses to start on one whose statements changed', async () => {
      const again = await backend.reopen(DESCRIPTORS);
      expect(await again.handler(userResourceType).get(stored[0]!['id'] as string)).toMatchObject({
        id: stored[0]!['id'],
        userName: stored[0]!['userName'],
      });
      const changed = migrationsFor(DESCRIPTORS).map((m) =>
        m.id === 'scim_user: table'
          ? { ...m, sqlite: [...m.sqlite, 'SELECT 1'], postgres: [...m.postgres, 'SELECT 1'] }
          : m,
      );
      await expect(backend.reopen(DESCRIPTORS, { migrations: changed })).rejects.toThrow(
        /scim_user: table.*different statements/,
      );
      await expect(backend.reopen(DESCRIPTORS, { migrations: migrationsFor([userResourceType]) })).rejects.toThrow(
        /scim_group: table.*regenerate/,
      );
    });
  });

  describe(`${backend.name} over HTTP under concurrency`, () => {
    let running: Running & { store: SqlStore };
    beforeAll(async () => {
      running = await serveOnStore(backend);
    });
    afterAll(() => running.close());

    it('answers 20 concurrent PATCHes with one If-Match: one 200, the rest 412', async () => {
      const call = client(running.base, TEST_PROFILE.token);
      const created = await call('POST', '/Users', { body: { schemas: [USER], userName: 'patched' } });
      const etag = created.headers.get('etag')!;
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call('PATCH', `/Users/${created.json.id}`, {
            headers: { 'if-match': etag },
            body: {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
              Operations: [{ op: 'replace', path: 'title', value: `t${i}` }],
            },
          }),
        ),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 412)).toHaveLength(19);
    });

    it('grows a group past the 10,000 values one request may carry, PATCH by PATCH', async () => {
      const call = client(running.base, TEST_PROFILE.token);
      const group = await call('POST', '/Groups', { body: { schemas: [GROUP], displayName: 'Growing' } });
      for (let batch = 0; batch < 11; batch++) {
        const answer = await call('PATCH', `/Groups/${group.json.id}?excludedAttributes=members`, {
          body: {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
            Operations: [
              {
                op: 'add',
                path: 'members',
                value: Array.from({ length: 1000 }, (_, i) => ({ value: `g-${batch * 1000 + i}` })),
              },
            ],
          },
        });
        expect(answer.status).toBe(200);
        expect(answer.json).not.toHaveProperty('members');
      }
      const [row] = await backend.query(
        `SELECT count(*) AS n FROM scim_group_members WHERE resource_id = '${group.json.id}'`,
      );
      expect(Number(row!['n'])).toBe(11_000);
      const removed = await call('PATCH', `/Groups/${group.json.id}`, {
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'remove', path: 'members[value eq "g-10999"]' }],
        },
      });
      expect(removed.json.members).toHaveLength(10_999);
    });

    it('rolls a multi-operation PATCH back as a whole when its write fails', async () => {
      const call = client(running.base, TEST_PROFILE.token);
      await call('POST', '/Users', { body: { schemas: [USER], userName: 'taken-name' } });
      const user = await call('POST', '/Users', {
        body: { schemas: [USER], userName: 'atomic', title: 'before', emails: [{ value: 'a@example.com' }] },
      });
      const answer = await call('PATCH', `/Users/${user.json.id}`, {
        body: {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [
            { op: 'replace', path: 'title', value: 'after' },
            { op: 'add', path: 'emails', value: [{ value: 'b@example.com' }] },
            { op: 'replace', path: 'userName', value: 'TAKEN-name' },
          ],
        },
      });
      expect(answer.status).toBe(409);
      expect(answer.json.scimType).toBe('uniqueness');
      const read = await call('GET', `/Users/${user.json.id}`);
      expect(read.json).toEqual(user.json);
      expect(read.headers.get('etag')).toBe(user.headers.get('etag'));
    });
  });
}
