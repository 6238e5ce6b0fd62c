/**
 * Provisioning flows as identity providers run them, written from their public SCIM
 * documentation (Microsoft Entra ID "Develop a SCIM endpoint" and its known-issues page, Okta's
 * SCIM 2.0 protocol reference, OneLogin's and Google Workspace's provisioning guides), replayed
 * over HTTP against a server configured with that provider's profile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatchProfileName } from '../../packages/runtime/src/index.js';
import { start, TEST_PROFILE, type Running } from './app.js';
import { client, type Answer, type Call } from './client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** One request of a flow; `{user}` and `{group}` in paths and bodies stand for ids the flow created. */
interface Step {
  readonly what: string;
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly status: number;
  /** Remember the answer's id under this name. */
  readonly save?: 'user' | 'group' | 'other';
  /** What the answer's body must contain. */
  readonly expect?: (body: any) => void; // eslint-disable-line @typescript-eslint/no-explicit-any -- bodies are checked field by field
}

interface Flow {
  readonly provider: string;
  readonly profile: PatchProfileName;
  readonly steps: readonly Step[];
}

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });
const members = (body: { members?: { value: string }[] }) => (body.members ?? []).map((m) => m.value);

const FLOWS: readonly Flow[] = [
  {
    provider: 'Microsoft Entra ID',
    profile: 'entra',
    steps: [
      {
        what: 'looks the user up before creating it',
        method: 'GET',
        path: '/Users?filter=userName+eq+%22Test_User_ab6490ee%22',
        status: 200,
        expect: (b) => expect(b.totalResults).toBe(0),
      },
      {
        what: 'creates the user (meta and empty roles included, as Entra sends them)',
        method: 'POST',
        path: '/Users?aadOptscim062020',
        body: {
          schemas: [USER, ENTERPRISE],
          externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
          userName: 'Test_User_ab6490ee',
          active: true,
          emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@testuser.com' }],
          meta: { resourceType: 'User' },
          name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
          roles: [],
        },
        status: 201,
        save: 'user',
        expect: (b) => expect(b.meta.location).toMatch(/\/Users\//),
      },
      {
        what: 'finds it by externalId',
        method: 'GET',
        path: '/Users?filter=externalId+eq+%220a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef%22',
        status: 200,
        expect: (b) => expect(b.Resources[0].userName).toBe('Test_User_ab6490ee'),
      },
      {
        what: 'finds it by its work email (a sub-attribute after a value path)',
        method: 'GET',
        path: `/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "Test_User_fd0ea19b@testuser.com"')}`,
        status: 200,
        expect: (b) => expect(b.totalResults).toBe(1),
      },
      {
        what: 'updates with capitalized ops, a sub-attribute path and a bare manager id',
        method: 'PATCH',
        path: '/Users/{user}',
        body: patch(
          { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
          { op: 'Add', path: 'emails[type eq "work"].value', value: 'updatedEmail@testuser.com' },
          { op: 'Add', path: `${ENTERPRISE}:manager`, value: '26118915-6090-4610-87e4-49d8ca9f808d' },
        ),
        status: 200,
        expect: (b) => {
          expect(b.name.familyName).toBe('updatedFamilyName');
          expect(b.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@testuser.com' }]);
          expect(b[ENTERPRISE].manager).toEqual({ value: '26118915-6090-4610-87e4-49d8ca9f808d' });
        },
      },
      {
        what: 'disables with the string "False"',
        method: 'PATCH',
        path: '/Users/{user}',
        body: patch({ op: 'Replace', path: 'active', value: 'False' }),
        status: 200,
        expect: (b) => expect(b.active).toBe(false),
      },
      {
        what: 'creates a group',
        method: 'POST',
        path: '/Groups',
        body: {
          schemas: [GROUP],
          externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
          displayName: 'Sales',
          meta: { resourceType: 'Group' },
        },
        status: 201,
        save: 'group',
      },
      {
        what: 'looks the group up without members',
        method: 'GET',
        path: '/Groups?excludedAttributes=members&filter=displayName+eq+%22Sales%22',
        status: 200,
        expect: (b) => expect(b.Resources).toEqual([expect.not.objectContaining({ members: expect.anything() })]),
      },
      {
        what: 'adds a member with "$ref": null',
        method: 'PATCH',
        path: '/Groups/{group}',
        body: patch({ op: 'Add', path: 'members', value: [{ $ref: null, value: '{user}' }] }),
        status: 200,
        expect: (b) => expect(members(b)).toEqual(['{user}']),
      },
      {
        what: 'removes the member by a value array',
        method: 'PATCH',
        path: '/Groups/{group}',
        body: patch({ op: 'Remove', path: 'members', value: [{ $ref: null, value: '{user}' }] }),
        status: 200,
        expect: (b) => expect(members(b)).toEqual([]),
      },
      { what: 'deletes the user', method: 'DELETE', path: '/Users/{user}', status: 204 },
      { what: 'and it is gone', method: 'GET', path: '/Users/{user}', status: 404 },
    ],
  },
  {
    provider: 'Okta',
    profile: 'okta',
    steps: [
      {
        what: 'looks the user up with a page',
        method: 'GET',
        path: '/Users?filter=userName%20eq%20%22john.smith%40example.com%22&startIndex=1&count=100',
        status: 200,
        expect: (b) => expect(b).toMatchObject({ totalResults: 0, startIndex: 1, itemsPerPage: 0 }),
      },
      {
        what: 'creates the user with a password and an empty groups list',
        method: 'POST',
        path: '/Users',
        body: {
          schemas: [USER],
          userName: 'john.smith@example.com',
          name: { givenName: 'John', familyName: 'Smith' },
          emails: [{ primary: true, value: 'john.smith@example.com', type: 'work' }],
          displayName: 'John Smith',
          locale: 'en-US',
          externalId: '00ujl29u0le5T6Aj10h7',
          groups: [],
          password: '1mz050nq',
          active: true,
        },
        status: 201,
        save: 'user',
        expect: (b) => {
          expect(b.password).toBeUndefined();
          expect(b.groups).toBeUndefined();
        },
      },
      {
        what: 'updates the profile with PUT of the whole user, id and meta included',
        method: 'PUT',
        path: '/Users/{user}',
        body: {
          schemas: [USER],
          id: '{user}',
          userName: 'john.smith@example.com',
          name: { givenName: 'Johnny', familyName: 'Smith' },
          emails: [{ primary: true, value: 'john.smith@example.com', type: 'work' }],
          displayName: 'Johnny Smith',
          active: true,
          meta: { resourceType: 'User' },
        },
        status: 200,
        expect: (b) => expect(b.displayName).toBe('Johnny Smith'),
      },
      {
        what: 'deactivates with a no-path replace',
        method: 'PATCH',
        path: '/Users/{user}',
        body: patch({ op: 'replace', value: { active: false } }),
        status: 200,
        expect: (b) => expect(b.active).toBe(false),
      },
      {
        what: 'pushes a group with no members',
        method: 'POST',
        path: '/Groups',
        body: { schemas: [GROUP], displayName: 'Test SCIMv2', members: [] },
        status: 201,
        save: 'group',
      },
      {
        what: 'adds a member with display',
        method: 'PATCH',
        path: '/Groups/{group}',
        body: patch({ op: 'add', path: 'members', value: [{ value: '{user}', display: 'john.smith@example.com' }] }),
        status: 200,
        expect: (b) => expect(b.members).toEqual([{ value: '{user}', display: 'john.smith@example.com' }]),
      },
      {
        what: 'renames the group',
        method: 'PATCH',
        path: '/Groups/{group}',
        body: patch({ op: 'replace', value: { displayName: 'Renamed SCIMv2' } }),
        status: 200,
        expect: (b) => expect(b.displayName).toBe('Renamed SCIMv2'),
      },
      {
        what: 'removes the member by a value filter',
        method: 'PATCH',
        path: '/Groups/{group}',
        body: patch({ op: 'remove', path: 'members[value eq "{user}"]' }),
        status: 200,
        expect: (b) => expect(members(b)).toEqual([]),
      },
      {
        what: 'replaces the members with none',
        method: 'PATCH',
        path: '/Groups/{group}',
        body: patch({ op: 'replace', path: 'members', value: [] }),
        status: 200,
        expect: (b) => expect(members(b)).toEqual([]),
      },
    ],
  },
  {
    provider: 'OneLogin',
    profile: 'onelogin',
    steps: [
      {
        what: 'creates the user with the enterprise extension',
        method: 'POST',
        path: '/Users',
        body: {
          schemas: [USER, ENTERPRISE],
          userName: 'kate.lane@example.com',
          externalId: '123456',
          name: { givenName: 'Kate', familyName: 'Lane' },
          emails: [{ value: 'kate.lane@example.com', primary: true }],
          active: true,
          [ENTERPRISE]: { department: 'Finance', employeeNumber: 'E-77' },
        },
        status: 201,
        save: 'user',
      },
      {
        what: 'disables with the string "false"',
        method: 'PATCH',
        path: '/Users/{user}',
        body: patch({ op: 'replace', path: 'active', value: 'false' }),
        status: 200,
        expect: (b) => expect(b.active).toBe(false),
      },
      {
        what: 'creates a group with the user as a member',
        method: 'POST',
        path: '/Groups',
        body: { schemas: [GROUP], displayName: 'Finance', members: [{ value: '{user}' }] },
        status: 201,
        save: 'group',
        expect: (b) => expect(members(b)).toEqual(['{user}']),
      },
      {
        what: 'reads the user back',
        method: 'GET',
        path: '/Users/{user}',
        status: 200,
        expect: (b) => expect(b[ENTERPRISE]).toEqual({ department: 'Finance', employeeNumber: 'E-77' }),
      },
    ],
  },
  {
    provider: 'Google Workspace',
    profile: 'google',
    steps: [
      {
        what: 'creates the user as application/json',
        method: 'POST',
        path: '/Users',
        contentType: 'application/json',
        body: {
          schemas: [USER],
          userName: 'alex@example.org',
          name: { givenName: 'Alex', familyName: 'Doe' },
          emails: [{ value: 'alex@example.org', type: 'work', primary: true }],
          active: true,
        },
        status: 201,
        save: 'user',
      },
      {
        what: 'finds it by userName',
        method: 'GET',
        path: '/Users?filter=userName%20eq%20%22alex%40example.org%22',
        status: 200,
        expect: (b) => expect(b.Resources[0].id).toBe('{user}'),
      },
      {
        what: 'suspends it as application/json',
        method: 'PATCH',
        path: '/Users/{user}',
        contentType: 'application/json',
        body: patch({ op: 'replace', path: 'active', value: false }),
        status: 200,
        expect: (b) => expect(b.active).toBe(false),
      },
    ],
  },
];

/** The step's text with the ids saved so far in place of {user} and {group}. */
function fill<T>(value: T, ids: ReadonlyMap<string, string>): T {
  const text = JSON.stringify(value).replace(/\{(user|group|other)\}/g, (all, name: string) => ids.get(name) ?? all);
  return JSON.parse(text) as T;
}

describe.each(FLOWS)('$provider provisioning flow', (flow) => {
  let running: Running;
  let call: Call;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    running = await start('node:http', { profile: flow.profile });
    call = client(running.base, TEST_PROFILE.token);
  });
  afterAll(() => running.close());

  it.each(flow.steps)('$what', async (step) => {
    const answer: Answer = await call(step.method, fill(step.path, ids), {
      ...(step.body !== undefined ? { raw: JSON.stringify(fill(step.body, ids)) } : {}),
      headers: step.body !== undefined ? { 'content-type': step.contentType ?? 'application/scim+json' } : {},
    });
    expect(answer.status, answer.text).toBe(step.status);
    if (step.save !== undefined) ids.set(step.save, answer.json.id);
    // Expectations may name saved ids too: compare against the body with them put back in braces.
    if (step.expect !== undefined) step.expect(unfill(answer.json, ids));
  });
});

/** The body with saved ids replaced by their {names}, so expectations can be written before the ids exist. */
function unfill(body: unknown, ids: ReadonlyMap<string, string>): unknown {
  let text = JSON.stringify(body);
  for (const [name, id] of ids) text = text.split(JSON.stringify(id).slice(1, -1)).join(`{${name}}`);
  return JSON.parse(text);
}
