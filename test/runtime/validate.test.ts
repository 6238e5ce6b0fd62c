import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateResource, type ValidationOptions, type ValidationResult } from '../../packages/runtime/src/index.js';
import { groupResourceType, userResourceType as coreUser } from '../../packages/core/src/descriptors/index.js';
import { userResourceType as acmeUser } from '../../examples/acme-models/src/descriptors/index.js';
import { ENTERPRISE, ENTERPRISE_USER, FULL_USER, GROUP, MINIMAL_USER } from './rfc-examples.js';

const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const clone = <T>(v: T): T => structuredClone(v);
const failures = (r: ValidationResult) => (r.ok ? [] : r.problems.map((p) => [p.scimType, p.path, p.message]));

describe('validator: RFC 7643 §8 examples', () => {
  it.each([
    ['§8.1 minimal user', MINIMAL_USER, coreUser],
    ['§8.2 full user', FULL_USER, coreUser],
    ['§8.3 enterprise user', ENTERPRISE_USER, coreUser],
    ['§8.4 group', GROUP, groupResourceType],
  ] as const)('%s validates as a response and as a create request', (_name, resource, descriptor) => {
    const response = validateResource(resource, descriptor, { context: 'response' });
    expect(failures(response)).toEqual([]);
    const create = validateResource(resource, descriptor, { context: 'create' });
    expect(failures(create)).toEqual([]);
  });

  it('a response drops password (returned "never"); a create request drops readOnly id, meta and groups with warnings', () => {
    const response = validateResource(FULL_USER, coreUser, { context: 'response' });
    expect(response.ok && response.value['password']).toBe(undefined);
    const create = validateResource(FULL_USER, coreUser, { context: 'create' });
    expect(create.ok && Object.keys(create.value)).not.toEqual(expect.arrayContaining(['id']));
    expect(create.ok && create.value['groups']).toBe(undefined);
    expect(create.ok && create.value['password']).toBe('t1meMa$heen');
    expect(create.warnings).toEqual(
      expect.arrayContaining([
        'id: readOnly, ignored (RFC 7643 §2.2)',
        'groups: readOnly, ignored (RFC 7643 §2.2)',
        'meta: readOnly, ignored (RFC 7643 §2.2)',
      ]),
    );
  });

  it('returns canonical attribute names and extension URNs', () => {
    const result = validateResource(
      {
        SCHEMAS: ['urn:ietf:params:scim:schemas:core:2.0:user'],
        USERNAME: 'b',
        Name: { GivenName: 'B' },
        [ENTERPRISE.toUpperCase()]: { EMPLOYEENUMBER: '1' },
      },
      coreUser,
      { context: 'create' },
    );
    expect(result.ok && result.value).toEqual({
      userName: 'b',
      name: { givenName: 'B' },
      [ENTERPRISE]: { employeeNumber: '1' },
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    });
  });
});

type Mutation = [
  name: string,
  mutate: (r: Record<string, unknown>) => void,
  options: Partial<ValidationOptions>,
  problems: [string, string, string][],
];

