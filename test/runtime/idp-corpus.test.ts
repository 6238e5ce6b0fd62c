/**
 * PATCH requests as identity providers send them, written from their public provisioning
 * documentation (Microsoft Entra ID "Known issues and resolutions with SCIM 2.0 protocol
 * compliance", Okta "SCIM 2.0 protocol reference", OneLogin SCIM docs), each applied under the
 * profile a server would configure for that provider.
 */
import { describe, expect, it } from 'vitest';
import { applyPatch, type PatchProfileName, type ResourceTypeDescriptor } from '../../packages/runtime/src/index.js';
import { groupResourceType } from '../../packages/core/src/descriptors/index.js';
import { userResourceType } from '../../examples/acme-models/src/descriptors/index.js';
import { ENTERPRISE, USERS } from './fixtures.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const MEMBER_1 = 'a2e94e17-7e4f-4b6c-9d3d-6bd3e1ffb3d2';
const MEMBER_2 = '7f4bc1a3-285e-48ae-8202-5accb43efb0e';
const GROUP = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'abf4dd94-a4c0-4f67-89c9-76b03340cb9b',
  displayName: 'Sales',
  members: [{ value: MEMBER_1 }, { value: MEMBER_2 }],
};

interface Case {
  readonly request: unknown[];
  readonly profile: PatchProfileName;
  readonly on: 'user' | 'group';
  /** What the patched resource must contain. */
  readonly expect: Record<string, unknown>;
  /** The member delta, for group requests. */
  readonly members?: Record<string, unknown>;
}

