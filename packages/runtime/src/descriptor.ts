/**
 * Schema descriptors: compact constants the generator emits for each resource type, telling the
 * runtime the attributes and their RFC 7643 characteristics. The runtime reads nothing else about
 * a schema, so the same code serves every schema, generated or fetched from a server.
 */
export type AttributeType =
  'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'binary' | 'reference' | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDescriptor {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues: readonly string[];
  readonly referenceTypes: readonly string[];
  readonly subAttributes: readonly AttributeDescriptor[];
}

export interface SchemaDescriptor {
  readonly id: string;
  readonly name: string;
  readonly attributes: readonly AttributeDescriptor[];
}

export interface ResourceTypeDescriptor {
  readonly name: string;
  readonly endpoint: string;
  /** The core schema. */
  readonly schema: SchemaDescriptor;
  readonly extensions: readonly { readonly schema: SchemaDescriptor; readonly required: boolean }[];
  /** id, externalId and meta (RFC 7643 §3.1). */
  readonly commonAttributes: readonly AttributeDescriptor[];
}

/** Where an attribute lives: in the core schema (and common attributes) or under an extension URN. */
export interface AttributeLocation {
  /** The extension schema id, or undefined for core and common attributes. */
  readonly extension: string | undefined;
  readonly attribute: AttributeDescriptor;
}

interface DescriptorIndex {
  readonly core: ReadonlyMap<string, AttributeDescriptor>;
  readonly extensions: ReadonlyMap<
    string,
    { readonly id: string; readonly attributes: ReadonlyMap<string, AttributeDescriptor> }
  >;
  readonly coreId: string;
  readonly exactExtensions: ReadonlySet<string>;
}

/**
 * "schemas" is on every resource but in no schema (RFC 7643 §3); filters may use it
 * (RFC 7644 §3.4.2.2: `schemas eq "urn:…:enterprise:2.0:User"`). URNs compare case-insensitively.
 */
export const SCHEMAS_ATTRIBUTE: AttributeDescriptor = {
  name: 'schemas',
  type: 'reference',
  multiValued: true,
  required: true,
  caseExact: false,
  mutability: 'readOnly',
  returned: 'always',
  uniqueness: 'none',
  canonicalValues: [],
  referenceTypes: ['uri'],
  subAttributes: [],
};

const indexes = new WeakMap<ResourceTypeDescriptor, DescriptorIndex>();
const subIndexes = new WeakMap<AttributeDescriptor, ReadonlyMap<string, AttributeDescriptor>>();

function byLowerName(attributes: readonly AttributeDescriptor[]): Map<string, AttributeDescriptor> {
  return new Map(attributes.map((a) => [a.name.toLowerCase(), a]));
}

function indexOf(descriptor: ResourceTypeDescriptor): DescriptorIndex {
  let index = indexes.get(descriptor);
  if (index === undefined) {
    index = {
      core: byLowerName([SCHEMAS_ATTRIBUTE, ...descriptor.commonAttributes, ...descriptor.schema.attributes]),
      extensions: new Map(
        descriptor.extensions.map((e) => [
          e.schema.id.toLowerCase(),
          { id: e.schema.id, attributes: byLowerName(e.schema.attributes) },
        ]),
      ),
      coreId: descriptor.schema.id.toLowerCase(),
      exactExtensions: new Set(descriptor.extensions.map((e) => e.schema.id)),
    };
    indexes.set(descriptor, index);
  }
  return index;
}

/** Looks up a top-level attribute, case-insensitively; `schemaUrn` may name the core schema or an extension. */
export function findAttribute(
  descriptor: ResourceTypeDescriptor,
  schemaUrn: string | undefined,
  name: string,
): AttributeLocation | undefined {
  const index = indexOf(descriptor);
  const key = name.toLowerCase();
  if (schemaUrn === undefined || schemaUrn.toLowerCase() === index.coreId) {
    const attribute = index.core.get(key);
    return attribute === undefined ? undefined : { extension: undefined, attribute };
  }
  const extension = index.extensions.get(schemaUrn.toLowerCase());
  const attribute = extension?.attributes.get(key);
  return extension === undefined || attribute === undefined ? undefined : { extension: extension.id, attribute };
}

/** Looks up a sub-attribute of a complex attribute, case-insensitively. */
export function findSubAttribute(parent: AttributeDescriptor, name: string): AttributeDescriptor | undefined {
  let index = subIndexes.get(parent);
  if (index === undefined) {
    index = byLowerName(parent.subAttributes);
    subIndexes.set(parent, index);
  }
  return index.get(name.toLowerCase());
}

/**
 * The member list of a resource type (a Group's `members`): a multi-valued complex attribute of
 * the core schema with a `value` sub-attribute. PATCH reports its changes as deltas, stores keep it
 * one row per member, and servers can change it without reading it.
 */
export function memberListAttribute(descriptor: ResourceTypeDescriptor): AttributeDescriptor | undefined {
  const members = descriptor.schema.attributes.find((a) => a.name.toLowerCase() === 'members');
  return members !== undefined &&
    members.multiValued &&
    members.type === 'complex' &&
    findSubAttribute(members, 'value') !== undefined
    ? members
    : undefined;
}

/**
 * A User's `groups` (RFC 7643 §4.1.2): a readOnly, multi-valued, complex attribute of the core
 * schema with a "value", which stores compute from group membership rather than keep.
 */
export function groupsAttribute(descriptor: ResourceTypeDescriptor): AttributeDescriptor | undefined {
  const groups = descriptor.schema.attributes.find((a) => a.name.toLowerCase() === 'groups');
  return groups !== undefined &&
    groups.multiValued &&
    groups.type === 'complex' &&
    groups.mutability === 'readOnly' &&
    findSubAttribute(groups, 'value') !== undefined
    ? groups
    : undefined;
}

/**
 * Whether a resource type's members may be resources of `memberType`: its member list's `$ref`
 * names that type among its referenceTypes, or names none.
 */
export function membersMayBe(groupType: ResourceTypeDescriptor, memberType: string): boolean {
  const members = memberListAttribute(groupType);
  if (members === undefined) return false;
  const types = findSubAttribute(members, '$ref')?.referenceTypes ?? [];
  return types.length === 0 || types.includes(memberType);
}

/** The canonical id of a schema URN this resource type knows (core or extension), or undefined. */
export function knownSchema(descriptor: ResourceTypeDescriptor, urn: string): string | undefined {
  // Most clients spell URNs exactly as the schema does; only other spellings pay for lower-casing.
  if (urn === descriptor.schema.id) return urn;
  const index = indexOf(descriptor);
  if (index.exactExtensions.has(urn)) return urn;
  const lower = urn.toLowerCase();
  if (lower === index.coreId) return descriptor.schema.id;
  return index.extensions.get(lower)?.id;
}
