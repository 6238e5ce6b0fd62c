import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectResource } from '../../packages/runtime/src/index.js';
import { userResourceType } from '../../examples/acme-models/src/descriptors/index.js';
import { ACME, ENTERPRISE, USERS } from './fixtures.js';

const user: Record<string, unknown> = {
  ...USERS[0]!,
  password: 'secret',
  groups: [{ value: 'g1', display: 'Admins' }],
};
const keys = (r: Record<string, unknown>) => Object.keys(r).sort();

describe('projection: attributes, excludedAttributes and returned', () => {
  it('drops returned "never" (password) by default and keeps everything else', () => {
    const shaped = projectResource(user, userResourceType);
    expect(shaped['password']).toBeUndefined();
    expect(keys(shaped)).toEqual(keys(user).filter((k) => k !== 'password'));
  });

  it('never returns password, even when asked for by name', () => {
    expect(projectResource(user, userResourceType, { attributes: 'password,userName' })).toEqual({
      schemas: user['schemas'],
      id: 'u1',
      userName: 'bjensen',
    });
  });

  it('attributes keeps only what is named, plus id and schemas (returned always)', () => {
    expect(projectResource(user, userResourceType, { attributes: ['userName', 'name.givenName'] })).toEqual({
      schemas: user['schemas'],
      id: 'u1',
      userName: 'bjensen',
      name: { givenName: 'Barbara' },
    });
  });

  it('attribute names match case-insensitively and come back canonical', () => {
    expect(projectResource(user, userResourceType, { attributes: 'USERNAME, Emails.Value' })).toEqual({
      schemas: user['schemas'],
      id: 'u1',
      userName: 'bjensen',
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
    });
  });

  it('selects extension attributes by URN path, and a whole extension by its URN', () => {
    expect(projectResource(user, userResourceType, { attributes: `${ENTERPRISE}:employeeNumber` })).toEqual({
      schemas: user['schemas'],
      id: 'u1',
      [ENTERPRISE]: { employeeNumber: '701984' },
    });
    expect(projectResource(user, userResourceType, { attributes: ENTERPRISE })[ENTERPRISE]).toEqual(user[ENTERPRISE]);
  });

  it('excludedAttributes removes what is named but never id or schemas', () => {
    const shaped = projectResource(user, userResourceType, {
      excludedAttributes: 'emails,name.familyName,id,schemas,meta',
    });
    expect(shaped['emails']).toBeUndefined();
    expect(shaped['meta']).toBeUndefined();
    expect(shaped['name']).toEqual({ givenName: 'Barbara' });
    expect(shaped['id']).toBe('u1');
    expect(shaped['schemas']).toEqual(user['schemas']);
  });

  it('ignores names the resource type does not have', () => {
    expect(projectResource(user, userResourceType, { attributes: 'nosuch,urn:example:nope:attr,userName' })).toEqual({
      schemas: user['schemas'],
      id: 'u1',
      userName: 'bjensen',
    });
  });

  it('does not change its input', () => {
    const copy = structuredClone(user);
    projectResource(user, userResourceType, { attributes: 'userName' });
    expect(user).toEqual(copy);
  });

  it('works on extension data of the Acme schema', () => {
    expect(projectResource(USERS[2]!, userResourceType, { attributes: `${ACME}:custom_field3` })).toEqual({
      schemas: USERS[2]!['schemas'],
      id: 'u3',
      [ACME]: { custom_field3: 7 },
    });
  });
});

describe('projection: the default projection returns an unchanged resource as it is', () => {
  // Values that exercise every way the default projection can change a resource.
  const scalar = fc.oneof(fc.string({ maxLength: 3 }), fc.boolean(), fc.integer(), fc.constant(null));
  const subObject = fc.dictionary(
    fc.constantFrom('value', 'VALUE', 'type', 'primary', 'display', '$ref', 'unknownSub'),
    scalar,
    { maxKeys: 3 },
  );
  const attributeValue = fc.oneof(scalar, subObject, fc.array(fc.oneof(subObject, scalar), { maxLength: 3 }));
  const extension = fc.dictionary(
    fc.constantFrom('employeeNumber', 'manager', 'EmployeeNumber', 'nope', 'department'),
    attributeValue,
    { maxKeys: 3 },
  );
  // Canonical names only, so the fast path is taken often; then names it must refuse.
  const cleanSub = fc.dictionary(fc.constantFrom('value', 'type', 'primary', 'display'), scalar, {
    minKeys: 1,
    maxKeys: 3,
  });
  const cleanValue = fc.oneof(scalar, cleanSub, fc.array(cleanSub, { minLength: 1, maxLength: 2 }));
  const cleanName = fc.dictionary(fc.constantFrom('givenName', 'familyName', 'formatted'), scalar, { minKeys: 1 });
  const cleanManager = fc.dictionary(fc.constantFrom('value', 'displayName', '$ref'), scalar, { minKeys: 1 });
  const cleanExtension = fc.record(
    { employeeNumber: scalar, department: scalar, manager: fc.oneof(cleanManager, scalar) },
    { requiredKeys: ['employeeNumber'] },
  );
  const canonical = {
    schemas: fc.constant(['urn:ietf:params:scim:schemas:core:2.0:User']),
    id: fc.string({ maxLength: 4 }),
    userName: scalar,
    emails: cleanValue,
    name: fc.oneof(cleanName, scalar),
    groups: cleanValue,
    x509Certificates: cleanValue,
    [ENTERPRISE]: cleanExtension,
    [ACME]: fc.oneof(
      { arbitrary: fc.record({ custom_field1: scalar }), weight: 4 },
      { arbitrary: fc.constant({}), weight: 1 },
    ),
  };
  const resource = fc.oneof(
    fc.record(canonical, { requiredKeys: ['schemas'] }),
    // Canonical, but with an empty value the projection drops.
    fc.record(
      { ...canonical, emails: fc.constantFrom([], [{}], {}, [{ value: 'a' }, {}]), name: fc.constant({}) },
      { requiredKeys: ['schemas'] },
    ),
    fc.record(
      {
        ...canonical,
        emails: attributeValue,
        name: attributeValue,
        [ENTERPRISE]: fc.oneof(extension, scalar),
        USERNAME: scalar,
        password: scalar,
        unknownTop: attributeValue,
        [ENTERPRISE.toLowerCase()]: extension,
      },
      { requiredKeys: ['schemas'] },
    ),
  );

  it('gives the same answer as the full projection, and the input itself only when nothing changes', () => {
    let taken = 0;
    fc.assert(
      fc.property(resource, (r) => {
        const fast = projectResource(r, userResourceType);
        // Naming an attribute the resource type lacks forces the full walk without changing its result.
        const full = projectResource(r, userResourceType, { excludedAttributes: 'noSuchAttribute' });
        expect(fast).toEqual(full);
        if (fast === r) taken++;
      }),
      { numRuns: 3000 },
    );
    // The fast path must have been tried for the comparison to mean anything.
    expect(taken).toBeGreaterThan(100);
  });

  it('returns a stored resource as it is', () => {
    const stored = { ...USERS[0]! };
    expect(projectResource(stored, userResourceType)).toBe(stored);
    expect(projectResource({ ...stored, password: 'x' }, userResourceType)).not.toHaveProperty('password');
  });
});
