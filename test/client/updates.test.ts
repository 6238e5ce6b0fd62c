import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerToken, diffOperations, inPool, ScimClient } from '../../packages/client/src/index.js';
import { start, TEST_PROFILE, type Running } from '../server/app.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('diffOperations', () => {
  it.each([
    ['nothing changed', { userName: 'a', name: { givenName: 'A' } }, { userName: 'a', name: { givenName: 'A' } }, []],
    [
      'a sub-attribute changed, one removed, an attribute added',
      { userName: 'a', name: { givenName: 'A', familyName: 'F' } },
      { userName: 'a', name: { givenName: 'B' }, title: 'T' },
      [
        { op: 'remove', path: 'name.familyName' },
        { op: 'replace', path: 'name.givenName', value: 'B' },
        { op: 'add', path: 'title', value: 'T' },
      ],
    ],
    [
      'an extension attribute, and a multi-valued attribute replaced whole',
      { [ENTERPRISE]: { department: 'Sales' }, emails: [{ value: 'a@x' }] },
      { [ENTERPRISE]: { department: 'R&D', costCenter: '1' }, emails: [{ value: 'b@x' }] },
      [
        { op: 'replace', path: `${ENTERPRISE}:department`, value: 'R&D' },
        { op: 'add', path: `${ENTERPRISE}:costCenter`, value: '1' },
        { op: 'replace', path: 'emails', value: [{ value: 'b@x' }] },
      ],
    ],
    [
      'members as deltas',
      { members: [{ value: 'm1' }, { value: 'm2' }] },
      { members: [{ value: 'm2' }, { value: 'm3' }] },
      [
        { op: 'remove', path: 'members[value eq "m1"]' },
        { op: 'add', path: 'members', value: [{ value: 'm3' }] },
      ],
    ],
    [
      'id, meta and schemas are never patched',
      { id: '1', meta: { version: '1' }, schemas: [USER] },
      { schemas: [USER, ENTERPRISE] },
      [],
    ],
  ])('%s', (_what, before, after, operations) => {
    expect(diffOperations(before, after)).toEqual(operations);
  });
});

describe('updates, idempotent creates and pooled provisioning against the server', () => {
  let running: Running;
  const sent: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  /** Records each request; `loseNext` drops the answer of the next POST after the server applied it. */
  const control = { loseNext: false };
  const recording: typeof fetch = async (input, init) => {
    sent.push(
      `${init?.method ?? 'GET'} ${new URL(String(input)).pathname}${init?.body !== undefined ? ` ${String(init.body)}` : ''}`,
    );
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const response = await fetch(input, init);
      if (control.loseNext && init?.method === 'POST') {
        control.loseNext = false;
        throw new TypeError('fetch failed: the connection was reset');
      }
      return response;
    } finally {
      inFlight--;
    }
  };
  let client: ScimClient;
  beforeAll(async () => {
    running = await start('node:http');
    client = new ScimClient({ baseUrl: running.base, auth: bearerToken(TEST_PROFILE.token!), fetch: recording });
  });
  afterAll(() => running.close());

  it('updates with the PATCH operations that differ, with PUT when asked, and not at all when nothing does', async () => {
    const users = client.resources<Record<string, unknown>>('/Users');
    const created = await users.create({
      schemas: [USER, ENTERPRISE],
      userName: 'updated',
      name: { givenName: 'Ann', familyName: 'Lee' },
      title: 'Dev',
      [ENTERPRISE]: { department: 'Sales' },
    });
    const next = {
      schemas: [USER, ENTERPRISE],
      userName: 'updated',
      name: { givenName: 'Anne', familyName: 'Lee' },
      active: true,
      [ENTERPRISE]: { department: 'R&D' },
    };
    sent.length = 0;
    const patched = await users.update(created.id, next, { current: created });
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.slice(sent[0]!.indexOf('{'))).Operations).toEqual([
      { op: 'remove', path: 'title' },
      { op: 'replace', path: 'name.givenName', value: 'Anne' },
      { op: 'add', path: 'active', value: true },
      { op: 'replace', path: `${ENTERPRISE}:department`, value: 'R&D' },
    ]);
    expect(patched).toMatchObject({ name: { givenName: 'Anne' }, active: true, [ENTERPRISE]: { department: 'R&D' } });
    expect(patched).not.toHaveProperty('title');
    sent.length = 0;
    expect(await users.update(created.id, next, { current: patched! })).toBe(patched);
    expect(sent).toEqual([]);
    const put = await users.update(created.id, { ...next, title: 'Lead' }, { mode: 'put' });
    expect(sent.map((s) => s.split(' ')[0])).toEqual(['PUT']);
    expect(put?.title).toBe('Lead');
  });

  it('changes group members as deltas, or replaces them when the server wants that', async () => {
    const groups = client.resources<Record<string, unknown>>('/Groups');
    const group = await groups.create({
      schemas: [GROUP],
      displayName: 'Deltas',
      members: [{ value: 'm1' }, { value: 'm2' }],
    });
    sent.length = 0;
    const after = await groups.update(
      group.id,
      { schemas: [GROUP], displayName: 'Deltas', members: [{ value: 'm2' }, { value: 'm3' }] },
      { current: group },
    );
    expect(JSON.parse(sent[0]!.slice(sent[0]!.indexOf('{'))).Operations).toEqual([
      { op: 'remove', path: 'members[value eq "m1"]' },
      { op: 'add', path: 'members', value: [{ value: 'm3' }] },
    ]);
    expect((after!['members'] as { value: string }[]).map((m) => m.value).sort()).toEqual(['m2', 'm3']);
    sent.length = 0;
    await groups.update(
      group.id,
      { schemas: [GROUP], displayName: 'Deltas', members: [{ value: 'm4' }] },
      { current: after!, memberChanges: 'replace' },
    );
    expect(JSON.parse(sent[0]!.slice(sent[0]!.indexOf('{'))).Operations).toEqual([
      { op: 'replace', path: 'members', value: [{ value: 'm4' }] },
    ]);
  });

  it('looks a user up before creating it again when the answer to its POST was lost', async () => {
    const users = client.resources<Record<string, unknown>>('/Users');
    sent.length = 0;
    control.loseNext = true;
    const user = await users.create(
      { schemas: [USER], userName: 'lost-answer', externalId: 'ext-lost' },
      { lookupBy: 'externalId' },
    );
    expect(user['userName']).toBe('lost-answer');
    expect(sent.filter((s) => s.startsWith('POST'))).toHaveLength(1);
    expect((await users.list({ filter: 'userName eq "lost-answer"' })).totalResults).toBe(1);
  });

  it('provisions in a pool of at most the given concurrency, reporting every outcome', async () => {
    const users = client.resources('/Users');
    maxInFlight = 0;
    const outcomes = await inPool(
      Array.from({ length: 40 }, (_, i) => `pooled-${i}`),
      4,
      (userName) => users.create({ schemas: [USER], userName }),
    );
    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(maxInFlight).toBeGreaterThan(1);
    const again = await inPool(['pooled-0'], 2, (userName) => users.create({ schemas: [USER], userName }));
    expect(again[0]).toMatchObject({ status: 'rejected', reason: { status: 409 } });
    await expect(inPool([], 0, async () => 1)).rejects.toThrow('positive integer');
  });
});
