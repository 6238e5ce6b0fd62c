/**
 * Differential tests against the popular JavaScript SCIM libraries: where they follow the RFC we
 * must agree with them; every case where we differ is pinned here with the reason, so a change
 * on either side is noticed.
 */
import { filter as s2pfFilter, parse as s2pfParse } from 'scim2-parse-filter';
import { compileFilter as sqfpCompile } from 'scim-query-filter-parser';
import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  compileFilter,
  parseFilter,
  type ResourceTypeDescriptor,
} from '../../packages/runtime/src/index.js';
import { groupResourceType } from '../../packages/core/src/descriptors/index.js';
import { userResourceType } from '../../examples/acme-models/src/descriptors/index.js';
import { USERS } from './fixtures.js';

type Ids = string;
const ids = (predicate: (u: Record<string, unknown>) => boolean): Ids =>
  USERS.filter((u) => predicate(u))
    .map((u) => u['id'])
    .join(',');
const attempt = (fn: () => (u: Record<string, unknown>) => boolean): Ids => {
  try {
    return ids(fn());
  } catch {
    return 'rejects the filter';
  }
};
const ours = (f: string) => ids(compileFilter(parseFilter(f), userResourceType));
const s2pf = (f: string) => attempt(() => s2pfFilter(s2pfParse(f)) as (u: Record<string, unknown>) => boolean);
const sqfp = (f: string) => attempt(() => sqfpCompile(f));

/** [filter, our result, scim2-parse-filter, scim-query-filter-parser]; "=" means the same as ours. */
const FILTERS: [string, Ids, Ids, Ids][] = [
  ['userName eq "bjensen"', 'u1', '=', '='],
  ['name.familyName co "O\'Malley"', 'u2', '=', '='],
  ['userName sw "J"', 'u3', '=', '='],
  ['title pr and userType eq "Employee"', 'u1', '=', '='],
  ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', 'u1', '=', '='],
  [
    'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    'u1,u3',
    '=',
    '=',
  ],
  ['active eq false', 'u2', '=', '='],
  // userName is not caseExact (RFC 7643 §4.1.1): scim2-parse-filter compares case-sensitively.
  ['userName eq "BJensen"', 'u1', '', '='],
  ['userName gt "c"', 'u2,u3', 'u2', 'u2'],
  // "pr" needs a non-empty value (RFC 7644 §3.4.2.2): both peers count "" as present, one counts [].
  ['title pr', 'u1', 'u1,u3', 'u1,u3'],
  ['emails pr', 'u1,u2', 'u1,u2,u3', '='],
  // dateTime compares instants: "2011-05-13T04:42:35+02:00" is 02:42:35Z, earlier than 04:42:34Z.
  ['meta.lastModified gt "2011-05-13T04:42:34Z"', 'u3', 'u2,u3', 'u2,u3'],
  // "ne" is "not eq", so a User without a title is not equal to "Tour Guide"; the peers skip absent attributes.
  ['title ne "Tour Guide"', 'u2,u3', 'u3', 'u3'],
  // A complex multi-valued attribute compares its "value"; scim2-parse-filter compares the object.
  ['emails co "example.com"', 'u1', '', '='],
  // scim-query-filter-parser has no "not", no sub-attribute of a multi-valued attribute, no URN paths.
  ['not (emails[type eq "home"])', 'u2,u3', '=', 'rejects the filter'],
  ['emails.value co "example.org"', 'u2', '=', 'rejects the filter'],
  [
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"',
    'u1',
    '=',
    'rejects the filter',
  ],
];

describe('filters compared with scim2-parse-filter and scim-query-filter-parser', () => {
  it.each(FILTERS)('%s', (filter, want, withS2pf, withSqfp) => {
    expect(ours(filter)).toBe(want);
    expect(s2pf(filter)).toBe(withS2pf === '=' ? want : withS2pf);
    expect(sqfp(filter)).toBe(withSqfp === '=' ? want : withSqfp);
  });
});

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const user = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u1',
  userName: 'bjensen',
  name: { familyName: 'Jensen', givenName: 'Barbara' },
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  meta: { resourceType: 'User' },
});
const group = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'g1',
  displayName: 'G',
  members: [{ value: 'a' }, { value: 'b' }],
  meta: { resourceType: 'Group' },
});

