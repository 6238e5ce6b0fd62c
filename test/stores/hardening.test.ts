import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupResourceType, userResourceType } from '../../examples/acme-models/src/index.js';
import { encodeCursor, parseAttrPath, queryFingerprint, ScimError } from '../../packages/runtime/src/index.js';
import { checkPassword, isPasswordHash } from '../../packages/server/src/index.js';
import type { SqlStore } from '../../packages/stores/src/index.js';
import { openSqliteStore } from '../../packages/stores/src/sqlite.js';
import { TEST_PROFILE, type Running } from '../server/app.js';
import { client, type Answer, type Call } from '../server/client.js';
import { serveOnStore } from './serve.js';
import { BACKENDS } from './backends.js';
import { ACME, GROUP, USER } from './data.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const DESCRIPTORS = [userResourceType, groupResourceType];

function expectError(answer: Answer, status: number, scimType?: string): void {
  expect({ status: answer.status, scimType: answer.json?.scimType }).toEqual({ status, scimType });
  expect(answer.json.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
}

const NUL = '\u0000';
const LONE = '\uD800';

for (const make of BACKENDS) {
  const backend = make();
  describe(`hardening over HTTP on ${backend.name}`, () => {
    let running: Running & { store: SqlStore };
    let call: Call;
    let userId: string;
    let before: string;

    const userCount = async () => (await call('GET', `/Users?count=0`)).json.totalResults as number;

    beforeAll(async () => {
      running = await serveOnStore(backend, { cursorKey: 'hardening-suite-cursor-key' });
      call = client(running.base, TEST_PROFILE.token);
      const created = await call('POST', '/Users', { body: { schemas: [USER], userName: 'hardening-target' } });
      expect(created.status).toBe(201);
      userId = created.json.id;
      before = (await call('GET', `/Users/${userId}`)).text;
    });
    afterAll(async () => {
      await running.close();
      await backend.drop();
    });

    describe('text no store can keep is 400 invalidValue, and nothing changes', () => {
      const bad = [
        ['NUL', `a${NUL}b`],
        ['a lone high surrogate', `a${LONE}b`],
        ['a lone low surrogate', `a\uDC00`],
      ] as const;
      it.each(bad)('%s in a POST', async (_name, text) => {
        expectError(await call('POST', '/Users', { body: { schemas: [USER], userName: text } }), 400, 'invalidValue');
      });
      it.each(bad)('%s in a PUT, a PATCH, a member name and inside /Bulk', async (_name, text) => {
        expectError(
          await call('PUT', `/Users/${userId}`, { body: { schemas: [USER], userName: 'x', displayName: text } }),
          400,
          'invalidValue',
        );
        expectError(
          await call('PATCH', `/Users/${userId}`, {
            body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: text }] },
          }),
          400,
          'invalidValue',
        );
        expectError(
          await call('POST', '/Users', { body: { schemas: [USER], userName: 'x', [`k${text}`]: 1 } }),
          400,
          'invalidValue',
        );
        expectError(
          await call('POST', '/Bulk', {
            body: {
              schemas: [BULK],
              Operations: [{ method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [USER], userName: text } }],
            },
          }),
          400,
          'invalidValue',
        );
        expect((await call('GET', `/Users/${userId}`)).text).toBe(before);
      });
      it.each(bad)('%s in a filter literal is 400 invalidFilter', async (_name, text) => {
        const filter = encodeURIComponent(`userName eq ${JSON.stringify(text)}`);
        expectError(await call('GET', `/Users?filter=${filter}`), 400, 'invalidFilter');
        const managerFilter = encodeURIComponent(
          `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq ${JSON.stringify(text)}`,
        );
        expectError(await call('GET', `/Users?filter=${managerFilter}`), 400, 'invalidFilter');
        expectError(
          await call('POST', '/.search', {
            body: {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
              filter: `userName eq "a\\u0000"`,
            },
          }),
          400,
          'invalidFilter',
        );
      });
      it.each(['GET', 'PUT', 'PATCH', 'DELETE'])('%s on an id holding NUL is 404', async (method) => {
        const body =
          method === 'PUT'
            ? { schemas: [USER], userName: 'x' }
            : method === 'PATCH'
              ? { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'x' }] }
              : undefined;
        expectError(await call(method, '/Users/%00', body === undefined ? {} : { body }), 404);
        expectError(await call(method, `/Users/${userId}%00`, body === undefined ? {} : { body }), 404);
      });
    });

    describe('dateTimes are limited to the years 0001 to 9999', () => {
      it.each([
        'meta.lastModified gt "+010000-01-01T00:00:00Z"',
        'meta.created eq "0000-01-01T00:00:00Z"',
        'meta.created lt "-000001-01-01T00:00:00Z"',
        `${ACME}:custom_field6 ge "+275760-09-13T00:00:00Z"`,
      ])('the filter %s is 400 invalidFilter, in GET and in POST /.search', async (filter) => {
        expectError(await call('GET', `/Users?filter=${encodeURIComponent(filter)}`), 400, 'invalidFilter');
        expectError(
          await call('POST', '/Users/.search', {
            body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter },
          }),
          400,
          'invalidFilter',
        );
      });
      it('the last instant of year 9999 still filters', async () => {
        const answer = await call(
          'GET',
          `/Users?count=0&filter=${encodeURIComponent('meta.lastModified lt "9999-12-31T23:59:59.999Z"')}`,
        );
        expect(answer.status).toBe(200);
        expect(answer.json.totalResults).toBe(await userCount());
      });
      it.each(['+010000-01-01T00:00:00Z', '0000-06-01T00:00:00Z', '-0044-03-15T12:00:00Z'])(
        'a resource holding %s is 400 invalidValue',
        async (when) => {
          const counted = await userCount();
          expectError(
            await call('POST', '/Users', {
              body: {
                schemas: [USER, ACME],
                userName: `when-${when}`,
                [ACME]: { custom_field1: 'a', custom_field6: when },
              },
            }),
            400,
            'invalidValue',
          );
          expect(await userCount()).toBe(counted);
        },
      );
    });

    it.each(['', ' ', '\t \n'])('a userName of %j is 400 invalidValue in POST, PUT and PATCH', async (blank) => {
      const detail = 'userName is required and must not be empty or blank';
      const posted = await call('POST', '/Users', { body: { schemas: [USER], userName: blank } });
      expectError(posted, 400, 'invalidValue');
      expect(posted.json.detail).toBe(detail);
      const put = await call('PUT', `/Users/${userId}`, { body: { schemas: [USER], userName: blank } });
      expectError(put, 400, 'invalidValue');
      expect(put.json.detail).toBe(detail);
      const patched = await call('PATCH', `/Users/${userId}`, {
        body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'userName', value: blank }] },
      });
      expectError(patched, 400, 'invalidValue');
      expect(patched.json.detail).toBe(detail);
      const group = await call('POST', '/Groups', { body: { schemas: [GROUP], displayName: blank } });
      expectError(group, 400, 'invalidValue');
      expect(group.json.detail).toBe('displayName is required and must not be empty or blank');
      expect((await call('GET', `/Users/${userId}`)).text).toBe(before);
    });

    describe('passwords', () => {
      let id: string;
      const storedDoc = async (userId: string) => {
        const table = backend.name === 'SQLite' ? 'json(doc)' : 'doc::text';
        const [row] = await backend.query(`SELECT ${table} AS doc FROM scim_user WHERE id = '${userId}'`);
        return JSON.parse(String(row!['doc'])) as Record<string, unknown>;
      };

      beforeAll(async () => {
        const created = await call('POST', '/Users', {
          body: { schemas: [USER], userName: 'with-password', password: 'n0t-in-the-clear' },
        });
        expect(created.status).toBe(201);
        id = created.json.id;
      });

      it('are stored as scrypt hashes, never as sent, and never returned', async () => {
        const doc = await storedDoc(id);
        expect(JSON.stringify(doc)).not.toContain('n0t-in-the-clear');
        expect(isPasswordHash(doc['password'])).toBe(true);
        expect(await checkPassword(doc['password'], 'n0t-in-the-clear')).toBe(true);
        expect(await checkPassword(doc['password'], 'n0t-in-the-clear ')).toBe(false);
        const read = await call('GET', `/Users/${id}`);
        expect(read.text).not.toContain('scrypt');
        expect(read.json.password).toBeUndefined();
      });

      it('a PATCH or PUT setting one stores its hash; other changes keep the hash as it was', async () => {
        const first = (await storedDoc(id))['password'];
        await call('PATCH', `/Users/${id}`, {
          body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: 'p' }] },
        });
        expect((await storedDoc(id))['password']).toBe(first);
        await call('PATCH', `/Users/${id}`, {
          body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'password', value: 'second-one' }] },
        });
        const second = (await storedDoc(id))['password'];
        expect(await checkPassword(second, 'second-one')).toBe(true);
        expect(JSON.stringify(await storedDoc(id))).not.toContain('second-one');
        const put = await call('PUT', `/Users/${id}`, {
          body: { schemas: [USER], userName: 'with-password', password: 'third-one' },
        });
        expect(put.status).toBe(200);
        const third = (await storedDoc(id))['password'];
        expect(await checkPassword(third, 'third-one')).toBe(true);
        // A PUT without the password (it is never returned, so a client cannot send it back) keeps it.
        const kept = await call('PUT', `/Users/${id}`, {
          body: { schemas: [USER], userName: 'with-password', title: 'x' },
        });
        expect(kept.json).toMatchObject({ title: 'x' });
        expect((await storedDoc(id))['password']).toBe(third);
      });

      it.each([
        ['filter', 'filter=password%20sw%20%22n%22', 'invalidFilter'],
        [
          'filter beside another term',
          'filter=userName%20eq%20%22with-password%22%20and%20password%20sw%20%22n%22',
          'invalidFilter',
        ],
        ['filter with the schema URN', `filter=${encodeURIComponent(`${USER}:password pr`)}`, 'invalidFilter'],
        ['filter under not', `filter=${encodeURIComponent('not (password eq "x")')}`, 'invalidFilter'],
        ['sortBy', 'sortBy=password', 'invalidValue'],
        ['attributes', 'attributes=userName,password', 'invalidValue'],
      ])('naming the password in %s is 400', async (_where, query, scimType) => {
        expectError(await call('GET', `/Users?${query}`), 400, scimType);
      });

      it('naming it in attributes of a GET by id or a search is 400 too', async () => {
        expectError(await call('GET', `/Users/${id}?attributes=password`), 400, 'invalidValue');
        expectError(
          await call('POST', '/Users/.search', {
            body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'password sw "t"' },
          }),
          400,
          'invalidFilter',
        );
      });
    });

    it('a body nested 2,000 levels (in /Bulk data and elsewhere) is 400 invalidSyntax', async () => {
      let deep: unknown = 'bulkId:a';
      for (let i = 0; i < 2000; i++) deep = { x: deep };
      const bulk = {
        schemas: [BULK],
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [USER], userName: 'deep-a' } },
          { method: 'POST', path: '/Users', bulkId: 'b', data: { schemas: [USER], userName: 'deep-b', deep } },
        ],
      };
      const counted = await userCount();
      expectError(await call('POST', '/Bulk', { body: bulk }), 400, 'invalidSyntax');
      expectError(
        await call('POST', '/Users', { body: { schemas: [USER], userName: 'deep', deep } }),
        400,
        'invalidSyntax',
      );
      expect(await userCount()).toBe(counted);
    });

    it('writes without If-Match are never answered 412: 32 concurrent member adds all land', async () => {
      const group = await call('POST', '/Groups', { body: { schemas: [GROUP], displayName: 'crowded' } });
      const members: string[] = [];
      for (let i = 0; i < 32; i++)
        members.push((await call('POST', '/Users', { body: { schemas: [USER], userName: `crowd-${i}` } })).json.id);
      const answers = await Promise.all(
        members.map((value) =>
          call('PATCH', `/Groups/${group.json.id}`, {
            body: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value }] }] },
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(members.map(() => 200));
      const read = await call('GET', `/Groups/${group.json.id}`);
      expect((read.json.members as { value: string }[]).map((m) => m.value).sort()).toEqual([...members].sort());
      expect(read.headers.get('etag')).toBe('W/"33"');
    });

    it('16 concurrent PUTs without If-Match all succeed, one after the other', async () => {
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          call('PUT', `/Users/${userId}`, {
            body: { schemas: [USER], userName: 'hardening-target', displayName: `put ${i}` },
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      const versions = answers.map((a) => a.headers.get('etag')).sort();
      expect(new Set(versions).size).toBe(16);
      before = (await call('GET', `/Users/${userId}`)).text;
    });

    it('concurrent If-Match PATCHes on one version: one 200, the rest 412', async () => {
      const etag = (await call('GET', `/Users/${userId}`)).headers.get('etag')!;
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          call('PATCH', `/Users/${userId}`, {
            headers: { 'if-match': etag },
            body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'displayName', value: `m ${i}` }] },
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
      before = (await call('GET', `/Users/${userId}`)).text;
    });

    describe('server-unique attributes of every type', () => {
      it('two users with one integer custom_field3 (declared server-unique): the second is 409', async () => {
        const make = (userName: string) =>
          call('POST', '/Users', {
            body: { schemas: [USER, ACME], userName, [ACME]: { custom_field1: 'a', custom_field3: 4711 } },
          });
        const first = await make('badge-a');
        expect(first.json).toMatchObject({ id: expect.any(String) });
        expectError(await make('badge-b'), 409, 'uniqueness');
      });
      it('of 16 concurrent creates with one integer value, exactly one is 201', async () => {
        const answers = await Promise.all(
          Array.from({ length: 16 }, (_, i) =>
            call('POST', '/Users', {
              body: {
                schemas: [USER, ACME],
                userName: `badge-race-${i}`,
                [ACME]: { custom_field1: 'a', custom_field3: 9000 },
              },
            }),
          ),
        );
        expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array.from({ length: 15 }, () => 409)]);
      });
    });

    describe('cursors are signed', () => {
      const page = (cursor: string) =>
        call('GET', `/Users?sortBy=meta.created&count=2&cursor=${encodeURIComponent(cursor)}`);

      it('a cursor the server issued leads to the next page', async () => {
        const first = await page('');
        expect(first.status).toBe(200);
        expect(typeof first.json.nextCursor).toBe('string');
        const second = await page(first.json.nextCursor);
        expect(second.status).toBe(200);
        expect(second.json.Resources[0].id).not.toBe(first.json.Resources[0].id);
      });

      it('a tampered key (1e308), a forged cursor and a future issue time are 400 invalidCursor', async () => {
        const first = await page('');
        const sealed: string = first.json.nextCursor;
        const inner = sealed.slice(0, sealed.indexOf('.'));
        const state = JSON.parse(Buffer.from(inner, 'base64url').toString('latin1')) as unknown[];
        const forged = Buffer.from(JSON.stringify([1, 1e308, state[2], state[3], Date.now()]), 'latin1').toString(
          'base64url',
        );
        expectError(await page(forged), 400, 'invalidCursor');
        expectError(await page(forged + sealed.slice(sealed.indexOf('.'))), 400, 'invalidCursor');
        const [, issued, mac] = sealed.split('.');
        const future = (Date.now() + 10 * 365 * 86_400_000).toString(36);
        expectError(await page(`${inner}.${future}.${mac}`), 400, 'invalidCursor');
        expectError(await page(`${inner}.${issued}.${mac!.slice(1)}A`), 400, 'invalidCursor');
      });
    });

    it('PATCH cannot grow an attribute past the values a POST may carry', async () => {
      const many = (n: number, from: number) =>
        Array.from({ length: n }, (_, i) => ({ value: `e${from + i}@example.com`, type: 'work' }));
      const add = (values: unknown[]) =>
        call('PATCH', `/Users/${userId}`, {
          body: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'emails', value: values }] },
        });
      // The test server's body limit is 64 KiB, so the list grows in steps.
      let total = 0;
      for (; total + 900 <= 10_000; total += 900) expect((await add(many(900, total))).status).toBe(200);
      const stored = (await call('GET', `/Users/${userId}`)).text;
      const over = await add(many(10_000 - total + 1, total));
      expectError(over, 400, 'invalidValue');
      expect(over.json.detail).toBe('emails would have 10001 values after this PATCH; at most 10000 are accepted');
      expect((await call('GET', `/Users/${userId}`)).text).toBe(stored);
      before = stored;
    });
  });
}