const MUTATIONS: Mutation[] = [
  ['wrong type', (r) => (r['userName'] = 42), {}, [['invalidValue', 'userName', 'must be a string, got number 42']]],
  [
    'wrong type in a sub-attribute',
    (r) => ((r['name'] as Record<string, unknown>)['givenName'] = true),
    {},
    [['invalidValue', 'name.givenName', 'must be a string, got boolean true']],
  ],
  [
    'a single value for a multi-valued attribute',
    (r) => (r['emails'] = { value: 'x@example.com' }),
    {},
    [['invalidValue', 'emails', 'must be an array, got an object']],
  ],
  ['missing required', (r) => delete r['userName'], {}, [['invalidValue', 'userName', 'is required']]],
  [
    'two primaries',
    (r) => ((r['emails'] as Record<string, unknown>[])[1]!['primary'] = true),
    {},
    [['invalidValue', 'emails', 'more than one value has "primary": true']],
  ],
  [
    'a bad dateTime',
    (r) => (r[ACME] = { custom_field1: 'x', custom_field6: 'yesterday' }),
    {},
    [['invalidValue', `${ACME}:custom_field6`, 'must be an xsd:dateTime, got "yesterday"']],
  ],
  [
    'a decimal for an integer',
    (r) => (r[ACME] = { custom_field1: 'x', custom_field3: 1.5 }),
    {},
    [['invalidValue', `${ACME}:custom_field3`, 'must be an integer, got number 1.5']],
  ],
  [
    'binary that is not base64',
    (r) => (r['x509Certificates'] = [{ value: 'not base64!' }]),
    {},
    [['invalidValue', 'x509Certificates[0].value', 'must be base64 text, got "not base64!"']],
  ],
  [
    'a required extension attribute missing',
    (r) => (r[ACME] = { custom_field2: 'gold' }),
    {},
    [['invalidValue', `${ACME}:custom_field1`, 'is required']],
  ],
  [
    'a value outside canonicalValues, strict',
    (r) => (r[ACME] = { custom_field1: 'x', custom_field2: 'platinum' }),
    { canonicalValues: { [ACME]: 'strict' } },
    [['invalidValue', `${ACME}:custom_field2`, '"platinum" is not one of "bronze", "silver", "gold"']],
  ],
  [
    'unknown attribute, rejected',
    (r) => (r['shoeSize'] = 42),
    { unknownAttributes: 'reject' },
    [['invalidSyntax', 'shoeSize', 'unknown attribute "shoeSize"']],
  ],
  [
    'unknown sub-attribute, rejected',
    (r) => ((r['name'] as Record<string, unknown>)['nickname'] = 'x'),
    { unknownAttributes: 'reject' },
    [['invalidSyntax', 'name.nickname', 'unknown attribute "nickname"']],
  ],
  [
    'extension without its URN, rejected',
    (r) => (r[ENTERPRISE] = { department: 'x' }),
    { extensionWithoutSchema: 'reject' },
    [['invalidSyntax', 'schemas', `extension data for ${ENTERPRISE} is present but "schemas" does not list it`]],
  ],
  [
    'schemas without the core URN',
    (r) => (r['schemas'] = [ENTERPRISE]),
    {},
    [['invalidSyntax', 'schemas', '"schemas" must include urn:ietf:params:scim:schemas:core:2.0:User']],
  ],
  [
    'schemas with a foreign URN',
    (r) => (r['schemas'] = ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:example:other']),
    {},
    [['invalidValue', 'schemas', '"urn:example:other" is not a schema of User resources']],
  ],
  [
    'no schemas',
    (r) => delete r['schemas'],
    {},
    [['invalidSyntax', 'schemas', '"schemas" is required and must include urn:ietf:params:scim:schemas:core:2.0:User']],
  ],
  [
    'a string over the limit',
    (r) => (r['displayName'] = 'x'.repeat(120)),
    { limits: { maxStringLength: 100 } },
    [['invalidValue', 'displayName', 'is 120 characters long; at most 100 are accepted']],
  ],
  [
    'an array over the limit',
    (r) => (r['emails'] = Array.from({ length: 4 }, (_, i) => ({ value: `${i}@x.org` }))),
    { limits: { maxArrayLength: 3 } },
    [['invalidValue', 'emails', 'has 4 values; at most 3 are accepted']],
  ],
];

describe('validator: each mutation of a valid create request fails with its scimType and path', () => {
  const base = () => {
    const r = clone(FULL_USER) as Record<string, unknown>;
    r['schemas'] = ['urn:ietf:params:scim:schemas:core:2.0:User'];
    return r;
  };

  it('the unmutated request is valid', () => {
    expect(failures(validateResource(base(), acmeUser, { context: 'create' }))).toEqual([]);
  });

  it.each(MUTATIONS)('%s', (_name, mutate, options, problems) => {
    const resource = base();
    mutate(resource);
    const result = validateResource(resource, acmeUser, { context: 'create', ...options });
    expect(failures(result)).toEqual(problems);
    expect(!result.ok && result.error.toJSON()).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '400',
      scimType: problems[0]![0],
      detail: problems.map(([, path, message]) => (path === '' ? message : `${path}: ${message}`)).join('; '),
    });
  });

  it('refuses a resource with more values than the limit, once, at the first value over it', () => {
    const result = validateResource(base(), acmeUser, { context: 'create', limits: { maxValues: 3 } });
    expect(failures(result)).toEqual([['invalidValue', 'name.formatted', 'the resource has more than 3 values']]);
  });

  it('reports every problem at once', () => {
    const resource = base();
    resource['userName'] = 1;
    resource['active'] = 'yes';
    expect(failures(validateResource(resource, acmeUser, { context: 'create' })).map(([, path]) => path)).toEqual([
      'userName',
      'active',
    ]);
  });

  it('by default ignores unknown attributes and adds a missing extension URN, with warnings', () => {
    const resource = base();
    resource['shoeSize'] = 42;
    resource[ENTERPRISE] = { department: 'x' };
    const result = validateResource(resource, acmeUser, { context: 'create' });
    expect(result.ok && result.value['schemas']).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE]);
    expect(result.ok && result.value['shoeSize']).toBe(undefined);
    expect(result.warnings.slice(-2)).toEqual([
      'shoeSize: unknown attribute "shoeSize" ignored',
      `schemas: ${ENTERPRISE} added for the extension data present`,
    ]);
  });

  it('reads "False" as false only when a coercion profile asks', () => {
    const resource = base();
    resource['active'] = 'False';
    expect(failures(validateResource(resource, acmeUser, { context: 'create' }))).toEqual([
      ['invalidValue', 'active', 'must be true or false, got "False"'],
    ]);
    const coerced = validateResource(resource, acmeUser, { context: 'create', booleanStrings: true });
    expect(coerced.ok && coerced.value['active']).toBe(false);
    // The same coercion through the IdP profile a server configures for PATCH.
    const entra = validateResource(resource, acmeUser, { context: 'create', profile: 'entra' });
    expect(entra.ok && entra.value['active']).toBe(false);
    expect(validateResource(resource, acmeUser, { context: 'create', profile: 'okta' }).ok).toBe(false);
  });

  it('an immutable value can be set on create but not changed on replace; omitted means unchanged', () => {
    const stored = { ...base(), id: 'u1', [ACME]: { custom_field1: 'x', custom_field3: 7 } };
    const replace = {
      ...base(),
      [ACME]: { custom_field1: 'x', custom_field3: 8 },
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ACME],
    };
    expect(failures(validateResource(replace, acmeUser, { context: 'replace', existing: stored }))).toEqual([
      ['mutability', `${ACME}:custom_field3`, 'is immutable and already has a different value'],
    ]);
    const omitted = validateResource({ ...replace, [ACME]: { custom_field1: 'y' } }, acmeUser, {
      context: 'replace',
      existing: stored,
    });
    expect(omitted.ok && omitted.value[ACME]).toEqual({ custom_field1: 'y', custom_field3: 7 });
  });

  it('a PATCH result may not change a readOnly value', () => {
    const stored = { ...clone(FULL_USER), id: 'u1' };
    expect(
      failures(validateResource({ ...stored, id: 'u2' }, coreUser, { context: 'patchResult', existing: stored })),
    ).toEqual([['mutability', 'id', 'is readOnly']]);
  });

  it('a response must carry id', () => {
    const withoutId: Record<string, unknown> = clone(MINIMAL_USER);
    delete withoutId['id'];
    expect(failures(validateResource(withoutId, coreUser, { context: 'response' }))).toEqual([
      ['invalidValue', 'id', 'is required'],
    ]);
  });

  it('rejects what is not an object', () => {
    expect(failures(validateResource([1], coreUser, { context: 'create' }))).toEqual([
      ['invalidSyntax', '', 'a resource must be a JSON object, got an array'],
    ]);
  });
});

