import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateResource, type ValidationOptions, type ValidationResult } from '../../packages/runtime/src/index.js';
import { userResourceType } from '../../examples/acme-models/src/descriptors/index.js';
import {
  validateUserCreateRequest,
  validateUserPatchResult,
  validateUserReplaceRequest,
  validateUserResponse,
} from '../../examples/acme-models/src/validators/index.js';
import { groupResourceType } from '../../packages/core/src/descriptors/index.js';
import { validateGroupCreateRequest, validateGroupResponse } from '../../packages/core/src/validators/index.js';
import { ENTERPRISE, ENTERPRISE_USER, FULL_USER, GROUP, MINIMAL_USER } from './rfc-examples.js';

const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';

const GENERATED = {
  create: validateUserCreateRequest,
  replace: validateUserReplaceRequest,
  patchResult: validateUserPatchResult,
  response: validateUserResponse,
} as const;

/** Everything a caller can observe of a result; the ScimError compared through its JSON. */
function observable(result: ValidationResult<unknown>) {
  return result.ok
    ? { ok: true, value: result.value, warnings: result.warnings }
    : { ok: false, error: result.error.toJSON(), problems: result.problems, warnings: result.warnings };
}

function agree(
  input: unknown,
  context: ValidationOptions['context'],
  options: Omit<ValidationOptions, 'context'> = {},
) {
  const generated = observable(GENERATED[context](input, options));
  const interpreted = observable(validateResource(input, userResourceType, { ...options, context }));
  expect(generated).toEqual(interpreted);
  return generated;
}

describe('generated validators agree with the interpreting validator', () => {
  it.each([
    ['§8.1', MINIMAL_USER],
    ['§8.2', FULL_USER],
    ['§8.3', ENTERPRISE_USER],
  ])('on the RFC 7643 %s example in every context', (_name, resource) => {
    for (const context of ['create', 'replace', 'patchResult', 'response'] as const) agree(resource, context);
  });

  it('on the §8.4 group', () => {
    expect(observable(validateGroupCreateRequest(GROUP))).toEqual(
      observable(validateResource(GROUP, groupResourceType, { context: 'create' })),
    );
    expect(observable(validateGroupResponse(GROUP))).toEqual(
      observable(validateResource(GROUP, groupResourceType, { context: 'response' })),
    );
  });

  it('with every option', () => {
    const resource = {
      ...FULL_USER,
      shoeSize: 1,
      active: 'False',
      [ENTERPRISE]: { department: 'x' },
      [ACME]: { custom_field2: 'platinum', custom_field3: 8 },
    };
    const existing = { ...FULL_USER, [ACME]: { custom_field1: 'a', custom_field3: 7 } };
    for (const context of ['create', 'replace', 'patchResult', 'response'] as const) {
      agree(resource, context, {
        unknownAttributes: 'reject',
        extensionWithoutSchema: 'reject',
        canonicalValues: 'strict',
        booleanStrings: true,
        existing,
      });
      agree(resource, context, {
        canonicalValues: { [ACME]: 'strict' },
        limits: { maxStringLength: 20, maxArrayLength: 1, maxValues: 12 },
      });
    }
  });

  const json = fc.jsonValue({ maxDepth: 3 });
  const anyCase = (name: string) => fc.constantFrom(name, name.toUpperCase(), name.toLowerCase());
  const field = <T>(name: string, value: fc.Arbitrary<T>) => fc.tuple(anyCase(name), fc.oneof(value, json));
  const user = fc
    .tuple(
      fc.array(
        fc.oneof(
          field(
            'schemas',
            fc.subarray(['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, ACME, 'urn:example:other']),
          ),
          field('userName', fc.string()),
          field('id', fc.string()),
          field(
            'name',
            fc.record({ givenName: fc.string(), familyName: fc.string(), middle: fc.string() }, { requiredKeys: [] }),
          ),
          field(
            'emails',
            fc.array(
              fc.record(
                { value: fc.string(), type: fc.constantFrom('work', 'home', 'x'), primary: fc.boolean() },
                { requiredKeys: [] },
              ),
              { maxLength: 3 },
            ),
          ),
          field('active', fc.oneof(fc.boolean(), fc.constantFrom('True', 'false'))),
          field('password', fc.string()),
          field('groups', fc.array(fc.record({ value: fc.string() }))),
          field('x509Certificates', fc.array(fc.record({ value: fc.base64String() }))),
          field('meta', fc.record({ lastModified: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) })),
          field(
            ENTERPRISE,
            fc.record(
              {
                employeeNumber: fc.string(),
                manager: fc.record({ value: fc.string(), displayName: fc.string() }, { requiredKeys: [] }),
              },
              { requiredKeys: [] },
            ),
          ),
          field(
            ACME,
            fc.record(
              {
                custom_field1: fc.string(),
                custom_field2: fc.constantFrom('gold', 'Gold', 'tin'),
                custom_field3: fc.integer(),
                custom_field4: fc.double(),
                custom_field6: fc.string(),
                custom_field8: fc.array(fc.string()),
                custom_field9: fc.record({ value: fc.string(), display: fc.string() }, { requiredKeys: [] }),
              },
              { requiredKeys: [] },
            ),
          ),
          fc.tuple(fc.string({ maxLength: 8 }), json),
        ),
        { maxLength: 12 },
      ),
    )
    .map(([entries]) => Object.fromEntries(entries));
  const options = fc.record(
    {
      unknownAttributes: fc.constantFrom('ignore' as const, 'reject' as const),
      extensionWithoutSchema: fc.constantFrom('accept' as const, 'reject' as const),
      canonicalValues: fc.constantFrom('advisory' as const, 'strict' as const),
      booleanStrings: fc.boolean(),
      profile: fc.constantFrom('rfc' as const, 'entra' as const, 'okta' as const),
      existing: fc.constant({ ...FULL_USER, [ACME]: { custom_field3: 7 } }),
    },
    { requiredKeys: [] },
  );

  it('return a changed resource with "schemas" first, and the input itself when nothing changes', () => {
    const changed = { userName: 'bjensen', id: 'dropped', schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'] };
    const generated = validateUserCreateRequest(changed);
    const interpreted = validateResource(changed, userResourceType, { context: 'create' });
    expect(generated.ok && Object.keys(generated.value)).toEqual(['schemas', 'userName']);
    expect(interpreted.ok && Object.keys(interpreted.value)).toEqual(['schemas', 'userName']);
    const canonical = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'bjensen',
      nickName: 'Babs',
    };
    const fast = validateUserCreateRequest(canonical);
    expect(fast.ok && fast.value).toBe(canonical);
    // Strict canonical values skip the fast path; the full walk also answers with the input itself.
    const walked = validateUserCreateRequest(canonical, { canonicalValues: 'strict' });
    expect(walked.ok && walked.value).toBe(canonical);
    // A replace given the stored resource compares immutables and answers with an equal copy.
    const replaced = validateUserReplaceRequest(canonical, { existing: { ...canonical, id: 'x' } });
    expect(replaced.ok && replaced.value).toEqual(canonical);
    expect(agree({ ...canonical, nickName: 7 }, 'create').ok).toBe(false);
  });

  it('on a property-based stream of random resources, in every context and option', () => {
    fc.assert(
      fc.property(
        fc.oneof(user, json),
        fc.constantFrom('create', 'replace', 'patchResult', 'response') as fc.Arbitrary<ValidationOptions['context']>,
        options,
        (input, context, opts) => {
          agree(input, context, opts);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
