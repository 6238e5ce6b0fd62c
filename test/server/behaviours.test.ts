import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  groupDefinition,
  groupResourceType,
  userDefinition,
  userResourceType,
} from '../../examples/acme-models/src/index.js';
import {
  bind,
  createScimServer,
  MemoryResourceHandler,
  staticBearerTokens,
  type ResourceTypeBinding,
} from '../../packages/server/src/index.js';
import { openSqliteStore } from '../../packages/stores/src/sqlite.js';
import type { SqlStore } from '../../packages/stores/src/index.js';
import { start, TEST_PROFILE, type Running } from './app.js';
import { client, type Call } from './client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patch = (...Operations: unknown[]) => ({ body: { schemas: [PATCH], Operations } });

async function serve(resourceTypes: ResourceTypeBinding[], extra = {}): Promise<{ running: Running; call: Call }> {
  const running = await start('node:http', { resourceTypes, ...extra });
  return { running, call: client(running.base, TEST_PROFILE.token) };
}

describe('Snapdocs: groups exist already, a user is in one group at most', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-snapdocs-'));
  const behaviour = {
    create: false,
    exclusiveMembers: true,
    initial: {
      key: 'displayName',
      resources: [
        { schemas: [GROUP], displayName: 'Admins' },
        { schemas: [GROUP], displayName: 'Agents' },
      ],
    },
    createOnLookup: { key: 'displayName' },
  } as const;
  let store: SqlStore;
  let running: Running;
  let call: Call;
  const open = async () => {
    store = await openSqliteStore(path.join(dir, 'scim.db'), [userResourceType, groupResourceType]);
    ({ running, call } = await serve([
      bind(userDefinition, store.handler(userResourceType)),
      bind(groupDefinition, store.handler(groupResourceType), behaviour),
    ]));
  };
  const close = async () => {
    await running.close();
    await store.close();
  };
  beforeAll(open);
  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  const groupId = async (name: string) =>
    (await call('GET', `/Groups?filter=${encodeURIComponent(`displayName eq "${name}"`)}`)).json.Resources[0]
      .id as string;

  it('creates the groups on the first call and refuses to create others', async () => {
    const groups = await call('GET', '/Groups?sortBy=displayName');
    expect(groups.json.Resources.map((g: { displayName: string }) => g.displayName)).toEqual(['Admins', 'Agents']);
    const post = await call('POST', '/Groups', { body: { schemas: [GROUP], displayName: 'New' } });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('refuses a second group for a user (PATCH and PUT) and allows a move', async () => {
    const user = (await call('POST', '/Users', { body: { schemas: [USER], userName: 'one-group' } })).json.id;
    const admins = await groupId('Admins');
    const agents = await groupId('Agents');
    expect(
      (await call('PATCH', `/Groups/${admins}`, patch({ op: 'add', path: 'members', value: [{ value: user }] })))
        .status,
    ).toBe(200);
    const second = await call(
      'PATCH',
      `/Groups/${agents}`,
      patch({ op: 'add', path: 'members', value: [{ value: user }] }),
    );
    expect(second.status).toBe(409);
    expect(second.json.scimType).toBe('uniqueness');
    expect(second.json.detail).toContain(admins);
    const put = await call('PUT', `/Groups/${agents}`, {
      body: { schemas: [GROUP], displayName: 'Agents', members: [{ value: user }] },
    });
    expect(put.status).toBe(409);
    // Adding it again to its own group is no conflict.
    expect(
      (await call('PATCH', `/Groups/${admins}`, patch({ op: 'add', path: 'members', value: [{ value: user }] })))
        .status,
    ).toBe(200);
    expect(
      (await call('PATCH', `/Groups/${admins}`, patch({ op: 'remove', path: `members[value eq "${user}"]` }))).status,
    ).toBe(200);
    expect(
      (await call('PATCH', `/Groups/${agents}`, patch({ op: 'add', path: 'members', value: [{ value: user }] })))
        .status,
    ).toBe(200);
  });

  it('creates a group on first reference by displayName, once', async () => {
    const lookup = () => call('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Sales"')}`);
    const first = await lookup();
    expect(first.json.totalResults).toBe(1);
    expect(first.json.Resources[0].displayName).toBe('Sales');
    expect((await lookup()).json.Resources[0].id).toBe(first.json.Resources[0].id);
    // Other filters only find.
    expect(
      (await call('GET', `/Groups?filter=${encodeURIComponent('displayName co "Nobody"')}`)).json.totalResults,
    ).toBe(0);
  });

  it('does not create the groups again after a restart', async () => {
    await close();
    await open();
    expect((await call('GET', '/Groups')).json.totalResults).toBe(3);
  });
});

describe('Skovik: DELETE archives, and archiving is permanent', () => {
  let running: Running;
  let call: Call;
  beforeAll(async () => {
    ({ running, call } = await serve([
      bind(userDefinition, new MemoryResourceHandler(userResourceType), {
        delete: 'deactivate',
        permanentDeactivation: true,
      }),
      bind(groupDefinition, new MemoryResourceHandler(groupResourceType)),
    ]));
  });
  afterAll(() => running.close());

  it('keeps a deleted user, inactive, and never reactivates it', async () => {
    const user = await call('POST', '/Users', { body: { schemas: [USER], userName: 'archived', active: true } });
    expect((await call('DELETE', `/Users/${user.json.id}`)).status).toBe(204);
    const read = await call('GET', `/Users/${user.json.id}`);
    expect(read.status).toBe(200);
    expect(read.json.active).toBe(false);
    expect((await call('DELETE', `/Users/${user.json.id}`)).status).toBe(204);
    const reactivate = await call(
      'PATCH',
      `/Users/${user.json.id}`,
      patch({ op: 'replace', path: 'active', value: true }),
    );
    expect(reactivate.status).toBe(400);
    expect(reactivate.json.scimType).toBe('mutability');
    const put = await call('PUT', `/Users/${user.json.id}`, {
      body: { schemas: [USER], userName: 'archived', active: true },
    });
    expect(put.status).toBe(400);
    // Other changes still go through.
    expect(
      (await call('PATCH', `/Users/${user.json.id}`, patch({ op: 'replace', path: 'title', value: 'Former' }))).status,
    ).toBe(200);
  });

  it('archives through active: false as well, permanently', async () => {
    const user = await call('POST', '/Users', { body: { schemas: [USER], userName: 'deactivated', active: true } });
    expect(
      (await call('PATCH', `/Users/${user.json.id}`, patch({ op: 'replace', path: 'active', value: false }))).status,
    ).toBe(200);
    expect(
      (await call('PATCH', `/Users/${user.json.id}`, patch({ op: 'replace', path: 'active', value: true }))).status,
    ).toBe(400);
  });
});

describe('Snipe-IT: DELETE is not supported', () => {
  let running: Running;
  let call: Call;
  beforeAll(async () => {
    ({ running, call } = await serve([
      bind(userDefinition, new MemoryResourceHandler(userResourceType), { delete: false }),
      bind(groupDefinition, new MemoryResourceHandler(groupResourceType)),
    ]));
  });
  afterAll(() => running.close());

  it('answers DELETE with 405 and Allow, alone and in /Bulk, and keeps the user', async () => {
    const user = await call('POST', '/Users', { body: { schemas: [USER], userName: 'kept' } });
    const answer = await call('DELETE', `/Users/${user.json.id}`);
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, PUT, PATCH');
    const bulk = await call('POST', '/Bulk', {
      body: {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
        Operations: [{ method: 'DELETE', path: `/Users/${user.json.id}` }],
      },
    });
    expect(bulk.json.Operations[0].status).toBe('405');
    expect((await call('GET', `/Users/${user.json.id}`)).status).toBe(200);
  });
});

describe('Snapdocs: unknown fields are ignored', () => {
  it.each([
    ['ignore', 201],
    ['reject', 400],
  ] as const)(
    'with unknownAttributes "%s", a user with an unknown field is answered %i',
    async (unknownAttributes, status) => {
      const { running, call } = await serve(
        [
          bind(userDefinition, new MemoryResourceHandler(userResourceType)),
          bind(groupDefinition, new MemoryResourceHandler(groupResourceType)),
        ],
        { validation: { unknownAttributes } },
      );
      try {
        const answer = await call('POST', '/Users', {
          body: { schemas: [USER], userName: 'extra', favouriteColour: 'teal' },
        });
        expect(answer.status).toBe(status);
        if (status === 201) expect(answer.json).not.toHaveProperty('favouriteColour');
        else expect(answer.json.scimType).toBe('invalidSyntax');
      } finally {
        await running.close();
      }
    },
  );
});

describe('behaviours the resource type cannot have', () => {
  it.each([
    [groupDefinition, groupResourceType, { delete: 'deactivate' }, 'no boolean "active" attribute'],
    [groupDefinition, groupResourceType, { permanentDeactivation: true }, 'no boolean "active" attribute'],
    [userDefinition, userResourceType, { exclusiveMembers: true }, 'no "members" attribute'],
  ] as const)('refuses %#: %j', (definition, descriptor, behaviour, message) => {
    expect(() =>
      createScimServer({
        baseUrl: 'http://x/scim/v2',
        schemas: [],
        auth: [staticBearerTokens(['t'])],
        resourceTypes: [{ definition, handler: new MemoryResourceHandler(descriptor), behaviour }],
      }),
    ).toThrow(message);
  });
});

describe('Skovik: a division from the branches table, a manager who is a known user', () => {
  const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-skovik-'));
  const branches = path.join(dir, 'branches.json');
  let running: Running;
  let call: Call;
  beforeAll(async () => {
    writeFileSync(branches, JSON.stringify([{ external_identifier: 'OSL-1', name: 'Oslo' }, { name: 'no id' }]));
    ({ running, call } = await serve([
      bind(userDefinition, new MemoryResourceHandler(userResourceType), {
        allowedValues: { [`${ENTERPRISE}:division`]: { file: branches, field: 'external_identifier' } },
        references: { [`${ENTERPRISE}:manager`]: 'User' },
      }),
    ]));
  });
  afterAll(async () => {
    await running.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const user = (userName: string, enterprise: Record<string, unknown> = {}) => ({
    body: {
      schemas: [USER, ENTERPRISE],
      userName,
      displayName: userName.toUpperCase(),
      [ACME]: { custom_field1: 'x' },
      [ENTERPRISE]: enterprise,
    },
  });
  const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';

  it('takes a known branch and a known manager, filling in the manager $ref and displayName', async () => {
    const boss = await call('POST', '/Users', user('boss@example.com', { division: 'OSL-1' }));
    expect(boss.status, boss.text).toBe(201);
    const worker = await call('POST', '/Users', user('worker@example.com', { manager: { value: boss.json.id } }));
    expect(worker.status, worker.text).toBe(201);
    expect(worker.json[ENTERPRISE].manager).toEqual({
      value: boss.json.id,
      $ref: `${running.base}/Users/${boss.json.id}`,
      displayName: 'BOSS@EXAMPLE.COM',
    });
  });

  it.each([
    ['POST', 'an unknown branch', { division: 'BER-9' }, `${ENTERPRISE}:division "BER-9" is not one of the values`],
    [
      'POST',
      'an unknown manager',
      { manager: { value: 'nobody' } },
      `${ENTERPRISE}:manager.value "nobody" names no User here`,
    ],
  ])('refuses %s with %s: 400 invalidValue', async (_method, _what, enterprise, detail) => {
    const refused = await call('POST', '/Users', user(`x${Math.random()}@example.com`, enterprise));
    expect(refused.status).toBe(400);
    expect(refused.json.scimType).toBe('invalidValue');
    expect(refused.json.detail).toContain(detail);
  });

  it('checks PATCH and PUT too, and reads the branches file again when it changes', async () => {
    const created = await call('POST', '/Users', user('mover@example.com'));
    const id = created.json.id as string;
    const moved = await call(
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'add', path: `${ENTERPRISE}:division`, value: 'BGO-2' }),
    );
    expect(moved.status).toBe(400);
    writeFileSync(branches, JSON.stringify([{ external_identifier: 'OSL-1' }, { external_identifier: 'BGO-2' }]));
    // A new mtime, even on a file system with coarse timestamps.
    utimesSync(branches, new Date(), new Date(Date.now() + 5000));
    const again = await call(
      'PATCH',
      `/Users/${id}`,
      patch({ op: 'add', path: `${ENTERPRISE}:division`, value: 'BGO-2' }),
    );
    expect(again.status, again.text).toBe(200);
    const put = await call('PUT', `/Users/${id}`, user('mover@example.com', { manager: { value: 'ghost' } }));
    expect(put.status).toBe(400);
  });

  it('refuses to start on a branches file it cannot read, or an attribute that cannot hold the rule', () => {
    const bindWith = (behaviour: object) => () =>
      createScimServer({
        baseUrl: 'http://127.0.0.1/scim/v2',
        schemas: [],
        auth: [staticBearerTokens(['t'])],
        resourceTypes: [bind(userDefinition, new MemoryResourceHandler(userResourceType), behaviour)],
      });
    expect(
      bindWith({ allowedValues: { [`${ENTERPRISE}:division`]: { file: path.join(dir, 'missing.json') } } }),
    ).toThrow(/ENOENT/);
    expect(bindWith({ allowedValues: { emails: { file: branches } } })).toThrow(
      'allowedValues: emails is not a single-valued string',
    );
    expect(bindWith({ references: { userName: 'User' } })).toThrow(
      'references: userName is not a complex attribute with a "value"',
    );
    expect(bindWith({ references: { nosuch: 'User' } })).toThrow('User has no attribute "nosuch"');
  });
});