describe('the SQLite database file', () => {
  it('is created with its folder readable by this user only, and so are its -wal and -shm files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-private-'));
    const file = path.join(dir, 'nested', 'scim.db');
    const store = await openSqliteStore(file, DESCRIPTORS);
    try {
      await store.handler(userResourceType).create({ schemas: [USER], userName: 'private' });
      expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`])
        expect({ f, mode: statSync(f).mode & 0o777 }).toEqual({ f, mode: 0o600 });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a store given a cursor whose dateTime key is no instant', () => {
  it.each(BACKENDS.map((make) => [make().name, make] as const))(
    'answers 400 invalidCursor on %s',
    async (_name, make) => {
      const backend = make();
      try {
        const store = await backend.open(DESCRIPTORS);
        const users = store.handler(userResourceType);
        await users.create({ schemas: [USER], userName: 'cursor-a' });
        const sortBy = parseAttrPath('meta.created');
        const base = {
          filter: undefined,
          sortBy,
          sortOrder: 'ascending',
          attributes: [],
          excludedAttributes: [],
        } as const;
        const fingerprint = queryFingerprint({ ...base, pagination: { kind: 'cursor', cursor: undefined, count: 1 } });
        for (const key of [1e308, 'x'] as const) {
          const cursor = encodeCursor({ key, id: 'a', query: fingerprint, issuedAt: Date.now() });
          const error = await users
            .list({ ...base, pagination: { kind: 'cursor', cursor, count: 1 } }, { resourceType: 'User' })
            .then(
              () => undefined,
              (e: unknown) => e,
            );
          // One runtime per run (test/helpers/source-aliases.ts): the store's ScimError is this one.
          expect(error).toBeInstanceOf(ScimError);
          expect({ status: (error as ScimError).status, scimType: (error as ScimError).scimType }).toEqual({
            status: 400,
            scimType: 'invalidCursor',
          });
        }
      } finally {
        await backend.drop();
      }
    },
  );
});
