import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, TEST_PROFILE, type Running } from '../server/app.js';
import { client, type Call } from '../server/client.js';
import { BACKENDS } from './backends.js';
import { GROUP, USER } from './data.js';
import { serveOnStore } from './serve.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patch = (...Operations: unknown[]) => ({ body: { schemas: [PATCH_OP], Operations } });
const filtered = (filter: string, rest = '') => `/Users?filter=${encodeURIComponent(filter)}${rest}`;
const names = (answer: { json: { Resources: { userName: string }[] } }) => answer.json.Resources.map((u) => u.userName);

/** The suite, on a server `serve` starts: every store computes groups alike. */
function groupsSuite(name: string, serve: () => Promise<Running>): void {
  describe(`a User's groups on ${name}`, () => {
    let running: Running;
    let call: Call;
    const users: Record<string, string> = {};
    const groups: Record<string, string> = {};
    const ids = (...which: string[]) => which.map((w) => groups[w]!).sort();

    beforeAll(async () => {
      running = await serve();
      call = client(running.base, TEST_PROFILE.token);
      for (const name of ['ann', 'bob', 'cat', 'dan']) {
        const created = await call('POST', '/Users', { body: { schemas: [USER], userName: name } });
        users[name] = created.json.id;
      }
      const group = async (displayName: string, members: string[]) => {
        const created = await call('POST', '/Groups', {
          body: { schemas: [GROUP], displayName, members: members.map((m) => ({ value: users[m], type: 'User' })) },
        });
        expect(created.status).toBe(201);
        groups[displayName] = created.json.id;
      };
      await group('Engineering', ['ann', 'bob']);
      await group('admins', ['ann']);
      await group('Sales', ['cat']);
    });
    afterAll(() => running.close());

    it('are computed from membership: value, display and type "direct", one per group', async () => {
      const ann = await call('GET', `/Users/${users['ann']}`);
      expect(ann.status).toBe(200);
      const expected = [
        { value: groups['Engineering'], display: 'Engineering', type: 'direct' },
        { value: groups['admins'], display: 'admins', type: 'direct' },
      ].sort((a, b) => (a.value! < b.value! ? -1 : 1));
      expect(ann.json.groups).toEqual(expected);
      const dan = await call('GET', `/Users/${users['dan']}`);
      expect(dan.json).not.toHaveProperty('groups');
    });

    it('come with every user of a list in one statement, and are projected like any attribute', async () => {
      const listed = await call('GET', '/Users?sortBy=userName&count=10');
      const byName = Object.fromEntries(
        listed.json.Resources.map((u: { userName: string; groups?: unknown[] }) => [u.userName, u.groups?.length ?? 0]),
      );
      expect(byName).toEqual({ ann: 2, bob: 1, cat: 1, dan: 0 });
      const excluded = await call('GET', '/Users?excludedAttributes=groups');
      expect(excluded.json.Resources.some((u: object) => 'groups' in u)).toBe(false);
      const only = await call('GET', `/Users/${users['bob']}?attributes=groups.display`);
      expect(only.json.groups).toEqual([{ display: 'Engineering' }]);
    });

    it.each([
      ['groups.value eq <Engineering>', () => `groups.value eq "${groups['Engineering']}"`, ['ann', 'bob']],
      ['groups.display eq "sales" (case-insensitive)', () => 'groups.display eq "sales"', ['cat']],
      [
        'groups[display sw "Eng" and type eq "direct"]',
        () => 'groups[display sw "Eng" and type eq "direct"]',
        ['ann', 'bob'],
      ],
      ['groups pr', () => 'groups pr', ['ann', 'bob', 'cat']],
      ['not (groups pr)', () => 'not (groups pr)', ['dan']],
      [
        'groups.value eq <admins> or userName eq "dan"',
        () => `groups.value eq "${groups['admins']}" or userName eq "dan"`,
        ['ann', 'dan'],
      ],
    ])('filter %s', async (_what, filter, expected) => {
      const answer = await call('GET', filtered(filter(), '&sortBy=userName'));
      expect(answer.status).toBe(200);
      expect(names(answer)).toEqual(expected);
      expect(answer.json.totalResults).toBe(expected.length);
    });

    it('sorts by groups.display and groups.value in SQL, users without groups last, and pages by cursor', async () => {
      const byDisplay = await call('GET', '/Users?sortBy=groups.display&count=10');
      const firstDisplay = (name: string) => {
        const own = ['Engineering', 'admins', 'Sales'].filter((g) =>
          (({ ann: ['Engineering', 'admins'], bob: ['Engineering'], cat: ['Sales'] }) as Record<string, string[]>)[
            name
          ]?.includes(g),
        );
        // The first of a user's groups in group id order, as the array lists them.
        return own.sort((a, b) => (groups[a]! < groups[b]! ? -1 : 1))[0]?.toLowerCase();
      };
      const expected = ['ann', 'bob', 'cat', 'dan'].sort((a, b) => {
        const [x, y] = [firstDisplay(a), firstDisplay(b)];
        if (x === y) return users[a]! < users[b]! ? -1 : 1;
        if (x === undefined) return 1;
        if (y === undefined) return -1;
        return x < y ? -1 : 1;
      });
      expect(names(byDisplay)).toEqual(expected);
      const pages: string[] = [];
      let cursor = '';
      for (let i = 0; i < 5; i++) {
        const page = await call(
          'GET',
          `/Users?sortBy=groups.value&sortOrder=descending&count=2&cursor=${encodeURIComponent(cursor)}`,
        );
        expect(page.status).toBe(200);
        pages.push(...names(page));
        if (page.json.nextCursor === undefined) break;
        cursor = page.json.nextCursor;
      }
      expect(pages).toHaveLength(4);
      expect(pages[0]).toBe('dan');
    });

    it('are readOnly: a user sent with groups keeps the ones membership gives', async () => {
      const created = await call('POST', '/Users', {
        body: { schemas: [USER], userName: 'eve', groups: [{ value: groups['admins'] }] },
      });
      expect(created.status).toBe(201);
      expect(created.json).not.toHaveProperty('groups');
      const replaced = await call('PUT', `/Users/${users['ann']}`, {
        body: { schemas: [USER], userName: 'ann', groups: [] },
      });
      expect(replaced.status).toBe(200);
      expect(replaced.json.groups.map((g: { display: string }) => g.display).sort()).toEqual(['Engineering', 'admins']);
    });

    it('follow member adds, removes, replacement, and the deletion of a group or a user', async () => {
      const groupsOf = async (name: string) =>
        ((await call('GET', `/Users/${users[name]}`)).json.groups ?? []).map((g: { value: string }) => g.value).sort();
      expect(
        (
          await call(
            'PATCH',
            `/Groups/${groups['Sales']}`,
            patch({ op: 'add', path: 'members', value: [{ value: users['dan'] }] }),
          )
        ).status,
      ).toBe(200);
      expect(await groupsOf('dan')).toEqual(ids('Sales'));
      await call(
        'PATCH',
        `/Groups/${groups['Engineering']}`,
        patch({ op: 'remove', path: `members[value eq "${users['bob']}"]` }),
      );
      expect(await groupsOf('bob')).toEqual([]);
      await call('PUT', `/Groups/${groups['admins']}`, {
        body: { schemas: [GROUP], displayName: 'admins', members: [{ value: users['bob'] }] },
      });
      expect(await groupsOf('ann')).toEqual(ids('Engineering'));
      expect(await groupsOf('bob')).toEqual(ids('admins'));
      expect((await call('DELETE', `/Groups/${groups['admins']}`)).status).toBe(204);
      expect(await groupsOf('bob')).toEqual([]);
      // A deleted user leaves every group: no membership row names it any more.
      expect((await call('DELETE', `/Users/${users['dan']}`)).status).toBe(204);
      const sales = await call('GET', `/Groups/${groups['Sales']}`);
      expect(sales.json.members.map((m: { value: string }) => m.value)).toEqual([users['cat']]);
      const renamed = await call(
        'PATCH',
        `/Groups/${groups['Sales']}`,
        patch({ op: 'replace', path: 'displayName', value: 'Field Sales' }),
      );
      expect(renamed.status).toBe(200);
      expect((await call('GET', `/Users/${users['cat']}`)).json.groups).toEqual([
        { value: groups['Sales'], display: 'Field Sales', type: 'direct' },
      ]);
    });

    it('refuses a filter on a groups sub-attribute that does not exist', async () => {
      const answer = await call('GET', filtered('groups.nosuch eq "x"'));
      expect({ status: answer.status, scimType: answer.json.scimType }).toEqual({
        status: 400,
        scimType: 'invalidFilter',
      });
    });
  });
}

for (const make of BACKENDS) {
  const backend = make();
  afterAll(() => backend.drop());
  groupsSuite(backend.name, () => serveOnStore(backend));
}

// In memory: handlers sharing a MemorySpace, as generated memory servers have them.
groupsSuite('memory handlers in one space', () => start('node:http'));
