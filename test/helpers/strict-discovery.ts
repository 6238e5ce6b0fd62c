/**
 * The discovery resources as a strict client models them: exactly the attributes RFC 7643 §5–7
 * defines, each of its type, and nothing else (as python scim2-models does with
 * `extra="forbid"`). `violations` lists every way a document departs from its model.
 */
type Shape = 'string' | 'boolean' | 'integer' | 'uri' | readonly [Shape] | { readonly [key: string]: Shape };

const META: Shape = {
  resourceType: 'string',
  created: 'string',
  lastModified: 'string',
  location: 'uri',
  version: 'string',
};

const supported: Shape = { supported: 'boolean' };

export const SERVICE_PROVIDER_CONFIG: Shape = {
  schemas: ['uri'],
  documentationUri: 'uri',
  patch: supported,
  bulk: { supported: 'boolean', maxOperations: 'integer', maxPayloadSize: 'integer' },
  filter: { supported: 'boolean', maxResults: 'integer' },
  changePassword: supported,
  sort: supported,
  etag: supported,
  authenticationSchemes: [
    {
      type: 'string',
      name: 'string',
      description: 'string',
      specUri: 'uri',
      documentationUri: 'uri',
      primary: 'boolean',
    },
  ],
  meta: META,
};

export const RESOURCE_TYPE: Shape = {
  schemas: ['uri'],
  id: 'string',
  name: 'string',
  description: 'string',
  endpoint: 'string',
  schema: 'uri',
  schemaExtensions: [{ schema: 'uri', required: 'boolean' }],
  meta: META,
};

const ATTRIBUTE_FIELDS = {
  name: 'string',
  type: 'string',
  multiValued: 'boolean',
  description: 'string',
  required: 'boolean',
  canonicalValues: ['string'],
  caseExact: 'boolean',
  mutability: 'string',
  returned: 'string',
  uniqueness: 'string',
  referenceTypes: ['string'],
} as const;

/** An attribute with sub-attributes `depth` levels down (RFC 7643 §8.7.2 nests them in Schema itself). */
const attribute = (depth: number): Shape =>
  depth === 0 ? ATTRIBUTE_FIELDS : { ...ATTRIBUTE_FIELDS, subAttributes: [attribute(depth - 1)] };

export const SCHEMA: Shape = {
  schemas: ['uri'],
  id: 'uri',
  name: 'string',
  description: 'string',
  attributes: [attribute(3)],
  meta: META,
};

export function violations(value: unknown, shape: Shape, at = ''): string[] {
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    return value.flatMap((item, i) => violations(item, shape[0] as Shape, `${at}/${i}`));
  }
  if (typeof shape === 'object') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: not an object`];
    return Object.entries(value).flatMap(([key, item]) =>
      Object.hasOwn(shape, key)
        ? violations(item, (shape as Record<string, Shape>)[key]!, `${at}/${key}`)
        : [`${at}/${key}: not an attribute of the model`],
    );
  }
  const fits =
    shape === 'integer'
      ? Number.isInteger(value)
      : shape === 'uri'
        ? typeof value === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(value)
        : typeof value === shape;
  return fits ? [] : [`${at}: not ${shape === 'integer' ? 'an' : 'a'} ${shape}`];
}
