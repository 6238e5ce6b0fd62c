/**
 * What identity providers send during a full provisioning cycle (create, lookup, update, disable,
 * group create, member add and remove, delete), written from their public SCIM documentation:
 * Microsoft Entra ID's "Develop a SCIM endpoint" and its SCIM 2.0 compliance page (the default
 * job and the aadOptscim062020 behaviour), Okta's SCIM 2.0 protocol reference, OneLogin's and
 * Google Workspace's provisioning guides, and AWS IAM Identity Center's SCIM implementation
 * guide. Each step says what the provider expects back. Replayed by idp-flows.test.ts against a
 * server with the provider's profile, and by idp-default-server.test.ts against `npm start`'s.
 */
import { expect } from 'vitest';
import type { PatchProfileName } from '../../packages/runtime/src/index.js';
import type { Answer, Call } from './client.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** One request of a flow; `{user}` and `{group}` in paths and bodies stand for ids the flow created. */
export interface Step {
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

export interface Flow {
  readonly provider: string;
  readonly profile: PatchProfileName;
  readonly steps: readonly Step[];
}

const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });
const members = (body: { members?: { value: string }[] }) => (body.members ?? []).map((m) => m.value);

export const FLOWS: readonly Flow[] = [
  {
    provider: 'Microsoft Entra ID (default job, without aadOptscim062020)',
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
          schemas: [GROUP, ADSCIM_GROUP],
          externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
          displayName: 'Sales',
          meta: { resourceType: 'Group' },
        },
        status: 201,
        save: 'group',
        // The AD schema Entra adds is accepted and not kept.
        expect: (b) => expect(b.schemas).toEqual([GROUP]),
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
        what: 'sees the membership on the user',
        method: 'GET',
        path: '/Users/{user}?attributes=groups',
        status: 200,
        expect: (b) => expect(b.groups).toEqual([{ value: '{group}', display: 'Sales', type: 'direct' }]),
      },
      {
        what: 'updates with a no-path Replace holding dotted and URN-qualified keys',
        method: 'PATCH',
        path: '/Users/{user}',
        body: patch({
          op: 'Replace',
          value: { displayName: 'Test User', 'name.givenName': 'Tess', [`${ENTERPRISE}:department`]: 'Sales' },
        }),
        status: 200,
        expect: (b) => {
          expect(b.displayName).toBe('Test User');
          expect(b.name.givenName).toBe('Tess');
          expect(b[ENTERPRISE].department).toBe('Sales');
        },
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
      { what: 'deletes the group', method: 'DELETE', path: '/Groups/{group}', status: 204 },
    ],
  },
  {
    provider: 'Microsoft Entra ID (with aadOptscim062020)',
    profile: 'entra',
    steps: [
      {
        what: 'looks the user up before creating it',
        method: 'GET',
        path: '/Users?aadOptscim062020&filter=userName+eq+%22Flagged_User_91d2%22',
        status: 200,
        expect: (b) => expect(b).toMatchObject({ totalResults: 0, Resources: [] }),
      },
      {
        what: 'creates the user with the enterprise extension',
        method: 'POST',
        path: '/Users?aadOptscim062020',
        body: {
          schemas: [USER, ENTERPRISE],
          externalId: 'c7c9a7b1-3b8e-4f57-9a39-0c1bf7d6d8a1',
          userName: 'Flagged_User_91d2',
          active: true,
          displayName: 'Flagged User',
          emails: [{ primary: true, type: 'work', value: 'flagged@contoso.example' }],
          name: { familyName: 'User', givenName: 'Flagged' },
          [ENTERPRISE]: { employeeNumber: '701984', department: 'Engineering' },
        },
        status: 201,
        save: 'user',
        expect: (b) => expect(b[ENTERPRISE]).toEqual({ employeeNumber: '701984', department: 'Engineering' }),
      },
      {
        what: 'updates with lower-case ops, a value path and a nested manager',
        method: 'PATCH',
        path: '/Users/{user}?aadOptscim062020',
        body: patch(
          { op: 'replace', path: 'emails[type eq "work"].value', value: 'flagged.user@contoso.example' },
          { op: 'add', path: `${ENTERPRISE}:manager`, value: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
          { op: 'replace', value: { displayName: 'Flagged U.', name: { givenName: 'Flag' } } },
        ),
        status: 200,
        expect: (b) => {
          expect(b.emails).toEqual([{ primary: true, type: 'work', value: 'flagged.user@contoso.example' }]);
          expect(b[ENTERPRISE].manager).toEqual({ value: '26118915-6090-4610-87e4-49d8ca9f808d' });
          expect(b.name).toEqual({ familyName: 'User', givenName: 'Flag' });
        },
      },
      {
        what: 'disables with a boolean',
        method: 'PATCH',
        path: '/Users/{user}?aadOptscim062020',
        body: patch({ op: 'replace', path: 'active', value: false }),
        status: 200,
        expect: (b) => expect(b.active).toBe(false),
      },
      {
        what: 'creates a group',
        method: 'POST',
        path: '/Groups?aadOptscim062020',
        body: { schemas: [GROUP, ADSCIM_GROUP], externalId: 'e1c2', displayName: 'Flagged Engineers' },
        status: 201,
        save: 'group',
      },
      {
        what: 'adds the member',
        method: 'PATCH',
        path: '/Groups/{group}?aadOptscim062020',
        body: patch({ op: 'add', path: 'members', value: [{ value: '{user}' }] }),
        status: 200,
        expect: (b) => expect(members(b)).toEqual(['{user}']),
      },
      {
        what: 'removes it by a value filter',
        method: 'PATCH',
        path: '/Groups/{group}?aadOptscim062020',
        body: patch({ op: 'remove', path: 'members[value eq "{user}"]' }),
        status: 200,
        expect: (b) => expect(members(b)).toEqual([]),
      },
      { what: 'deletes the user', method: 'DELETE', path: '/Users/{user}?aadOptscim062020', status: 204 },
      { what: 'deletes the group', method: 'DELETE', path: '/Groups/{group}?aadOptscim062020', status: 204 },
      { what: 'and both are gone', method: 'GET', path: '/Groups/{group}', status: 404 },
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
      {
        what: 'finds the deactivated user by userName (Okta never deletes users)',
        method: 'GET',
        path: '/Users?filter=userName%20eq%20%22john.smith%40example.com%22&startIndex=1&count=100',
        status: 200,
        expect: (b) => expect(b.Resources[0]).toMatchObject({ id: '{user}', active: false }),
      },
      { what: 'deletes the group', method: 'DELETE', path: '/Groups/{group}', status: 204 },
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
      {
        what: 'looks the user up by userName',
        method: 'GET',
        path: '/Users?filter=userName%20eq%20%22kate.lane%40example.com%22',
        status: 200,
        expect: (b) => expect(b.Resources.map((u: { id: string }) => u.id)).toEqual(['{user}']),
      },
      {
        what: 'updates the department',
        method: 'PATCH',
        path: '/Users/{user}',
        body: patch({ op: 'replace', path: `${ENTERPRISE}:department`, value: 'Treasury' }),
        status: 200,
        expect: (b) => expect(b[ENTERPRISE].department).toBe('Treasury'),
      },
      {
        what: 'removes the member',
        method: 'PATCH',
        path: '/Groups/{group}',
        body: patch({ op: 'remove', path: 'members[value eq "{user}"]' }),
        status: 200,
        expect: (b) => expect(members(b)).toEqual([]),
      },
      { what: 'deletes the user', method: 'DELETE', path: '/Users/{user}', status: 204 },
      { what: 'deletes the group', method: 'DELETE', path: '/Groups/{group}', status: 204 },
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
      {
        what: 'updates the name with PUT',
        method: 'PUT',
        path: '/Users/{user}',
        contentType: 'application/json',
        body: {
          schemas: [USER],
          userName: 'alex@example.org',
          name: { givenName: 'Alexandra', familyName: 'Doe' },
          emails: [{ value: 'alex@example.org', type: 'work', primary: true }],
          active: false,
        },
        status: 200,
        expect: (b) => expect(b.name.givenName).toBe('Alexandra'),
      },
      {
        what: 'creates a group with the user in it',
        method: 'POST',
        path: '/Groups',
        contentType: 'application/json',
        body: { schemas: [GROUP], displayName: 'design@example.org', members: [{ value: '{user}', type: 'User' }] },
        status: 201,
        save: 'group',
      },
      {
        what: 'removes the member by a value filter',
        method: 'PATCH',
        path: '/Groups/{group}',
        contentType: 'application/json',
        body: patch({ op: 'remove', path: 'members[value eq "{user}"]' }),
        status: 200,
        expect: (b) => expect(members(b)).toEqual([]),
      },
      { what: 'deletes the user', method: 'DELETE', path: '/Users/{user}', status: 204 },
      { what: 'deletes the group', method: 'DELETE', path: '/Groups/{group}', status: 204 },
    ],
  },
  {
    provider: 'AWS IAM Identity Center (its documented request shapes)',
    profile: 'lenient',
    steps: [
      {
        what: 'creates the user with the attributes Identity Center requires',
        method: 'POST',
        path: '/Users',
        body: {
          schemas: [USER, ENTERPRISE],
          externalId: '701984',
          userName: 'bjensen@example.com',
          name: { familyName: 'Jensen', givenName: 'Barbara' },
          displayName: 'Babs Jensen',
          emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
          addresses: [
            {
              type: 'work',
              streetAddress: '100 Universal City Plaza',
              locality: 'Hollywood',
              region: 'CA',
              postalCode: '91608',
              country: 'USA',
              primary: true,
            },
          ],
          active: true,
          [ENTERPRISE]: { employeeNumber: '701984', costCenter: '4130', organization: 'Universal Studios' },
        },
        status: 201,
        save: 'user',
      },
      {
        what: 'looks it up by userName',
        method: 'GET',
        path: '/Users?filter=userName%20eq%20%22bjensen%40example.com%22',
        status: 200,
        expect: (b) => expect(b.Resources.map((u: { id: string }) => u.id)).toEqual(['{user}']),
      },
      {
        what: 'updates with replace operations, one without a path',
        method: 'PATCH',
        path: '/Users/{user}',
        body: patch(
          { op: 'replace', path: 'displayName', value: 'Barbara Jensen' },
          { op: 'replace', value: { nickName: 'Babs', title: 'Tour Guide' } },
        ),
        status: 200,
        expect: (b) =>
          expect(b).toMatchObject({ displayName: 'Barbara Jensen', nickName: 'Babs', title: 'Tour Guide' }),
      },
      {
        what: 'disables it',
        method: 'PATCH',
        path: '/Users/{user}',
        body: patch({ op: 'replace', path: 'active', value: false }),
        status: 200,
        expect: (b) => expect(b.active).toBe(false),
      },
      {
        what: 'creates a group',
        method: 'POST',
        path: '/Groups',
        body: { schemas: [GROUP], displayName: 'Tour Guides', externalId: 'tg-1' },
        status: 201,
        save: 'group',
      },
      {
        what: 'finds the group by displayName',
        method: 'GET',
        path: '/Groups?filter=displayName%20eq%20%22Tour%20Guides%22',
        status: 200,
        expect: (b) => expect(b.Resources.map((g: { id: string }) => g.id)).toEqual(['{group}']),
      },
      {
        what: 'adds the member',
        method: 'PATCH',
        path: '/Groups/{group}',
        body: patch({ op: 'add', path: 'members', value: [{ value: '{user}' }] }),
        status: 200,
      },
      {
        what: 'checks the membership with id eq … and members eq …',
        method: 'GET',
        path: '/Groups?filter=id%20eq%20%22{group}%22%20and%20members%20eq%20%22{user}%22',
        status: 200,
        expect: (b) => expect(b.totalResults).toBe(1),
      },
      {
        what: "lists the user's groups through the User's groups attribute",
        method: 'GET',
        path: '/Users?filter=groups.value%20eq%20%22{group}%22&attributes=userName,groups',
        status: 200,
        expect: (b) =>
          expect(b.Resources).toEqual([
            {
              schemas: [USER, ENTERPRISE],
              id: '{user}',
              userName: 'bjensen@example.com',
              groups: [{ value: '{group}', display: 'Tour Guides', type: 'direct' }],
            },
          ]),
      },
      {
        what: 'removes the member with a value array',
        method: 'PATCH',
        path: '/Groups/{group}',
        body: patch({ op: 'remove', path: 'members', value: [{ value: '{user}' }] }),
        status: 200,
        expect: (b) => expect(members(b)).toEqual([]),
      },
      {
        what: 'and the membership check finds nothing',
        method: 'GET',
        path: '/Groups?filter=id%20eq%20%22{group}%22%20and%20members%20eq%20%22{user}%22',
        status: 200,
        expect: (b) => expect(b.totalResults).toBe(0),
      },
      { what: 'deletes the user', method: 'DELETE', path: '/Users/{user}', status: 204 },
      { what: 'deletes the group', method: 'DELETE', path: '/Groups/{group}', status: 204 },
    ],
  },
];

