import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, ScimError, type PatchOptions } from '../../packages/runtime/src/index.js';
import { groupResourceType } from '../../packages/core/src/descriptors/index.js';
import { userResourceType } from '../../examples/acme-models/src/descriptors/index.js';
import { ACME, ENTERPRISE, USERS } from './fixtures.js';
import { scimError } from '../helpers/scim-error.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const patch = (...Operations: unknown[]) => ({ schemas: [PATCH_OP], Operations });

const BJENSEN = '2819c223-7f76-453a-919d-413861904646';
const JSMITH = '08e1d05d-121c-4561-8b96-473d93df9210';
const group = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  displayName: 'Tour Guides',
  members: [
    { value: BJENSEN, $ref: `https://example.com/v2/Users/${BJENSEN}`, display: 'Babs Jensen' },
    { value: 'aaaa', display: 'A' },
  ],
};
const user = USERS[0]!;

const onGroup = (body: unknown, options?: PatchOptions) => applyPatch(group, body, groupResourceType, options);
const onUser = (body: unknown, options?: PatchOptions, resource: Record<string, unknown> = user) =>
  applyPatch(resource, body, userResourceType, options);

describe('PATCH: RFC 7644 §3.5.2 examples', () => {
  it('adds a member (§3.5.2.1) and reports the delta', () => {
    const result = onGroup(
      patch({
        op: 'add',
        path: 'members',
        value: [{ display: 'James Smith', $ref: `https://example.com/v2/Users/${JSMITH}`, value: JSMITH }],
      }),
    );
    expect((result.resource['members'] as unknown[]).map((m) => (m as { value: string }).value)).toEqual([
      BJENSEN,
      'aaaa',
      JSMITH,
    ]);
    expect(result.members).toEqual({
      removedAll: false,
      removed: [],
      removeWhere: [],
      added: [{ display: 'James Smith', $ref: `https://example.com/v2/Users/${JSMITH}`, value: JSMITH }],
    });
    expect(result.changedAttributes).toEqual(['members']);
  });

  it('adds attributes without a path (§3.5.2.1)', () => {
    const result = onUser(
      patch({
        op: 'add',
        value: {
          emails: [
            { value: 'babs@jensen.org', type: 'home' },
            { value: 'new@jensen.org', type: 'other' },
          ],
          nickName: 'Babs',
        },
      }),
    );
    expect(result.resource['nickName']).toBe('Babs');
    // babs@jensen.org was already there: added values are a union, not a duplicate.
    expect((result.resource['emails'] as { value: string }[]).map((e) => e.value)).toEqual([
      'bjensen@example.com',
      'babs@jensen.org',
      'new@jensen.org',
    ]);
  });

  it('removes one member with a filter (§3.5.2.2)', () => {
    const result = onGroup(patch({ op: 'remove', path: `members[value eq "${BJENSEN}"]` }));
    expect(result.resource['members']).toEqual([{ value: 'aaaa', display: 'A' }]);
    expect(result.members).toMatchObject({ removed: [BJENSEN], removedAll: false });
  });

  it('removes all members (§3.5.2.2)', () => {
    const result = onGroup(patch({ op: 'remove', path: 'members' }));
    expect(result.resource['members']).toBeUndefined();
    expect(result.members).toMatchObject({ removedAll: true, added: [] });
  });

  it('removes one member and adds another in one request (§3.5.2.2)', () => {
    const result = onGroup(
      patch(
        { op: 'remove', path: `members[value eq "${BJENSEN}"]` },
        { op: 'add', path: 'members', value: [{ value: JSMITH, display: 'James Smith' }] },
      ),
    );
    expect((result.resource['members'] as { value: string }[]).map((m) => m.value)).toEqual(['aaaa', JSMITH]);
    expect(result.members).toMatchObject({ removed: [BJENSEN], added: [{ value: JSMITH, display: 'James Smith' }] });
  });

  it('replaces all members (§3.5.2.3)', () => {
    const result = onGroup(patch({ op: 'replace', path: 'members', value: [{ value: JSMITH }, { value: BJENSEN }] }));
    expect(result.resource['members']).toEqual([{ value: JSMITH }, { value: BJENSEN }]);
    expect(result.members).toMatchObject({ removedAll: true, added: [{ value: JSMITH }, { value: BJENSEN }] });
  });

  it.each([
    ['add members', patch({ op: 'add', path: 'members', value: [{ value: JSMITH }] }), true],
    ['no-path add of members', patch({ op: 'add', value: { members: [{ value: JSMITH }] } }), true],
    ['replace members', patch({ op: 'replace', path: 'members', value: [{ value: JSMITH }] }), true],
    ['remove members', patch({ op: 'remove', path: 'members' }), true],
    ['remove members by filter', patch({ op: 'remove', path: `members[value eq "${BJENSEN}"]` }), true],
    ['remove members by other filter', patch({ op: 'remove', path: 'members[display sw "A"]' }), true],
    ['rename', patch({ op: 'replace', path: 'displayName', value: 'X' }), false],
    [
      'rename and add members',
      patch(
        { op: 'replace', path: 'displayName', value: 'X' },
        { op: 'add', path: 'members', value: [{ value: JSMITH }] },
      ),
      false,
    ],
    [
      'a member sub-attribute',
      patch({ op: 'replace', path: `members[value eq "${BJENSEN}"].display`, value: 'B' }),
      false,
    ],
    ['a filtered add', patch({ op: 'add', path: `members[value eq "${BJENSEN}"]`, value: { display: 'B' } }), false],
    ['a filtered replace', patch({ op: 'replace', path: `members[value eq "aaaa"]`, value: { value: JSMITH } }), false],
  ])('says whether %s is a members-only change its deltas carry', (_name, body, membersOnly) => {
    const full = onGroup(body);
    expect(full.membersOnly).toBe(membersOnly);
    if (!membersOnly) return;
    // Applied to the group without its members, it gives the same deltas.
    const withoutMembers: Record<string, unknown> = { ...group };
    delete withoutMembers['members'];
    expect(applyPatch(withoutMembers, body, groupResourceType).members).toEqual(full.members);
  });

  it('reports no deltas for a change only the whole member list can carry', () => {
    for (const body of [
      patch({ op: 'replace', path: `members[value eq "${BJENSEN}"].display`, value: 'B' }),
      patch({ op: 'add', path: `members[value eq "aaaa"]`, value: { display: 'Aa' } }),
      patch({ op: 'remove', path: 'members[value eq "aaaa"]' }, { op: 'replace', path: 'members.display', value: 'C' }),
    ]) {
      const result = onGroup(body);
      expect(result.members).toBeUndefined();
      expect(result.changedAttributes).toEqual(['members']);
    }
  });

  it('replaces a filtered value and a filtered sub-attribute (§3.5.2.3)', () => {
    const withAddress = {
      ...user,
      addresses: [
        { type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', primary: true },
        { type: 'home', locality: 'Anytown' },
      ],
    };
    const whole = onUser(
      patch({
        op: 'replace',
        path: 'addresses[type eq "work"]',
        value: {
          type: 'work',
          streetAddress: '911 Universal City Plaza',
          locality: 'Hollywood',
          postalCode: '91608',
          country: 'US',
          primary: true,
        },
      }),
      undefined,
      withAddress,
    );
    expect((whole.resource['addresses'] as unknown[])[0]).toEqual({
      type: 'work',
      streetAddress: '911 Universal City Plaza',
      locality: 'Hollywood',
      postalCode: '91608',
      country: 'US',
      primary: true,
    });
    const sub = onUser(
      patch({ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }),
      undefined,
      withAddress,
    );
    expect((sub.resource['addresses'] as unknown[])[0]).toEqual({
      type: 'work',
      streetAddress: '1010 Broadway Ave',
      locality: 'Hollywood',
      primary: true,
    });
  });

  it('replaces attributes without a path, merging complex values (§3.5.2.3)', () => {
    const result = onUser(
      patch({ op: 'replace', value: { name: { givenName: 'Babs' }, nickName: 'Babs', active: false } }),
    );
    expect(result.resource['name']).toEqual({ familyName: 'Jensen', givenName: 'Babs' });
    expect(result.resource).toMatchObject({ nickName: 'Babs', active: false });
    expect(result.changedAttributes).toEqual(['active', 'name', 'nickName']);
  });

  it('removes values matching a complex filter', () => {
    const result = onUser(patch({ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }));
    expect(result.resource['emails']).toEqual([{ value: 'babs@jensen.org', type: 'home' }]);
  });
});

describe('PATCH: semantics', () => {
  it('never changes its input and shares what it did not change', () => {
    const before = structuredClone(user);
    const result = onUser(patch({ op: 'replace', path: 'name.givenName', value: 'B' }));
    expect(user).toEqual(before);
    expect(result.resource['emails']).toBe(user['emails']);
    expect(result.resource[ENTERPRISE]).toBe(user[ENTERPRISE]);
  });

  it('re-adding an existing member changes nothing', () => {
    const result = onGroup(patch({ op: 'add', path: 'members', value: [{ value: BJENSEN }] }));
    expect(result.changed).toBe(false);
    expect(result.resource['members']).toEqual(group.members);
  });

  it('setting primary on one value clears it on the others', () => {
    const result = onUser(
      patch({ op: 'add', path: 'emails', value: [{ value: 'x@example.com', type: 'other', primary: true }] }),
    );
    expect(
      (result.resource['emails'] as { value: string; primary?: boolean }[]).map((e) => [e.value, e.primary ?? false]),
    ).toEqual([
      ['bjensen@example.com', false],
      ['babs@jensen.org', false],
      ['x@example.com', true],
    ]);
  });

  it('adds and removes extension attributes, keeping schemas in step', () => {
    const added = onUser(patch({ op: 'add', path: `${ACME}:custom_field1`, value: 'CC-1' }));
    expect(added.resource[ACME]).toEqual({ custom_field1: 'CC-1' });
    expect(added.resource['schemas']).toEqual([...(user['schemas'] as string[]), ACME]);
    const removed = onUser(
      patch(
        { op: 'remove', path: `${ENTERPRISE}:employeeNumber` },
        { op: 'remove', path: `${ENTERPRISE}:department` },
        { op: 'remove', path: `${ENTERPRISE}:manager` },
      ),
    );
    expect(removed.resource[ENTERPRISE]).toBeUndefined();
    expect(removed.resource['schemas']).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User']);
  });

  it('add on a filter that matches nothing creates the value the filter describes', () => {
    const result = onUser(patch({ op: 'add', path: 'phoneNumbers[type eq "work"].value', value: '+1 555 0100' }));
    expect(result.resource['phoneNumbers']).toEqual([{ type: 'work', value: '+1 555 0100' }]);
  });

  it('matches attribute names case-insensitively and writes them canonically', () => {
    const result = onUser(
      patch({ op: 'replace', path: 'NAME.GIVENNAME', value: 'B' }, { op: 'add', value: { NickName: 'Bee' } }),
    );
    expect(result.resource['name']).toEqual({ familyName: 'Jensen', givenName: 'B' });
    expect(result.resource['nickName']).toBe('Bee');
  });

  it('an unchanged readOnly value echoed back (Okta sends id) is not an error', () => {
    const result = onGroup(patch({ op: 'replace', value: { id: group.id, displayName: 'Guides' } }));
    expect(result.resource['displayName']).toBe('Guides');
  });
});

const ERRORS: [name: string, body: unknown, status: number, scimType: string, detail: string][] = [
  ['not an object', 'x', 400, 'invalidSyntax', 'the PATCH body must be a JSON object'],
  [
    'no PatchOp schema',
    { Operations: [{ op: 'add', path: 'nickName', value: 'x' }] },
    400,
    'invalidSyntax',
    `the PATCH body must list "${PATCH_OP}" in schemas`,
  ],
  ['no operations', patch(), 400, 'invalidSyntax', '"Operations" must be a non-empty array'],
  [
    'unknown op',
    patch({ op: 'merge', path: 'nickName', value: 'x' }),
    400,
    'invalidSyntax',
    'operation 1: "op" must be "add", "replace" or "remove", got "merge"',
  ],
  [
    'capitalized op without a profile',
    patch({ op: 'Replace', path: 'nickName', value: 'x' }),
    400,
    'invalidSyntax',
    'operation 1: "op" must be "add", "replace" or "remove", got "Replace"',
  ],
  [
    'add without value',
    patch({ op: 'add', path: 'nickName' }),
    400,
    'invalidValue',
    'operation 1: "add" needs a "value"',
  ],
  ['remove without path', patch({ op: 'remove' }), 400, 'noTarget', 'operation 1: remove needs a "path"'],
  [
    'unknown attribute',
    patch({ op: 'replace', path: 'nickname2', value: 'x' }),
    400,
    'invalidPath',
    'operation 1: unknown attribute "nickname2" at character 1',
  ],
  [
    'malformed path',
    patch({ op: 'replace', path: 'emails[type eq', value: 'x' }),
    400,
    'invalidPath',
    'operation 1: expected a value (a quoted string, a number, true, false or null), found the end of the filter at character 15',
  ],
  [
    'wrong type',
    patch({ op: 'replace', path: 'active', value: 'False' }),
    400,
    'invalidValue',
    'operation 1: "active" must be true or false, got "False"',
  ],
  [
    'unknown sub-attribute in a value',
    patch({ op: 'add', path: 'emails', value: [{ value: 'a@b.c', kind: 'x' }] }),
    400,
    'invalidValue',
    'operation 1: "emails" has no sub-attribute "kind"',
  ],
  [
    'readOnly attribute',
    patch({ op: 'replace', path: 'groups', value: [] }),
    400,
    'mutability',
    'operation 1: "groups" is readOnly',
  ],
  [
    'readOnly sub-attribute',
    patch({ op: 'replace', path: `${ENTERPRISE}:manager.displayName`, value: 'x' }),
    400,
    'mutability',
    `operation 1: "${ENTERPRISE}:manager.displayName" is readOnly`,
  ],
  [
    'changing an immutable value',
    patch({ op: 'replace', path: `${ACME}:custom_field3`, value: 8 }),
    400,
    'mutability',
    `operation 1: "${ACME}:custom_field3" is immutable and already has a value`,
  ],
  [
    'removing a required attribute',
    patch({ op: 'remove', path: 'userName' }),
    400,
    'invalidValue',
    'operation 1: "userName" is required and cannot be removed',
  ],
  [
    'replace on a filter matching nothing',
    patch({ op: 'replace', path: 'emails[type eq "other"].value', value: 'x' }),
    400,
    'noTarget',
    'operation 1: no value of "emails" matches type eq "other"',
  ],
  [
    'remove with a value without a profile',
    patch({ op: 'remove', path: 'emails', value: [{ value: 'x' }] }),
    400,
    'invalidValue',
    'operation 1: remove takes no "value"; select values with a filter such as emails[value eq "…"]',
  ],
  [
    'a filter on a single-valued attribute',
    patch({ op: 'replace', path: 'name[givenName eq "x"]', value: {} }),
    400,
    'invalidPath',
    'operation 1: a filter needs a multi-valued complex attribute, and "name" is not one',
  ],
  [
    'too many operations',
    patch(...Array.from({ length: 1001 }, () => ({ op: 'add', path: 'nickName', value: 'x' }))),
    400,
    'tooMany',
    '1001 operations; at most 1000 are accepted in one request',
  ],
];

describe('PATCH: errors', () => {
  it.each(ERRORS)('%s', (_name, body, status, scimType, detail) => {
    const error = scimError(() => applyPatch(USERS[2]!, body, userResourceType));
    expect([error.status, error.scimType, error.detail]).toEqual([status, scimType, detail]);
  });

  it('fails atomically: a later failing operation leaves nothing of the earlier ones', () => {
    const before = structuredClone(user);
    expect(() =>
      onUser(
        patch({ op: 'replace', path: 'nickName', value: 'changed' }, { op: 'replace', path: 'active', value: 'nope' }),
      ),
    ).toThrow(ScimError);
    expect(user).toEqual(before);
  });
});

describe('PATCH: what identity providers send (written from their public documentation)', () => {
  it('Entra ID without aadOptscim062020: capitalized op, "False" strings, remove members by value, bare manager', () => {
    const deactivate = onUser(patch({ op: 'Replace', path: 'active', value: 'False' }), { profile: 'entra' });
    expect(deactivate.resource['active']).toBe(false);
    expect(deactivate.normalizations).toEqual([
      'operation 1: op "Replace" read as "replace"',
      '"active": the string "False" read as a boolean',
    ]);

    const removeMembers = onGroup(patch({ op: 'Remove', path: 'members', value: [{ value: BJENSEN }] }), {
      profile: 'entra',
    });
    expect(removeMembers.resource['members']).toEqual([{ value: 'aaaa', display: 'A' }]);
    expect(removeMembers.members).toMatchObject({ removed: [BJENSEN], removedAll: false });

    const manager = onUser(patch({ op: 'Add', path: `${ENTERPRISE}:manager`, value: '2819c223' }), {
      profile: 'entra',
    });
    expect((manager.resource[ENTERPRISE] as Record<string, unknown>)['manager']).toEqual({ value: '2819c223' });
  });

  it('Entra ID: no-path replace with dotted and URN-qualified keys', () => {
    const result = onUser(
      patch({
        op: 'Replace',
        value: {
          displayName: 'Babs J',
          'name.givenName': 'Babs',
          'name.familyName': 'J',
          [`${ENTERPRISE}:employeeNumber`]: '42',
          active: 'True',
        },
      }),
      { profile: 'entra' },
    );
    expect(result.resource).toMatchObject({
      displayName: 'Babs J',
      name: { givenName: 'Babs', familyName: 'J' },
      active: true,
      [ENTERPRISE]: { employeeNumber: '42' },
    });
    expect(scimError(() => onUser(patch({ op: 'replace', value: { 'name.givenName': 'Babs' } }))).detail).toBe(
      'operation 1: unknown attribute "name.givenName"',
    );
  });

  it('Entra ID: add to emails[type eq "work"].value and members with value only, $ref null', () => {
    const email = onUser(patch({ op: 'Add', path: 'emails[type eq "work"].value', value: 'updated@example.com' }), {
      profile: 'entra',
    });
    expect((email.resource['emails'] as { value: string }[])[0]!.value).toBe('updated@example.com');
    const members = onGroup(patch({ op: 'Add', path: 'members', value: [{ value: JSMITH, $ref: null }] }), {
      profile: 'entra',
    });
    expect(members.members?.added).toEqual([{ value: JSMITH }]);
  });

  it('Entra ID with aadOptscim062020: RFC-conformant requests pass under the plain RFC profile', () => {
    const result = onGroup(
      patch(
        { op: 'remove', path: `members[value eq "${BJENSEN}"]` },
        { op: 'replace', path: 'displayName', value: 'Renamed' },
      ),
    );
    expect(result.resource).toMatchObject({ displayName: 'Renamed', members: [{ value: 'aaaa', display: 'A' }] });
  });

  it('Okta: deactivate with no-path replace, rename echoing id, replace members with []', () => {
    expect(onUser(patch({ op: 'replace', value: { active: false } }), { profile: 'okta' }).resource['active']).toBe(
      false,
    );
    expect(
      onGroup(patch({ op: 'replace', value: { id: group.id, displayName: 'Test SCIMv2' } }), { profile: 'okta' })
        .resource['displayName'],
    ).toBe('Test SCIMv2');
    const emptied = onGroup(patch({ op: 'replace', path: 'members', value: [] }), { profile: 'okta' });
    expect(emptied.resource['members']).toBeUndefined();
    expect(emptied.members).toEqual({ removedAll: true, removed: [], removeWhere: [], added: [] });
  });

  it('OneLogin: "true" strings for booleans under its profile', () => {
    expect(
      onUser(patch({ op: 'replace', path: 'active', value: 'true' }), { profile: 'onelogin' }).resource['active'],
    ).toBe(true);
  });
});

describe('PATCH: attributes the resource type does not define', () => {
  const unknownExtension = 'urn:example:params:scim:schemas:extension:other:2.0:User';
  it.each([
    [
      'a path',
      { op: 'replace', path: 'costCentre', value: 'x' },
      'operation 1 skipped: unknown attribute "costCentre" at character 1',
    ],
    [
      'a sub-attribute path',
      { op: 'add', path: 'name.nickName', value: 'x' },
      'operation 1 skipped: unknown attribute "name.nickName" at character 1',
    ],
    [
      'a sub-attribute after a value filter',
      { op: 'replace', path: 'emails[type eq "work"].label', value: 'x' },
      'operation 1 skipped: unknown attribute "emails.label"',
    ],
    [
      'an extension the resource type lacks',
      { op: 'add', path: `${unknownExtension}:badge`, value: 'x' },
      `operation 1 skipped: unknown schema "${unknownExtension}" at character 1`,
    ],
    ['a no-path key', { op: 'replace', value: { costCentre: 'x' } }, 'key "costCentre" skipped: unknown attribute'],
    [
      'a dotted no-path key',
      { op: 'replace', value: { 'name.nickName': 'x' } },
      'key "name.nickName" skipped: unknown attribute "name.nickName" at character 1',
    ],
    [
      'a name inside a known extension',
      { op: 'add', value: { [ENTERPRISE]: { badge: 'x' } } },
      `key "${ENTERPRISE}:badge" skipped: unknown attribute`,
    ],
  ])('%s: skipped with a note under lenient, 400 invalidPath under every other profile', (_name, operation, note) => {
    const body = patch(operation, { op: 'replace', path: 'nickName', value: 'Babs' });
    const lenient = onUser(body, { profile: 'lenient' });
    expect(lenient.normalizations).toContain(note);
    expect(lenient.resource['nickName']).toBe('Babs');
    expect(lenient.changedAttributes).toEqual(['nickName']);
    for (const profile of ['rfc', 'entra', 'okta', 'onelogin', 'google'] as const)
      expect(scimError(() => onUser(body, { profile }))).toMatchObject({ status: 400, scimType: 'invalidPath' });
  });

  it('still refuses what is wrong with a known attribute under lenient', () => {
    expect(
      scimError(() => onUser(patch({ op: 'replace', path: 'id', value: 'other' }), { profile: 'lenient' })),
    ).toMatchObject({ status: 400, scimType: 'mutability' });
    expect(
      scimError(() => onUser(patch({ op: 'add', path: 'emails[type eq', value: 'x' }), { profile: 'lenient' })),
    ).toMatchObject({ status: 400, scimType: 'invalidPath' });
  });
});

describe('PATCH: properties', () => {
  const pathArbitrary = fc.constantFrom(
    'nickName',
    'active',
    'name.givenName',
    'emails',
    'emails[type eq "work"].value',
    'emails[type eq "home"]',
    'userName',
    'groups',
    `${ENTERPRISE}:employeeNumber`,
    `${ACME}:custom_field3`,
    'nosuch',
    'name[x eq 1]',
    '',
  );
  const valueArbitrary = fc.oneof(
    fc.string(),
    fc.boolean(),
    fc.integer(),
    fc.constant(null),
    fc.constant([{ value: 'a@b.c', type: 'work' }]),
    fc.constant({ givenName: 'x' }),
  );
  const operationArbitrary = fc.record(
    { op: fc.constantFrom('add', 'replace', 'remove', 'Replace', 'bogus'), path: pathArbitrary, value: valueArbitrary },
    { requiredKeys: ['op'] },
  );

  it('a request either applies completely or throws a ScimError and leaves the resource as it was', () => {
    fc.assert(
      fc.property(
        fc.array(operationArbitrary, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('rfc', 'entra'),
        (operations, profile) => {
          const resource = structuredClone(USERS[0]!);
          const before = structuredClone(resource);
          const options = { profile: profile as 'rfc' | 'entra' };
          // The oracle: the same operations one PATCH at a time. A request applies completely
          // exactly when each of its operations applies in turn, and leaves what they leave.
          let oneByOne: Record<string, unknown> | undefined = structuredClone(resource);
          try {
            for (const operation of operations)
              oneByOne = applyPatch(oneByOne!, patch(operation), userResourceType, options).resource;
          } catch (error) {
            expect(error).toBeInstanceOf(ScimError);
            oneByOne = undefined;
          }
          let together: Record<string, unknown> | undefined;
          try {
            together = applyPatch(resource, patch(...operations), userResourceType, options).resource;
          } catch (error) {
            expect(error).toBeInstanceOf(ScimError);
          }
          expect(together).toEqual(oneByOne);
          expect(resource).toEqual(before);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('a path naming a whole extension (Python SCIM clients send it)', () => {
  const bare = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE], userName: 'ext' };

  it.each(['add', 'replace'] as const)('%s sets the attributes of the object, ignoring its own "schemas"', (op) => {
    const result = applyPatch(
      { ...bare, [ENTERPRISE]: { costCenter: 'kept' } },
      patch({
        op,
        path: ENTERPRISE,
        value: { schemas: [ENTERPRISE], department: 'Tour Operations', manager: { value: 'm-1' } },
      }),
      userResourceType,
    );
    expect(result.resource[ENTERPRISE]).toEqual({
      costCenter: 'kept',
      department: 'Tour Operations',
      manager: { value: 'm-1' },
    });
    expect(result.normalizations).toEqual([
      `operation 1: path ${JSON.stringify(ENTERPRISE)} names the whole extension`,
    ]);
  });

  it('remove takes every attribute of the extension away', () => {
    const result = applyPatch(
      { ...bare, [ENTERPRISE]: { department: 'Sales', employeeNumber: '7' } },
      patch({ op: 'remove', path: ENTERPRISE }),
      userResourceType,
    );
    expect(result.resource[ENTERPRISE]).toBeUndefined();
    expect(result.changed).toBe(true);
  });

  it('a value that is not an object is 400 invalidValue', () => {
    const error = scimError(() =>
      applyPatch(bare, patch({ op: 'replace', path: ENTERPRISE, value: 'x' }), userResourceType),
    );
    expect({ status: error.status, scimType: error.scimType }).toEqual({ status: 400, scimType: 'invalidValue' });
  });

  it('a URN no schema of the resource type has is still 400 invalidPath', () => {
    const error = scimError(() =>
      applyPatch(bare, patch({ op: 'add', path: 'urn:example:unknown:2.0:Thing', value: {} }), userResourceType),
    );
    expect({ status: error.status, scimType: error.scimType }).toEqual({ status: 400, scimType: 'invalidPath' });
  });
});
