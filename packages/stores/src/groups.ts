import { groupsAttribute, membersMayBe, type AttributeDescriptor, type ResourceTypeDescriptor } from '@scimgen/runtime';
import { quoted, type TableLayout } from './layout.js';
import type { Dialect } from './sql/dialect.js';

/**
 * A resource type's `groups` (RFC 7643 §4.1.2: readOnly, "the groups to which the user
 * belongs"), computed from the membership tables of the resource types whose members may be
 * this type, never stored with the resource.
 */
export interface GroupsLayout {
  readonly attribute: AttributeDescriptor;
  /** Each group-like resource type: its table and its membership table. */
  readonly sources: readonly { readonly table: string; readonly members: string }[];
}

export function groupsLayout(
  descriptor: ResourceTypeDescriptor,
  types: readonly { readonly descriptor: ResourceTypeDescriptor; readonly layout: TableLayout }[],
): GroupsLayout | undefined {
  const attribute = groupsAttribute(descriptor);
  if (attribute === undefined) return undefined;
  const sources = types
    .filter((t) => t.layout.members !== undefined && membersMayBe(t.descriptor, descriptor.name))
    .map((t) => ({ table: t.layout.table, members: t.layout.members!.table }));
  return sources.length === 0 ? undefined : { attribute, sources };
}

/**
 * The memberships as rows shaped like a membership table's, seen from the member: "resource_id"
 * the member (the user), "value" the group's id, "member" the `groups` value as JSON
 * ({ value, display, type: "direct" }). Filters and the array read them as they read members.
 */
export function groupRows(groups: GroupsLayout, dialect: Dialect): string {
  const selects = groups.sources.map(
    (s) =>
      `SELECT m."value" AS "resource_id", g."id" AS "value", ${dialect.groupValue('g')} AS "member" FROM ${quoted(s.members)} AS m JOIN ${quoted(s.table)} AS g ON g."id" = m."resource_id"`,
  );
  return `(${selects.join(' UNION ALL ')})`;
}