describe('validator: properties', () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  const userish = fc.record(
    {
      schemas: fc.oneof(fc.constant(['urn:ietf:params:scim:schemas:core:2.0:User']), json),
      userName: fc.oneof(fc.string(), json),
      name: fc.oneof(fc.record({ givenName: fc.string(), familyName: json }, { requiredKeys: [] }), json),
      emails: fc.oneof(
        fc.array(fc.record({ value: fc.string(), type: fc.string(), primary: fc.boolean() }, { requiredKeys: [] }), {
          maxLength: 3,
        }),
        json,
      ),
      active: fc.oneof(fc.boolean(), json),
      [ENTERPRISE]: fc.oneof(
        fc.record({ employeeNumber: fc.string(), manager: fc.record({ value: fc.string() }) }, { requiredKeys: [] }),
        json,
      ),
      [ACME]: fc.oneof(
        fc.record(
          { custom_field1: fc.string(), custom_field3: fc.integer(), custom_field8: fc.array(fc.string()) },
          { requiredKeys: [] },
        ),
        json,
      ),
    },
    { requiredKeys: [] },
  );
  const contexts = fc.constantFrom('create', 'replace', 'patchResult', 'response') as fc.Arbitrary<
    ValidationOptions['context']
  >;

  it('never throws, and what it accepts it accepts again unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(userish, json), contexts, (resource, context) => {
        const first = validateResource(resource, acmeUser, { context });
        if (!first.ok) {
          expect(first.problems.length).toBeGreaterThan(0);
          expect(first.error.status).toBe(400);
          return;
        }
        const again = validateResource(first.value, acmeUser, { context });
        expect(again.ok && again.value).toEqual(first.value);
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes a wrong string value in the message as JSON does, cut at 40 characters', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.string({ unit: 'grapheme' }),
          fc.constantFrom('a"b', 'a\\b', 'tab\t', '\u0000', '\u001f', '\u007f', '\ud800', 'x\udc00', '\u2028'),
        ),
        (text) => {
          const result = validateResource({ ...MINIMAL_USER, active: text }, coreUser, { context: 'create' });
          const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
          expect(!result.ok && result.problems).toEqual([
            {
              path: 'active',
              scimType: 'invalidValue',
              message: `must be true or false, got ${JSON.stringify(shown)}`,
            },
          ]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