function both(make: () => Record<string, unknown>, descriptor: ResourceTypeDescriptor, operations: unknown[]) {
  let mine: unknown;
  let theirs: unknown;
  try {
    mine = applyPatch(make(), { schemas: [PATCH_OP], Operations: operations }, descriptor).resource;
  } catch (error) {
    mine = `error ${(error as { scimType?: string }).scimType}`;
  }
  try {
    theirs = scimPatch(make() as unknown as ScimResource, operations as ScimPatchOperation[]);
  } catch (error) {
    theirs = `error ${(error as Error).constructor.name}`;
  }
  return { mine, theirs };
}

describe('PATCH compared with scim-patch', () => {
  it.each([
    ['replace a sub-attribute', user, [{ op: 'replace', path: 'name.givenName', value: 'B' }]],
    ['re-add an existing member', group, [{ op: 'add', path: 'members', value: [{ value: 'a' }] }]],
    ['remove a member by filter', group, [{ op: 'remove', path: 'members[value eq "a"]' }]],
    [
      'replace a filtered sub-attribute',
      user,
      [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'x@example.com' }],
    ],
    [
      'add through a filter matching nothing',
      user,
      [{ op: 'add', path: 'emails[type eq "other"].value', value: 'o@example.com' }],
    ],
    ['replace all members', group, [{ op: 'replace', path: 'members', value: [{ value: 'c' }] }]],
    ['remove all members', group, [{ op: 'remove', path: 'members' }]],
  ] as const)('agrees: %s', (_name, make, operations) => {
    const { mine, theirs } = both(make, make === group ? groupResourceType : userResourceType, [...operations]);
    expect(mine).toEqual(theirs);
  });

  it('differs: adding a value already present does not duplicate it (scim-patch appends a second copy)', () => {
    const { mine, theirs } = both(user, userResourceType, [
      { op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }] } },
    ]);
    expect((mine as { emails: unknown[] }).emails).toHaveLength(2);
    expect((theirs as { emails: unknown[] }).emails).toHaveLength(3);
  });

  it('differs: a new primary value clears primary on the others (RFC 7644 §3.5.2); scim-patch leaves two', () => {
    const { mine, theirs } = both(user, userResourceType, [
      { op: 'add', path: 'emails', value: [{ value: 'n@example.com', primary: true }] },
    ]);
    const primaries = (r: unknown) =>
      (r as { emails: { primary?: boolean }[] }).emails.filter((e) => e.primary === true).length;
    expect([primaries(mine), primaries(theirs)]).toEqual([1, 2]);
  });

  it('differs: a no-path replace of a complex value merges sub-attributes (RFC 7644 §3.5.2.3); scim-patch replaces the object', () => {
    const { mine, theirs } = both(user, userResourceType, [{ op: 'replace', value: { name: { givenName: 'B' } } }]);
    expect((mine as { name: unknown }).name).toEqual({ familyName: 'Jensen', givenName: 'B' });
    expect((theirs as { name: unknown }).name).toEqual({ givenName: 'B' });
  });

  it('differs: attribute names are case-insensitive; scim-patch adds a second attribute "NAME"', () => {
    const { mine, theirs } = both(user, userResourceType, [{ op: 'replace', path: 'NAME.givenName', value: 'B' }]);
    expect(mine).not.toHaveProperty('NAME');
    expect(theirs).toHaveProperty('NAME');
  });

  it('differs: mutability and required are enforced; scim-patch changes id and removes userName', () => {
    expect(both(user, userResourceType, [{ op: 'replace', path: 'id', value: 'x' }])).toEqual({
      mine: 'error mutability',
      theirs: expect.objectContaining({ id: 'x' }),
    });
    expect(both(user, userResourceType, [{ op: 'remove', path: 'userName' }]).mine).toBe('error invalidValue');
  });

  it('differs: "Replace" and remove-with-value are IdP deviations, accepted only under a profile (scim-patch always accepts them)', () => {
    expect(both(user, userResourceType, [{ op: 'Replace', path: 'active', value: false }]).mine).toBe(
      'error invalidSyntax',
    );
    expect(both(group, groupResourceType, [{ op: 'remove', path: 'members', value: [{ value: 'a' }] }]).mine).toBe(
      'error invalidValue',
    );
  });
});
