import type { LintedAttribute } from '../input/linted.js';

const base = {
  multiValued: false,
  required: false,
  canonicalValues: [],
  referenceTypes: [],
  subAttributes: [],
  caseExact: false,
  mutability: 'readOnly',
  returned: 'default',
  uniqueness: 'none',
  pointer: '',
} as const satisfies Partial<LintedAttribute>;

/**
 * The attributes RFC 7643 §3.1 gives every resource, whatever its schemas say. `id` is marked
 * required because every representation a server returns carries it; it is readOnly, so it
 * never appears in a request view.
 */
export const COMMON_ATTRIBUTES: readonly LintedAttribute[] = [
  {
    ...base,
    name: 'id',
    type: 'string',
    description:
      'A unique identifier for a SCIM resource as defined by the service provider. Each representation of the resource MUST include a non-empty "id" value; it is assigned by the service provider and is case exact.',
    required: true,
    caseExact: true,
    returned: 'always',
    uniqueness: 'server',
  },
  {
    ...base,
    name: 'externalId',
    type: 'string',
    description: 'A String that is an identifier for the resource as defined by the provisioning client.',
    caseExact: true,
    mutability: 'readWrite',
  },
  {
    ...base,
    name: 'meta',
    type: 'complex',
    description: 'A complex attribute containing resource metadata.',
    subAttributes: [
      {
        ...base,
        name: 'resourceType',
        type: 'string',
        caseExact: true,
        description: 'The name of the resource type of the resource.',
      },
      {
        ...base,
        name: 'created',
        type: 'dateTime',
        description: 'The "DateTime" that the resource was added to the service provider.',
      },
      {
        ...base,
        name: 'lastModified',
        type: 'dateTime',
        description: 'The most recent DateTime that the details of this resource were updated at the service provider.',
      },
      {
        ...base,
        name: 'location',
        type: 'reference',
        referenceTypes: ['uri'],
        description: 'The URI of the resource being returned.',
      },
      {
        ...base,
        name: 'version',
        type: 'string',
        caseExact: true,
        description: 'The version of the resource being returned, the same value as its ETag.',
      },
    ],
  },
];
