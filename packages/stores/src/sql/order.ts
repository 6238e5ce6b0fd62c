import { badRequest, resolvePath, type AttrPath, type AttributeDescriptor, type SortKey } from '@scimgen/runtime';
import { groupRows } from '../groups.js';
import { quoted } from '../layout.js';
import { attributeRef, type RowScope } from './filter.js';
import type { JsonRef } from './dialect.js';
import type { Params } from './params.js';
import { memberRowRef, TextColumnRef } from './refs.js';

/** How a sort attribute is read in SQL, and how an in-process sort key becomes a parameter for a cursor. */
export interface SortPlan {
  /** The sort key as SQL; NULL where the resource has no value. */
  readonly key: string;
  /** The key never is NULL and never repeats (a required unique column): ORDER BY it alone uses its index. */
  readonly uniqueNotNull: boolean;
  /** The parameter value for a cursor's sort key (in-process keys: dateTimes are milliseconds). */
  toParam(key: SortKey): string | number | null;
  /** The SQL of that parameter (typed where the dialect needs it). */
  param(placeholder: string): string;
}

/** A dateTime sort key (milliseconds) as ISO text; a cursor whose key is no instant is not one we issued. */
function instantParam(key: SortKey): string | null {
  if (key === undefined) return null;
  const date = new Date(typeof key === 'number' ? key : NaN);
  if (Number.isNaN(date.getTime())) throw badRequest('invalidCursor', 'the cursor is not one this server issued');
  return date.toISOString();
}

/**
 * The SQL sort key of an attribute, matching the runtime's sortKeyReader: strings folded unless
 * caseExact, dateTimes as instants, complex attributes by their "value". Undefined for a
 * multi-valued attribute (its primary-or-first value is picked in process).
 */
export function sortPlan(scope: RowScope, sortBy: AttrPath): SortPlan | undefined {
  const resolved = resolvePath(scope.descriptor, sortBy, 'invalidValue');
  const { dialect } = scope;
  const groups = scope.layout.groups;
  if (groups !== undefined && resolved.extension === undefined && resolved.attribute === groups.attribute)
    return groupsSortPlan(
      scope,
      resolved.subAttribute ?? groups.attribute.subAttributes.find((s) => s.name === 'value')!,
    );
  if (resolved.attribute.multiValued) return undefined;
  let ref: JsonRef = attributeRef(scope, resolved);
  let leaf = resolved.subAttribute ?? resolved.attribute;
  if (resolved.subAttribute !== undefined) ref = ref.member(resolved.subAttribute.name);
  if (leaf.multiValued) return undefined;
  if (leaf.type === 'complex') {
    const value = leaf.subAttributes.find((s) => s.name.toLowerCase() === 'value');
    if (value === undefined || value.multiValued) return undefined;
    ref = ref.member(value.name);
    leaf = value;
  }
  if (ref instanceof TextColumnRef) {
    if (ref.kind === 'instant')
      return {
        key: ref.column,
        uniqueNotNull: false,
        toParam: instantParam,
        param: (p) => p,
      };
    const unique = scope.layout.unique.find((u) => `${scope.alias}.${quoted(u.column)}` === ref.column);
    return {
      key: ref.column,
      uniqueNotNull: unique?.required === true,
      toParam: (k) => (typeof k === 'string' ? k : null),
      param: (p) => p,
    };
  }
  switch (leaf.type) {
    case 'boolean':
      return {
        key: `CASE WHEN ${ref.isBoolean(true)} THEN 1 WHEN ${ref.isBoolean(false)} THEN 0 END`,
        uniqueNotNull: false,
        toParam: (k) => (typeof k === 'boolean' ? (k ? 1 : 0) : null),
        param: dialect.numberParam,
      };
    case 'integer':
    case 'decimal':
      return {
        key: ref.number(),
        uniqueNotNull: false,
        toParam: (k) => (typeof k === 'number' ? k : null),
        param: dialect.numberParam,
      };
    case 'dateTime':
      return {
        key: dialect.instant(ref.text()),
        uniqueNotNull: false,
        toParam: instantParam,
        param: dialect.instantParam,
      };
    default: {
      const text = leaf.caseExact || leaf.type === 'binary' ? ref.text() : dialect.fold(ref.text());
      return {
        key: dialect.binary(text),
        uniqueNotNull: false,
        toParam: (k) => (typeof k === 'string' ? k : null),
        param: (p) => p,
      };
    }
  }
}

/**
 * Sorting by `groups.value` or `groups.display`: the first group's value (the groups are in group
 * id order, as the array is read), folded unless caseExact, as the in-process sort reads it.
 */
function groupsSortPlan(scope: RowScope, leaf: AttributeDescriptor): SortPlan {
  const { dialect } = scope;
  const row = memberRowRef(dialect, 'x').member(leaf.name).text();
  const first = `(SELECT ${row} FROM ${groupRows(scope.layout.groups!, dialect)} AS x WHERE x.resource_id = ${scope.alias}."id" ORDER BY x.value LIMIT 1)`;
  return {
    key: dialect.binary(leaf.caseExact ? first : dialect.fold(first)),
    uniqueNotNull: false,
    toParam: (k) => (typeof k === 'string' ? k : null),
    param: (p) => p,
  };
}

/**
 * ORDER BY for a plan (or by id alone): missing values last ascending and first descending, ties
 * by id. `reversed` gives the exact opposite order, for reading a deep page from the far end.
 */
export function orderBy(
  scope: RowScope,
  plan: SortPlan | undefined,
  direction: 'ascending' | 'descending',
  reversed = false,
): string {
  const id = `${scope.alias}."id" ${reversed ? 'DESC' : 'ASC'}`;
  if (plan === undefined) return id;
  const dir = (direction === 'descending') !== reversed ? 'DESC' : 'ASC';
  if (plan.uniqueNotNull) return `${plan.key} ${dir}`;
  return `${plan.key} ${dir}${scope.dialect.nulls(dir)}, ${id}`;
}

/** The rows after a cursor position (key, id), in the order orderBy gives. */
export function afterPosition(
  scope: RowScope,
  plan: SortPlan | undefined,
  direction: 'ascending' | 'descending',
  position: { key: SortKey; id: string },
  params: Params,
): string {
  // Parameters are added only where they are used: PostgreSQL cannot type one that is not.
  const afterId = () => `${scope.alias}."id" > ${params.add(position.id)}`;
  if (plan === undefined) return afterId();
  const value = plan.toParam(position.key);
  const descending = direction === 'descending';
  if (value === null)
    return descending
      ? `((${plan.key} IS NULL AND ${afterId()}) OR ${plan.key} IS NOT NULL)`
      : `(${plan.key} IS NULL AND ${afterId()})`;
  const k = plan.param(params.add(value));
  const beyond = `${plan.key} ${descending ? '<' : '>'} ${k}`;
  if (plan.uniqueNotNull) return beyond;
  return `(${beyond} OR (${plan.key} = ${k} AND ${afterId()})${descending ? '' : ` OR ${plan.key} IS NULL`})`;
}