/** The step's text with the ids saved so far in place of {user} and {group}. */
export function fill<T>(value: T, ids: ReadonlyMap<string, string>): T {
  const text = JSON.stringify(value).replace(/\{(user|group|other)\}/g, (all, name: string) => ids.get(name) ?? all);
  return JSON.parse(text) as T;
}

/** The body with saved ids replaced by their {names}, so expectations can be written before the ids exist. */
export function unfill(body: unknown, ids: ReadonlyMap<string, string>): unknown {
  let text = JSON.stringify(body);
  for (const [name, id] of ids) text = text.split(JSON.stringify(id).slice(1, -1)).join(`{${name}}`);
  return JSON.parse(text);
}

/** Sends one step with the ids saved so far, checks the status and the body, saves the id it names. */
export async function replayStep(call: Call, step: Step, ids: Map<string, string>): Promise<void> {
  const answer: Answer = await call(step.method, fill(step.path, ids), {
    ...(step.body !== undefined ? { raw: JSON.stringify(fill(step.body, ids)) } : {}),
    headers: step.body !== undefined ? { 'content-type': step.contentType ?? 'application/scim+json' } : {},
  });
  expect(answer.status, answer.text).toBe(step.status);
  if (step.save !== undefined) ids.set(step.save, answer.json.id);
  // Expectations may name saved ids too: compare against the body with them put back in braces.
  if (step.expect !== undefined) step.expect(unfill(answer.json, ids));
}
