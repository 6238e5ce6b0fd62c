import { foldCase } from '../fold.js';
import type { AttributeDescriptor, ResourceTypeDescriptor } from '../descriptor.js';
import type { AttrPath } from '../filter/ast.js';
import { resolvePath } from '../paths/resolve.js';

type Resource = Readonly<Record<string, unknown>>;
export type SortKey = string | number | boolean | undefined;

/**
 * Reads the value a resource sorts by (RFC 7644 §3.4.2.3): of a multi-valued attribute the
 * primary value, else the first; strings folded when not caseExact; dateTimes as instants.
 */
export function sortKeyReader(descriptor: ResourceTypeDescriptor, sortBy: AttrPath): (resource: Resource) => SortKey {
  const resolved = resolvePath(descriptor, sortBy, 'invalidValue');
  const leaf: AttributeDescriptor = resolved.subAttribute ?? resolved.attribute;
  const pick = (value: unknown): unknown => {
    if (!Array.isArray(value)) return value;
    const primary = value.find(
      (v) => v !== null && typeof v === 'object' && (v as Record<string, unknown>)['primary'] === true,
    );
    return primary ?? value[0];
  };
  const normalize = (value: unknown): SortKey => {
    if (value === null || value === undefined) return undefined;
    if (leaf.type === 'complex' && typeof value === 'object')
      return normalize((value as Record<string, unknown>)['value']);
    if (leaf.type === 'dateTime' && typeof value === 'string') {
      const t = Date.parse(value);
      return Number.isNaN(t) ? undefined : t;
    }
    if (typeof value === 'string') return leaf.caseExact ? value : foldCase(value);
    if (typeof value === 'number' || typeof value === 'boolean') return value;
    return undefined;
  };
  return (resource) => {
    let value: unknown =
      resolved.extension === undefined
        ? resource[resolved.attribute.name]
        : (resource[resolved.extension] as Resource | undefined)?.[resolved.attribute.name];
    value = pick(value);
    if (resolved.subAttribute !== undefined)
      value = value !== null && typeof value === 'object' ? (value as Resource)[resolved.subAttribute.name] : undefined;
    return normalize(pick(value));
  };
}

/** Compares sort keys; resources without a value sort last in ascending order (and first in descending). */
export function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A resource with what it sorts by: its sort key and its id (the tie-breaker, and the cursor position). */
export interface SortEntry<R> {
  readonly r: R;
  readonly k: SortKey;
  readonly id: string;
}

/** The entry of each resource, for sorting and for cursor positions. */
export function sortEntries<R extends Resource>(
  resources: Iterable<R>,
  descriptor: ResourceTypeDescriptor,
  sortBy: AttrPath | undefined,
): SortEntry<R>[] {
  const key = sortBy === undefined ? () => undefined : sortKeyReader(descriptor, sortBy);
  const out: SortEntry<R>[] = [];
  for (const r of resources) out.push({ r, k: key(r), id: String(r['id'] ?? '') });
  return out;
}

/** Orders entries by key in the given direction, ties broken by id so every page boundary is stable. */
export function entryOrder(
  order: 'ascending' | 'descending',
): (a: Pick<SortEntry<unknown>, 'k' | 'id'>, b: Pick<SortEntry<unknown>, 'k' | 'id'>) => number {
  const sign = order === 'descending' ? -1 : 1;
  return (a, b) => sign * compareKeys(a.k, b.k) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Sorts a copy by the attribute, ties broken by id. */
export function sortResources<R extends Resource>(
  resources: readonly R[],
  descriptor: ResourceTypeDescriptor,
  sortBy: AttrPath | undefined,
  order: 'ascending' | 'descending',
): R[] {
  return sortEntries(resources, descriptor, sortBy)
    .sort(entryOrder(order))
    .map((e) => e.r);
}
