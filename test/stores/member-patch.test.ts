import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupResourceType, resourceTypeDefinitions, userResourceType } from '../../examples/acme-models/src/index.js';
import type { ResourceHandler, ScimServerOptions } from '../../packages/server/src/index.js';
import { start, TEST_PROFILE, type Running } from '../server/app.js';
import { client, type Call } from '../server/client.js';
import { BACKENDS } from './backends.js';
import { GROUP, USER } from './data.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patch = (...Operations: unknown[]) => ({ body: { schemas: [PATCH_OP], Operations } });

/** A handler that records which of its methods the server called. */
function counted(handler: ResourceHandler, calls: string[]): ResourceHandler {
  return new Proxy(handler, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(key));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

for (const make of BACKENDS) {
  const backend = make();
  afterAll(() => backend.drop());

  describe(`members-only PATCH on ${backend.name}`, () => {
    const calls: string[] = [];
    const servers: Running[] = [];
    afterAll(async () => {
      for (const server of servers) await server.close();
    });

    async function serve(overrides: Partial<ScimServerOptions>): Promise<Call> {
      const store = await backend.open([userResourceType, groupResourceType]);
      const running = await start('node:http', {
        resourceTypes: resourceTypeDefinitions.map((definition) => ({
          definition,
          handler: counted(store.handler(definition.descriptor), calls),
        })),
        ...overrides,
      });
      servers.push(running);
      return client(running.base, TEST_PROFILE.token);
    }

    let call: Call;
    let members: { value: string; type: string }[];
    beforeAll(async () => {
      call = await serve({ memberPatchResponse: 'noContent' });
      members = [];
      for (let i = 0; i < 5; i++) {
        const user = await call('POST', '/Users', { body: { schemas: [USER], userName: `m${i}` } });
        members.push({ value: user.json.id, type: 'User' });
      }
    });

    const group = async (extra: Record<string, unknown> = {}) =>
      (
        await call('POST', '/Groups', {
          body: { schemas: [GROUP], displayName: 'G', members: members.slice(0, 3), ...extra },
        })
      ).json as { id: string; meta: { version: string } };
    const read = async (id: string) => (await call('GET', `/Groups/${id}`)).json as { members?: { value: string }[] };
    const valuesOf = async (id: string) => ((await read(id)).members ?? []).map((m) => m.value).sort();
    /** The handler methods one request made the server call. */
    const during = async <T>(request: () => Promise<T>): Promise<[T, string[]]> => {
      calls.length = 0;
      const answer = await request();
      return [answer, [...calls]];
    };

    it.each([
      ['an add', (m: typeof members) => patch({ op: 'add', path: 'members', value: [m[3], m[4]] }), [0, 1, 2, 3, 4]],
      [
        'a filtered remove',
        (m: typeof members) => patch({ op: 'remove', path: `members[value eq "${m[1]!.value}"]` }),
        [0, 2],
      ],
      ['a no-path add', (m: typeof members) => patch({ op: 'add', value: { members: [m[4]] } }), [0, 1, 2, 4]],
      ['a replace of the list', (m: typeof members) => patch({ op: 'replace', path: 'members', value: [m[4]] }), [4]],
      ['a remove of every member', () => patch({ op: 'remove', path: 'members' }), []],
      [
        'several operations at once',
        (m: typeof members) =>
          patch(
            { op: 'remove', path: `members[value eq "${m[0]!.value}" or value eq "${m[2]!.value}"]` },
            { op: 'add', path: 'members', value: [m[3]] },
          ),
        [1, 3],
      ],
    ])('answers %s with 204 and the new ETag, never reading the member list', async (_name, request, expected) => {
      const g = await group();
      const [answer, used] = await during(() => call('PATCH', `/Groups/${g.id}`, request(members)));
      expect(answer.status).toBe(204);
      expect(answer.text).toBe('');
      expect(used).toEqual(['getWithoutMembers', 'patch']);
      const after = await call('GET', `/Groups/${g.id}`);
      expect(answer.headers.get('etag')).toBe(after.headers.get('etag'));
      expect(answer.headers.get('etag')).not.toBe(g.meta.version);
      expect(await valuesOf(g.id)).toEqual(expected.map((i) => members[i]!.value).sort());
    });

    it('leaves the version as it was when the rows change nothing', async () => {
      const g = await group();
      for (const request of [
        patch({ op: 'add', path: 'members', value: [members[0]] }),
        patch({ op: 'remove', path: `members[value eq "${members[4]!.value}"]` }),
      ]) {
        const answer = await call('PATCH', `/Groups/${g.id}`, request);
        expect(answer.status).toBe(204);
        expect(answer.headers.get('etag')).toBe(g.meta.version);
      }
      const read = await call('GET', `/Groups/${g.id}`);
      expect(read.headers.get('etag')).toBe(g.meta.version);
      expect(read.json.meta.lastModified).toBe((g as unknown as { meta: { lastModified: string } }).meta.lastModified);
    });

    it('reads the list (200 with the group) when the PATCH changes anything else or depends on the members there', async () => {
      for (const request of [
        patch({ op: 'replace', path: 'displayName', value: 'Renamed' }),
        patch(
          { op: 'replace', path: 'displayName', value: 'Both' },
          { op: 'add', path: 'members', value: [members[3]] },
        ),
        patch({ op: 'replace', path: `members[value eq "${members[0]!.value}"].display`, value: 'First' }),
        patch({ op: 'add', path: `members[value eq "${members[1]!.value}"]`, value: { display: 'Second' } }),
      ]) {
        const g = await group();
        const [answer, used] = await during(() => call('PATCH', `/Groups/${g.id}`, request));
        expect(answer.status).toBe(200);
        expect(used).toContain('get');
        expect(answer.json).toEqual((await call('GET', `/Groups/${g.id}`)).json);
      }
    });

    it('answers 200 with the group when the request names attributes, as RFC 7644 §3.5.2 requires', async () => {
      const g = await group();
      const [answer, used] = await during(() =>
        call(
          'PATCH',
          `/Groups/${g.id}?attributes=displayName`,
          patch({ op: 'add', path: 'members', value: [members[3]] }),
        ),
      );
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ id: g.id, displayName: 'G' });
      expect(answer.json).not.toHaveProperty('members');
      expect(used).toContain('get');
    });

    it('checks If-Match, the group, and the members added, and writes nothing on failure', async () => {
      const g = await group();
      const add = patch({ op: 'add', path: 'members', value: [members[3]] });
      const stale = await call('PATCH', `/Groups/${g.id}`, { ...add, headers: { 'if-match': 'W/"stale"' } });
      expect(stale.status).toBe(412);
      expect(stale.json.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
      const missing = await call('PATCH', '/Groups/no-such-group', add);
      expect(missing.status).toBe(404);
      for (const bad of [
        patch({ op: 'add', path: 'members', value: [{ value: 42 }] }),
        patch({ op: 'add', path: 'members', value: 'not a list' }),
        patch({ op: 'add', path: 'members', value: [{ value: members[3]!.value, display: 7 }] }),
      ]) {
        const answer = await call('PATCH', `/Groups/${g.id}`, bad);
        expect(answer.status).toBe(400);
        expect(answer.json).toMatchObject({ status: '400' });
      }
      expect(await valuesOf(g.id)).toEqual(
        members
          .slice(0, 3)
          .map((m) => m.value)
          .sort(),
      );
      const ok = await call('PATCH', `/Groups/${g.id}`, { ...add, headers: { 'if-match': g.meta.version } });
      expect(ok.status).toBe(204);
    });

    it.each([
      ['JSON that does not parse', { raw: '{"schemas": [' }, 'invalidSyntax'],
      ['Operations that are not a list', { body: { schemas: [PATCH_OP], Operations: 'add' } }, 'invalidSyntax'],
      ['an unknown operation', patch({ op: 'merge', path: 'members', value: [] }), 'invalidSyntax'],
      ['an unknown attribute', patch({ op: 'add', path: 'membres', value: [] }), 'invalidPath'],
    ])('answers a PATCH with %s with a SCIM 400 and writes nothing', async (_name, request, scimType) => {
      const g = await group();
      const answer = await call('PATCH', `/Groups/${g.id}`, request);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ status: '400', scimType });
      const read = await call('GET', `/Groups/${g.id}`);
      expect(read.headers.get('etag')).toBe(g.meta.version);
    });

    it('by default answers 200 with the group, and 204 without reading the list when the client prefers minimal', async () => {
      const byDefault = await serve({});
      const g = (
        await byDefault('POST', '/Groups', {
          body: { schemas: [GROUP], displayName: 'D', members: members.slice(0, 2) },
        })
      ).json as { id: string };
      calls.length = 0;
      const full = await byDefault(
        'PATCH',
        `/Groups/${g.id}`,
        patch({ op: 'add', path: 'members', value: [members[2]] }),
      );
      expect(full.status).toBe(200);
      expect(full.json.members).toHaveLength(3);
      expect(calls).toContain('get');
      calls.length = 0;
      const minimal = await byDefault('PATCH', `/Groups/${g.id}`, {
        ...patch({ op: 'add', path: 'members', value: [members[3]] }),
        headers: { prefer: 'return=minimal' },
      });
      expect(minimal.status).toBe(204);
      expect(calls).toEqual(['getWithoutMembers', 'patch']);
      expect(((await byDefault('GET', `/Groups/${g.id}`)).json.members as unknown[]).length).toBe(4);
    });

    it('answers a members-only PATCH inside /Bulk with 204 too', async () => {
      const g = await group();
      const [answer, used] = await during(() =>
        call('POST', '/Bulk', {
          body: {
            schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
            Operations: [
              {
                method: 'PATCH',
                path: `/Groups/${g.id}`,
                data: patch({ op: 'add', path: 'members', value: [members[4]] }).body,
              },
            ],
          },
        }),
      );
      expect(answer.status).toBe(200);
      expect(answer.json.Operations).toMatchObject([{ method: 'PATCH', status: '204' }]);
      expect(used).toEqual(['getWithoutMembers', 'patch']);
      expect(await valuesOf(g.id)).toEqual([0, 1, 2, 4].map((i) => members[i]!.value).sort());
    });

    it('leaves users alone: their PATCHes take the full path', async () => {
      const user = await call('POST', '/Users', { body: { schemas: [USER], userName: 'plain' } });
      const [answer, used] = await during(() =>
        call('PATCH', `/Users/${user.json.id}`, patch({ op: 'replace', path: 'title', value: 'T' })),
      );
      expect(answer.status).toBe(200);
      expect(used).not.toContain('getWithoutMembers');
    });
  });
}
