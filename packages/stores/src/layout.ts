import type { GroupsLayout } from './groups.js';
import { foldCase, memberListAttribute, type AttributeDescriptor, type ResourceTypeDescriptor } from '@scimgen/runtime';

/** A column holding a unique attribute's value, folded to lower case unless the attribute is caseExact. */
export interface UniqueColumn {
  readonly column: string;
  /** Canonical extension URN, or undefined for a core attribute. */
  readonly extension: string | undefined;
  readonly attribute: AttributeDescriptor;
  readonly folded: boolean;
  /** Required attributes are never absent, so the column is NOT NULL and sorts by its index alone. */
  readonly required: boolean;
  /**
   * The column holds the attribute's text as it is (string, reference, binary), so filters and
   * sorting may read it; numbers, booleans and dateTimes keep a canonical key for uniqueness only.
   */
  readonly text: boolean;
}

/** Where one resource type's resources live. */
export interface TableLayout {
  readonly resourceType: string;
  readonly table: string;
  readonly unique: readonly UniqueColumn[];
  /** The multi-valued reference attribute kept one row per value (a Group's members), if any. */
  readonly members: { readonly attribute: AttributeDescriptor; readonly table: string } | undefined;
  /** A User's `groups`, computed from the membership tables (set by the store, which knows them all). */
  readonly groups?: GroupsLayout | undefined;
}

/** A lower-case SQL name made of [a-z0-9_]; identifiers are quoted as well wherever they are used. */
export function sqlName(text: string): string {
  const name = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return name === '' ? 'x' : name.slice(0, 40);
}

/** An identifier quoted for both SQLite and PostgreSQL; sqlName output never contains a quote. */
export function quoted(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a SQL name: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

const TEXT_TYPES = new Set(['string', 'reference', 'binary']);

function uniqueColumns(descriptor: ResourceTypeDescriptor): UniqueColumn[] {
  const candidates: { extension: string | undefined; attribute: AttributeDescriptor }[] = [
    ...descriptor.schema.attributes.map((attribute) => ({ extension: undefined, attribute })),
    ...descriptor.extensions.flatMap((e) =>
      e.schema.attributes.map((attribute) => ({ extension: e.schema.id as string | undefined, attribute })),
    ),
  ];
  const used = new Set<string>();
  return candidates
    .filter(({ attribute: a }) => a.uniqueness !== 'none' && !a.multiValued && a.type !== 'complex')
    .map(({ extension, attribute }) => {
      let column = `u_${sqlName(attribute.name)}`;
      for (let n = 2; used.has(column); n++) column = `u_${sqlName(attribute.name)}_${n}`;
      used.add(column);
      return {
        column,
        extension,
        attribute,
        folded: !attribute.caseExact && (attribute.type === 'string' || attribute.type === 'reference'),
        required: attribute.required && extension === undefined,
        text: TEXT_TYPES.has(attribute.type),
      };
    });
}

/** A namespace (a tenant's tables) must be a SQL name as it is: it is part of every table name. */
function checkedNamespace(namespace: string): string {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(namespace))
    throw new Error(`a store namespace is lower-case letters, digits and _ (got ${JSON.stringify(namespace)})`);
  return namespace;
}

/**
 * The tables of a resource type, derived from its descriptor: `scim_<name>` with the resource
 * document and indexed columns, and `scim_<name>_<members>` when it has members; in a namespace
 * (one tenant's data) `scim_<namespace>_<name>`.
 */
export function tableLayout(descriptor: ResourceTypeDescriptor, namespace?: string): TableLayout {
  const table = `scim_${namespace === undefined ? '' : `${checkedNamespace(namespace)}_`}${sqlName(descriptor.name)}`;
  const members = memberListAttribute(descriptor);
  return {
    resourceType: descriptor.name,
    table,
    unique: uniqueColumns(descriptor),
    members: members === undefined ? undefined : { attribute: members, table: `${table}_${sqlName(members.name)}` },
  };
}

/**
 * The value a unique column keeps for a resource, or null: text (lower-cased unless caseExact),
 * numbers as JavaScript writes them (1.0 and 1 are one value), dateTimes as their UTC instant
 * (an offset does not make a second value), booleans as true/false.
 */
export function uniqueKey(column: UniqueColumn, resource: Readonly<Record<string, unknown>>): string | null {
  const holder =
    column.extension === undefined ? resource : (resource[column.extension] as Record<string, unknown> | undefined);
  const value = holder?.[column.attribute.name];
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  if (column.attribute.type === 'dateTime') {
    const instant = Date.parse(value);
    return Number.isNaN(instant) ? value : new Date(instant).toISOString();
  }
  return column.folded ? foldCase(value) : value;
}
