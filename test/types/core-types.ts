// Type tests for the committed @scimgen/core package: compiled by test/types.test.ts, where
// every @ts-expect-error must be needed and everything else must compile.
import { expectTypeOf } from 'vitest';
import type {
  EnterpriseUser,
  Group,
  User,
  UserCreateRequest,
  UserPatchValue,
  UserReplaceRequest,
} from '../../packages/core/src/index.js';
import { validateUserCreateRequest, validateUserResponse } from '../../packages/core/src/index.js';
import type { ScimType, ValidationResult } from '../../packages/runtime/src/index.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

// id is readOnly: a create request cannot carry it.
const create: UserCreateRequest = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'bjensen',
  // @ts-expect-error id is not part of a create request
  id: '2819c223',
};

// password is returned "never": it is absent from the response view, present in requests.
declare const user: User;
// @ts-expect-error password is never returned
void user.password;
expectTypeOf<UserCreateRequest['password']>().toEqualTypeOf<string | undefined>();

// userName is a string.
// @ts-expect-error a number is not a userName
const numeric: UserCreateRequest = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 42 };

// Extension attributes live under their URN key, typed by the extension schema.
expectTypeOf<NonNullable<User[typeof ENTERPRISE]>>().toEqualTypeOf<EnterpriseUser>();
expectTypeOf<NonNullable<User[typeof ENTERPRISE]>['employeeNumber']>().toEqualTypeOf<string | undefined>();
const badManager: UserCreateRequest = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'x',
  // @ts-expect-error the enterprise manager is an object, not a bare string
  [ENTERPRISE]: { manager: 'boss' },
};

// Canonical values are suggested, not closed: known literals and any other string both work.
const work: NonNullable<UserCreateRequest['emails']>[number]['type'] = 'work';
const custom: NonNullable<UserCreateRequest['emails']>[number]['type'] = 'vacation';

// schemas only accepts the URNs the resource type can carry.
// @ts-expect-error an unknown schema URN
const wrongSchema: UserCreateRequest = { schemas: ['urn:example:other'], userName: 'x' };

// A response always has id; meta and groups are readOnly, so responses have them and requests do not.
expectTypeOf<User['id']>().toEqualTypeOf<string>();
expectTypeOf<UserReplaceRequest['id']>().toEqualTypeOf<string | undefined>();
const withGroups: UserCreateRequest = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'x',
  // @ts-expect-error groups is readOnly
  groups: [],
};

// A PATCH value may leave out everything, even required attributes, but not carry readOnly ones.
const patch: UserPatchValue = {};
expectTypeOf<UserPatchValue>().not.toHaveProperty('meta');

// Group members carry value, $ref and type; displayName is required on create.
// @ts-expect-error displayName is required
const group: Group = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], id: 'g1' };

export { create, numeric, badManager, work, custom, wrongSchema, withGroups, patch, group };

// Generated validators narrow to the view types.
declare const body: unknown;
const validated = validateUserCreateRequest(body);
if (validated.ok) {
  expectTypeOf(validated.value).toEqualTypeOf<UserCreateRequest>();
} else {
  expectTypeOf(validated.problems[0]!.scimType).toEqualTypeOf<ScimType>();
}
expectTypeOf(validateUserResponse).returns.toEqualTypeOf<ValidationResult<User>>();
