import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PROFILE, type Running } from '../server/app.js';
import { client, type Call } from '../server/client.js';
import { serveOnStore } from './serve.js';
import { BACKENDS } from './backends.js';
import { GROUP, USER } from './data.js';

const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

for (const make of BACKENDS) {
  const backend = make();
  describe(`/Bulk in one transaction on ${backend.name}`, () => {
    let running: Running;
    let call: Call;

    beforeAll(async () => {
      running = await serveOnStore(backend, { bulk: { maxOperations: 100, maxPayloadSize: 1024 * 1024 } });
      call = client(running.base, TEST_PROFILE.token);
    });
    afterAll(async () => {
      await running.close();
      await backend.drop();
    });

    const count = async (prefix: string) =>
      (await call('GET', `/Users?count=0&filter=${encodeURIComponent(`userName sw "${prefix}"`)}`)).json
        .totalResults as number;

    it('keeps the operations before a failure, undoes the failed one, and runs on until failOnErrors', async () => {
      const taken = await call('POST', '/Users', { body: { schemas: [USER], userName: 'bt-taken' } });
      const answer = await call('POST', '/Bulk', {
        body: {
          schemas: [BULK],
          failOnErrors: 2,
          Operations: [
            { method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: [USER], userName: 'bt-a' } },
            { method: 'POST', path: '/Users', bulkId: 'b', data: { schemas: [USER], userName: 'bt-taken' } },
            {
              method: 'PATCH',
              path: '/Users/bulkId:a',
              data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'userName', value: 'bt-taken' }] },
            },
            { method: 'POST', path: '/Users', bulkId: 'c', data: { schemas: [USER], userName: 'bt-c' } },
          ],
        },
      });
      expect(answer.status).toBe(200);
      // Operations without references run first (c before the PATCH of a); the failures are undone,
      // everything else stays.
      expect(answer.json.Operations.map((o: { status: string }) => o.status)).toEqual(['201', '409', '409', '201']);
      const a = await call('GET', `/Users?filter=${encodeURIComponent('userName eq "bt-a"')}`);
      expect(a.json.totalResults).toBe(1);
      expect(a.json.Resources[0].meta.version).toBe('W/"1"');
      expect(await count('bt-c')).toBe(1);
      expect((await call('GET', `/Users/${taken.json.id}`)).json.userName).toBe('bt-taken');
    });

    it('stops at failOnErrors, keeping what ran before', async () => {
      const answer = await call('POST', '/Bulk', {
        body: {
          schemas: [BULK],
          failOnErrors: 1,
          Operations: [
            { method: 'POST', path: '/Users', bulkId: 'x', data: { schemas: [USER], userName: 'bt-x' } },
            { method: 'POST', path: '/Users', bulkId: 'y', data: { schemas: [USER], userName: 'bt-x' } },
            { method: 'POST', path: '/Users', bulkId: 'z', data: { schemas: [USER], userName: 'bt-z' } },
          ],
        },
      });
      expect(answer.json.Operations.map((o: { status: string }) => o.status)).toEqual(['201', '409']);
      expect(await count('bt-x')).toBe(1);
      expect(await count('bt-z')).toBe(0);
    });

    it('runs 100 creates and a group of them in one request', async () => {
      const operations = Array.from({ length: 99 }, (_, i) => ({
        method: 'POST',
        path: '/Users',
        bulkId: `u${i}`,
        data: { schemas: [USER], userName: `bt-many-${i}` },
      }));
      const answer = await call('POST', '/Bulk', {
        body: {
          schemas: [BULK],
          Operations: [
            ...operations,
            {
              method: 'POST',
              path: '/Groups',
              bulkId: 'g',
              data: {
                schemas: [GROUP],
                displayName: 'bt-everyone',
                members: operations.map((o) => ({ value: `bulkId:${o.bulkId}` })),
              },
            },
          ],
        },
      });
      expect(answer.json.Operations.every((o: { status: string }) => o.status === '201')).toBe(true);
      expect(await count('bt-many-')).toBe(99);
      const group = await call('GET', answer.json.Operations[99].location.slice(running.base.length));
      expect(group.json.members).toHaveLength(99);
    });

    it('finishes beside direct writes to the same group without If-Match (no request waits on another forever)', async () => {
      const group = await call('POST', '/Groups', { body: { schemas: [GROUP], displayName: 'bt-busy' } });
      const users: string[] = [];
      for (let i = 0; i < 20; i++)
        users.push((await call('POST', '/Users', { body: { schemas: [USER], userName: `bt-busy-${i}` } })).json.id);
      const add = (value: string) => ({
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value }] }],
      });
      const answers = await Promise.all([
        call('POST', '/Bulk', {
          body: {
            schemas: [BULK],
            Operations: users
              .slice(0, 10)
              .map((id) => ({ method: 'PATCH', path: `/Groups/${group.json.id}`, data: add(id) })),
          },
        }),
        ...users.slice(10).map((id) => call('PATCH', `/Groups/${group.json.id}`, { body: add(id) })),
      ]);
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      expect(answers[0]!.json.Operations.map((o: { status: string }) => o.status)).toEqual(
        users.slice(0, 10).map(() => '200'),
      );
      const read = await call('GET', `/Groups/${group.json.id}`);
      expect((read.json.members as { value: string }[]).map((m) => m.value).sort()).toEqual([...users].sort());
    });
  });
}
