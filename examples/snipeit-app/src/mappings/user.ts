import { compactResource, type FieldMapping } from '@scimgen/runtime';
import type { UserCreateRequest } from '../models/index.js';

// Scaffolded by scimgen from the "mappings" of the config, and yours to edit: later runs never
// overwrite this file. User resources and the application's own records, both ways.
// When the schema gains a required attribute, userToScim stops compiling until you map it.

/** The application's User record: the fields the SCIM attributes are kept in. */
export interface UserRecord {
  /** userName */
  username: string;
  /** name.givenName (Snipe-IT requires it) */
  first_name: string;
  /** name.familyName */
  last_name?: string | undefined;
  /** emails[type eq "work"].value */
  email?: string | undefined;
  /** active */
  activated?: number | undefined;
  /** phoneNumbers[type eq "work"].value */
  phone?: string | undefined;
  /** addresses[type eq "work"].streetAddress */
  address?: string | undefined;
  /** addresses[type eq "work"].locality */
  city?: string | undefined;
  /** addresses[type eq "work"].region */
  state?: string | undefined;
  /** addresses[type eq "work"].postalCode */
  zip?: string | undefined;
  /** addresses[type eq "work"].country */
  country?: string | undefined;
  /** title */
  jobtitle?: string | undefined;
  /** preferredLanguage */
  locale?: string | undefined;
  /** externalId */
  scim_externalid?: string | undefined;
  /** urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber */
  employee_num?: string | undefined;
  /** urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department (through the department lookup) */
  department_id?: number | undefined;
}

/** Between SCIM values and the application's own ids; yours to implement over your tables. */
export interface UserLookups {
  department: { toApp(value: string): number | undefined; toScim(id: number): string | undefined };
}

/** The SCIM paths the application keeps, for mapFilter(filter, descriptor, userFields) from @scimgen/runtime. */
export const userFields: readonly FieldMapping[] = [
  { path: 'userName', field: 'username' },
  { path: 'name.givenName', field: 'first_name' },
  { path: 'name.familyName', field: 'last_name' },
  { path: 'emails[type eq "work"].value', field: 'email' },
  { path: 'active', field: 'activated' },
  { path: 'phoneNumbers[type eq "work"].value', field: 'phone' },
  { path: 'addresses[type eq "work"].streetAddress', field: 'address' },
  { path: 'addresses[type eq "work"].locality', field: 'city' },
  { path: 'addresses[type eq "work"].region', field: 'state' },
  { path: 'addresses[type eq "work"].postalCode', field: 'zip' },
  { path: 'addresses[type eq "work"].country', field: 'country' },
  { path: 'title', field: 'jobtitle' },
  { path: 'preferredLanguage', field: 'locale' },
  { path: 'externalId', field: 'scim_externalid' },
  {
    path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
    field: 'employee_num',
  },
  {
    path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
    field: 'department_id',
  },
];

/** A validated SCIM User as the application's record. */
export function userToApp(resource: UserCreateRequest, lookups: UserLookups): UserRecord {
  return {
    username: resource.userName,
    first_name: resource.name.givenName,
    last_name: resource.name?.familyName,
    email: resource.emails?.find((v) => v.type === 'work')?.value,
    activated: resource.active === undefined ? undefined : resource.active ? 1 : 0,
    phone: resource.phoneNumbers?.find((v) => v.type === 'work')?.value,
    address: resource.addresses?.find((v) => v.type === 'work')?.streetAddress,
    city: resource.addresses?.find((v) => v.type === 'work')?.locality,
    state: resource.addresses?.find((v) => v.type === 'work')?.region,
    zip: resource.addresses?.find((v) => v.type === 'work')?.postalCode,
    country: resource.addresses?.find((v) => v.type === 'work')?.country,
    jobtitle: resource.title,
    locale: resource.preferredLanguage,
    scim_externalid: resource.externalId,
    employee_num:
      resource['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']?.employeeNumber,
    department_id:
      resource['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']?.department ===
      undefined
        ? undefined
        : lookups.department.toApp(
            resource['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']?.department,
          ),
  };
}

/** The application's record as a SCIM User, with the attributes it keeps. */
export function userToScim(record: UserRecord, lookups: UserLookups): UserCreateRequest {
  return compactResource<UserCreateRequest>({
    schemas: [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    ],
    userName: record.username,
    name: { givenName: record.first_name, familyName: record.last_name },
    emails: [...(record.email !== undefined ? [{ type: 'work', value: record.email }] : [])],
    active: record.activated === undefined ? undefined : record.activated !== 0,
    phoneNumbers: [...(record.phone !== undefined ? [{ type: 'work', value: record.phone }] : [])],
    addresses: [
      ...(record.address !== undefined ||
      record.city !== undefined ||
      record.state !== undefined ||
      record.zip !== undefined ||
      record.country !== undefined
        ? [
            {
              type: 'work',
              streetAddress: record.address,
              locality: record.city,
              region: record.state,
              postalCode: record.zip,
              country: record.country,
            },
          ]
        : []),
    ],
    title: record.jobtitle,
    preferredLanguage: record.locale,
    externalId: record.scim_externalid,
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
      employeeNumber: record.employee_num,
      department:
        record.department_id === undefined
          ? undefined
          : lookups.department.toScim(record.department_id),
    },
  });
}