const CORPUS: [provider: string, what: string, Case][] = [
  [
    'Entra ID',
    'add nickName, capitalized op (without aadOptscim062020)',
    {
      profile: 'entra',
      on: 'user',
      request: [{ op: 'Add', path: 'nickName', value: 'Babs' }],
      expect: { nickName: 'Babs' },
    },
  ],
  [
    'Entra ID',
    'disable with "False" (without aadOptscim062020)',
    {
      profile: 'entra',
      on: 'user',
      request: [{ op: 'Replace', path: 'active', value: 'False' }],
      expect: { active: false },
    },
  ],
  [
    'Entra ID',
    'disable with a no-path replace and a boolean (with aadOptscim062020)',
    { profile: 'entra', on: 'user', request: [{ op: 'replace', value: { active: false } }], expect: { active: false } },
  ],
  [
    'Entra ID',
    'update attributes with dotted and URN keys in one no-path replace',
    {
      profile: 'entra',
      on: 'user',
      request: [
        {
          op: 'replace',
          value: {
            displayName: 'Barbara Jensen',
            'name.givenName': 'Barbara',
            'name.familyName': 'Jensen-Smith',
            'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department': 'Sales',
          },
        },
      ],
      expect: {
        displayName: 'Barbara Jensen',
        name: { givenName: 'Barbara', familyName: 'Jensen-Smith' },
        [ENTERPRISE]: { employeeNumber: '701984', department: 'Sales', manager: { value: '26118915' } },
      },
    },
  ],
  [
    'Entra ID',
    'change the work email through a filter',
    {
      profile: 'entra',
      on: 'user',
      request: [{ op: 'Replace', path: 'emails[type eq "work"].value', value: 'babs@example.com' }],
      expect: {
        emails: [
          { value: 'babs@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
        ],
      },
    },
  ],
  [
    'Entra ID',
    'set the manager as a bare id',
    {
      profile: 'entra',
      on: 'user',
      request: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: '2819c223-7f76-453a-919d-413861904646' }],
      expect: {
        [ENTERPRISE]: {
          employeeNumber: '701984',
          department: 'Tour Operations',
          manager: { value: '2819c223-7f76-453a-919d-413861904646' },
        },
      },
    },
  ],
  [
    'Entra ID',
    'remove the manager',
    {
      profile: 'entra',
      on: 'user',
      request: [{ op: 'Remove', path: `${ENTERPRISE}:manager` }],
      expect: { [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations' } },
    },
  ],
  [
    'Entra ID',
    'add a member (without aadOptscim062020)',
    {
      profile: 'entra',
      on: 'group',
      request: [{ op: 'Add', path: 'members', value: [{ value: 'e2a1b2c3' }] }],
      expect: { members: [{ value: MEMBER_1 }, { value: MEMBER_2 }, { value: 'e2a1b2c3' }] },
      members: { added: [{ value: 'e2a1b2c3' }], removed: [], removedAll: false },
    },
  ],
  [
    'Entra ID',
    'remove a member with a value array (without aadOptscim062020)',
    {
      profile: 'entra',
      on: 'group',
      request: [{ op: 'Remove', path: 'members', value: [{ value: MEMBER_1 }] }],
      expect: { members: [{ value: MEMBER_2 }] },
      members: { added: [], removed: [MEMBER_1], removedAll: false },
    },
  ],
  [
    'Entra ID',
    'remove a member with a filter (with aadOptscim062020)',
    {
      profile: 'rfc',
      on: 'group',
      request: [{ op: 'remove', path: `members[value eq "${MEMBER_2}"]` }],
      expect: { members: [{ value: MEMBER_1 }] },
      members: { added: [], removed: [MEMBER_2], removedAll: false },
    },
  ],
  [
    'Entra ID',
    'rename a group',
    {
      profile: 'entra',
      on: 'group',
      request: [{ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }],
      expect: { displayName: 'Sales EMEA' },
    },
  ],
  [
    'Okta',
    'deactivate a user',
    { profile: 'okta', on: 'user', request: [{ op: 'replace', value: { active: false } }], expect: { active: false } },
  ],
  [
    'Okta',
    'rename a group, echoing its id',
    {
      profile: 'okta',
      on: 'group',
      request: [{ op: 'replace', value: { id: GROUP.id, displayName: 'Test SCIMv2' } }],
      expect: { displayName: 'Test SCIMv2' },
    },
  ],
  [
    'Okta',
    'add a member with display',
    {
      profile: 'okta',
      on: 'group',
      request: [{ op: 'add', path: 'members', value: [{ value: '23a35c27', display: 'test.user@okta.local' }] }],
      expect: {
        members: [{ value: MEMBER_1 }, { value: MEMBER_2 }, { value: '23a35c27', display: 'test.user@okta.local' }],
      },
      members: { added: [{ value: '23a35c27', display: 'test.user@okta.local' }], removed: [], removedAll: false },
    },
  ],
  [
    'Okta',
    'remove a member with a filter',
    {
      profile: 'okta',
      on: 'group',
      request: [{ op: 'remove', path: `members[value eq "${MEMBER_1}"]` }],
      expect: { members: [{ value: MEMBER_2 }] },
      members: { added: [], removed: [MEMBER_1], removedAll: false },
    },
  ],
  [
    'Okta',
    'replace all members with an empty list',
    {
      profile: 'okta',
      on: 'group',
      request: [{ op: 'replace', path: 'members', value: [] }],
      expect: { displayName: 'Sales' },
      members: { added: [], removed: [], removedAll: true },
    },
  ],
  [
    'OneLogin',
    'deactivate with a no-path replace',
    {
      profile: 'onelogin',
      on: 'user',
      request: [{ op: 'replace', value: { active: false } }],
      expect: { active: false },
    },
  ],
  [
    'OneLogin',
    'replace a name part',
    {
      profile: 'onelogin',
      on: 'user',
      request: [{ op: 'replace', path: 'name.familyName', value: 'Jensen' }],
      expect: { name: { familyName: 'Jensen', givenName: 'Barbara' } },
    },
  ],
  [
    'OneLogin',
    'add a member',
    {
      profile: 'onelogin',
      on: 'group',
      request: [{ op: 'add', path: 'members', value: [{ value: 'ol-42' }] }],
      expect: { members: [{ value: MEMBER_1 }, { value: MEMBER_2 }, { value: 'ol-42' }] },
      members: { added: [{ value: 'ol-42' }], removed: [], removedAll: false },
    },
  ],
];

describe('IdP PATCH corpus', () => {
  it.each(CORPUS)('%s: %s', (_provider, _what, c) => {
    const resource = c.on === 'user' ? USERS[0]! : GROUP;
    const descriptor: ResourceTypeDescriptor = c.on === 'user' ? userResourceType : groupResourceType;
    const result = applyPatch(resource, { schemas: [PATCH_OP], Operations: c.request }, descriptor, {
      profile: c.profile,
    });
    expect(result.resource).toMatchObject(c.expect);
    for (const [key, value] of Object.entries(c.expect)) expect(result.resource[key]).toEqual(value);
    if (c.members !== undefined) expect(result.members).toMatchObject(c.members);
    else expect(result.members).toBeUndefined();
  });

  it('the Entra requests without aadOptscim062020 fail under the plain RFC profile, with a SCIM error', () => {
    for (const [provider, , c] of CORPUS) {
      if (
        provider !== 'Entra ID' ||
        c.profile !== 'entra' ||
        !JSON.stringify(c.request).match(/"op":"[A-Z]|"False"|"value":"2819/)
      )
        continue;
      const resource = c.on === 'user' ? USERS[0]! : GROUP;
      expect(() =>
        applyPatch(
          resource,
          { schemas: [PATCH_OP], Operations: c.request },
          c.on === 'user' ? userResourceType : groupResourceType,
        ),
      ).toThrowError(expect.objectContaining({ status: 400 }));
    }
  });
});
