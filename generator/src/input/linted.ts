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
] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const MUTABILITIES = ['readOnly', 'readWrite', 'immutable', 'writeOnly'] as const;
export type Mutability = (typeof MUTABILITIES)[number];

export const RETURNED = ['always', 'never', 'default', 'request'] as const;
export type Returned = (typeof RETURNED)[number];

export const UNIQUENESS = ['none', 'server', 'global'] as const;
export type Uniqueness = (typeof UNIQUENESS)[number];

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
