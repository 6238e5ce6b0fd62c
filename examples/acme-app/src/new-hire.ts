import type { User, UserCreateRequest, UserPatchValue } from '@scimgen-examples/acme-models';

const ACME = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** The body an identity provider would POST to /Users for a new hire, checked by the compiler. */
export function newHireRequest(userName: string, costCenter: string): UserCreateRequest {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE, ACME],
    userName,
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    emails: [{ value: userName, type: 'work', primary: true }],
    [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations' },
    [ACME]: { custom_field1: costCenter, custom_field2: 'gold', custom_field3: 4711, custom_field8: ['apollo'] },
  };
}

/** A PATCH value that deactivates a user: every attribute is optional in this view. */
export const deactivate: UserPatchValue = { active: false };

/** Reads an extension attribute from a response, typed under its URN key. */
export function supportTier(user: User): string | undefined {
  return user[ACME]?.custom_field2;
}
