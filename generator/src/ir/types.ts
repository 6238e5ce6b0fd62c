import type { AttributeType, Mutability, Returned, Uniqueness } from '../input/linted.js';

export type { AttributeType, Mutability, Returned, Uniqueness };

/** Where a node came from, so later diagnostics can point at the schema text. */
export interface IrSource {
  readonly file: string;
  readonly pointer: string;
}

/** The directions a resource travels in; each gets its own TypeScript shape. */
export const VIEWS = ['resource', 'createRequest', 'replaceRequest', 'patchValue'] as const;
export type ViewName = (typeof VIEWS)[number];

/** Type names of a complex attribute per view; views with the same shape share a name. */
export type ViewTypeNames = Readonly<Record<ViewName, string>>;

export interface IrAttribute {
  readonly kind: 'attribute';
  readonly name: string;
  /** Dotted path from the schema root, e.g. "name.givenName". */
  readonly path: string;
  /** A safe camelCase identifier, unique among its siblings. */
  readonly identifier: string;
  /** For complex attributes, the element type name in each view; otherwise null. */
  readonly typeNames: ViewTypeNames | null;
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
  readonly subAttributes: readonly IrAttribute[];
  /** "common" for id, externalId and meta (RFC 7643 §3.1), added to every resource type. */
  readonly origin: 'schema' | 'common';
  readonly source: IrSource;
}

/**
 * resource: the core schema of a resource type; extension: carried by a resource type under its
 * URN; standalone: a schema with no resource type (ServiceProviderConfig, ResourceType, Schema).
 */
export type SchemaRole = 'resource' | 'extension' | 'standalone';

export interface IrSchema {
  readonly kind: 'schema';
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly roles: readonly SchemaRole[];
  /** Base identifier for the schema's own types (extension and standalone roles). */
  readonly identifier: string;
  /** Names of the schema's own types per view (extension and standalone roles), else null. */
  readonly typeNames: ViewTypeNames | null;
  readonly attributes: readonly IrAttribute[];
  readonly source: IrSource;
}

export interface IrSchemaExtension {
  readonly schema: string;
  readonly required: boolean;
}

export interface IrResourceType {
  readonly kind: 'resourceType';
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly endpoint: string;
  readonly schema: string;
  readonly schemaExtensions: readonly IrSchemaExtension[];
  readonly identifier: string;
  readonly typeNames: ViewTypeNames;
  /** id, externalId and meta, with their RFC 7643 §3.1 characteristics. */
  readonly commonAttributes: readonly IrAttribute[];
  readonly source: IrSource;
}

export interface IrDocument {
  readonly irVersion: 1;
  /** Name of the shared meta type (RFC 7643 §3.1 "meta"). */
  readonly metaTypeName: string;
  /** Sorted by id. */
  readonly schemas: readonly IrSchema[];
  /** Sorted by name. */
  readonly resourceTypes: readonly IrResourceType[];
}
