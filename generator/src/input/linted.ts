import type { AttributeType, Mutability, Returned, Uniqueness } from '@scimgen/runtime';

// The characteristic types are the runtime's (descriptors carry them); the lists below are what
// the linter accepts, checked against those types.
export type { AttributeType, Mutability, Returned, Uniqueness };

/** RFC 7643 §2.3 data types, spelled as the RFC spells them. */
export const ATTRIBUTE_TYPES = [
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'binary',
  'reference',
  'complex',
] as const satisfies readonly AttributeType[];

export const MUTABILITIES = [
  'readOnly',
  'readWrite',
  'immutable',
  'writeOnly',
] as const satisfies readonly Mutability[];

export const RETURNED = ['always', 'never', 'default', 'request'] as const satisfies readonly Returned[];

export const UNIQUENESS = ['none', 'server', 'global'] as const satisfies readonly Uniqueness[];

/** An attribute after linting: every characteristic present, spelled canonically. */
export interface LintedAttribute {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly canonicalValues: readonly string[];
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly referenceTypes: readonly string[];
  readonly subAttributes: readonly LintedAttribute[];
  readonly pointer: string;
}

export interface LintedSchema {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly LintedAttribute[];
  readonly file: string;
  readonly pointer: string;
  /**
   * The endpoint of the resource type this schema extends, as ConnId's customAttributesJSON
   * says it ({ id, name, endpoint: "/Users", attributes }): it becomes an optional extension there.
   */
  readonly endpoint?: string;
}

export interface LintedResourceType {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly endpoint: string;
  readonly schema: string;
  readonly schemaExtensions: readonly { readonly schema: string; readonly required: boolean }[];
  readonly file: string;
  readonly pointer: string;
}
