import {
  badRequest,
  compileFilter,
  foldCase,
  findSubAttribute,
  resolvePath,
  resolveSubPath,
  type AttrPath,
  type AttributeDescriptor,
  type CompareFilter,
  type Filter,
  type ResolvedPath,
  type ResourceTypeDescriptor,
} from '@scimgen/runtime';
import type { TableLayout } from '../layout.js';
import { quoted } from '../layout.js';
import type { Dialect, JsonRef } from './dialect.js';
import type { Params } from './params.js';
import { MembersRef, MetaRef, TextColumnRef } from './refs.js';
import { groupRows } from '../groups.js';

const ORDERING: Record<string, string> = { gt: '>', ge: '>=', lt: '<', le: '<=' };

/** A comparison of one JSON value, as a NULL-free SQL condition. */
type Test = (ref: JsonRef) => string;

/** A resource row seen by the compiler: the table alias its columns and document are read from. */
export interface RowScope {
  readonly descriptor: ResourceTypeDescriptor;
  readonly layout: TableLayout;
  readonly dialect: Dialect;
  readonly alias: string;
}

/** The SQL reference for a resolved top-level attribute: an indexed column where there is one, else the document. */
export function attributeRef(scope: RowScope, resolved: ResolvedPath): JsonRef {
  const { dialect, layout, alias, descriptor } = scope;
  const column = (name: string, kind: 'text' | 'folded' | 'instant') =>
    new TextColumnRef(`${alias}.${quoted(name)}`, kind, dialect);
  const common = descriptor.commonAttributes.includes(resolved.attribute);
  if (common && resolved.attribute.name === 'id') return column('id', 'text');
  if (common && resolved.attribute.name === 'externalId') return column('external_id', 'text');
  if (common && resolved.attribute.name === 'meta')
    return new MetaRef(
      {
        created: column('created', 'instant'),
        lastModified: column('last_modified', 'instant'),
        version: new TextColumnRef(dialect.versionText(`${alias}."version"`), 'text', dialect),
      },
      dialect,
    );
  const unique = layout.unique.find(
    (u) => u.text && u.attribute === resolved.attribute && u.extension === resolved.extension,
  );
  if (unique !== undefined) return column(unique.column, unique.folded ? 'folded' : 'text');
  if (
    layout.members !== undefined &&
    resolved.extension === undefined &&
    resolved.attribute === layout.members.attribute
  )
    return new MembersRef(quoted(layout.members.table), `${alias}.id`, dialect);
  if (layout.groups !== undefined && resolved.extension === undefined && resolved.attribute === layout.groups.attribute)
    return new MembersRef(groupRows(layout.groups, dialect), `${alias}.id`, dialect);
  const document = dialect.document(alias);
  return resolved.extension === undefined
    ? document.member(resolved.attribute.name)
    : document.member(resolved.extension).member(resolved.attribute.name);
}

/**
 * Compiles a filter into a SQL condition over one row, every value a parameter. The filter is
 * first checked by the runtime's own compiler, so a bad filter is the same 400 either way; the
 * SQL then means exactly what the in-process predicate means (absent values, "ne" as "not eq",
 * multi-valued attributes searched element by element, caseExact, dateTime instants).
 */
export function filterSql(filter: Filter, scope: RowScope, params: Params): string {
  compileFilter(filter, scope.descriptor);
  return new FilterCompiler(scope, params).node(filter, undefined);
}

/**
 * Compiles a filter over one value of a multi-valued complex attribute (a membership row in
 * PATCH's `remove members[type eq "Group"]`).
 */
export function valueFilterSql(
  filter: Filter,
  attribute: AttributeDescriptor,
  element: JsonRef,
  scope: RowScope,
  params: Params,
): string {
  return new FilterCompiler(scope, params).node(filter, { attribute, ref: element });
}

interface Element {
  readonly attribute: AttributeDescriptor;
  readonly ref: JsonRef;
}

class FilterCompiler {
  private aliases = 0;

  constructor(
    private readonly scope: RowScope,
    private readonly params: Params,
  ) {}

  private alias(): string {
    return `e${++this.aliases}`;
  }

  node(filter: Filter, element: Element | undefined): string {
    switch (filter.kind) {
      case 'and':
        return `(${this.node(filter.left, element)} AND ${this.node(filter.right, element)})`;
      case 'or':
        return `(${this.node(filter.left, element)} OR ${this.node(filter.right, element)})`;
      case 'not':
        return `(NOT ${this.node(filter.filter, element)})`;
      case 'present':
      case 'compare': {
        const target = this.target(filter.path, element);
        const test: Test =
          filter.kind === 'present' ? (ref) => ref.present() : this.comparison(filter, target.attribute);
        const expression =
          target.sub === undefined && !target.multiValued && filter.kind === 'compare'
            ? test(target.ref)
            : this.any(target.ref, target.sub, test, filter.kind === 'present');
        return filter.kind === 'compare' && filter.op === 'ne' ? `(NOT ${expression})` : expression;
      }
      case 'valuePath': {
        const resolved = resolvePath(this.scope.descriptor, filter.path, 'invalidFilter');
        const ref = attributeRef(this.scope, resolved);
        const inner = (e: JsonRef) => this.node(filter.filter, { attribute: resolved.attribute, ref: e });
        return `(CASE WHEN ${ref.isArray()} THEN ${this.exists(ref, (e) => `${e.isObject()} AND ${inner(e)}`)} ELSE ${ref.isObject()} AND ${inner(ref)} END)`;
      }
    }
  }

  private exists(ref: JsonRef, condition: (element: JsonRef) => string): string {
    const { from, where, element } = ref.elements(this.alias());
    return `EXISTS (SELECT 1 FROM ${from} WHERE ${where === undefined ? '' : `${where} AND `}${condition(element)})`;
  }

  private target(
    path: AttrPath,
    element: Element | undefined,
  ): { ref: JsonRef; sub: string | undefined; attribute: AttributeDescriptor; multiValued: boolean } {
    if (element !== undefined) {
      const sub = resolveSubPath(element.attribute, path, 'invalidFilter');
      return { ref: element.ref.member(sub.name), sub: undefined, attribute: sub, multiValued: sub.multiValued };
    }
    const resolved = resolvePath(this.scope.descriptor, path, 'invalidFilter');
    const ref = attributeRef(this.scope, resolved);
    if (resolved.subAttribute !== undefined)
      return { ref, sub: resolved.subAttribute.name, attribute: resolved.subAttribute, multiValued: true };
    return { ref, sub: undefined, attribute: resolved.attribute, multiValued: resolved.attribute.multiValued };
  }

  /** True when any value the path reaches passes: arrays searched element by element, as in process. */
  private any(top: JsonRef, sub: string | undefined, test: Test, presence: boolean): string {
    const rest = (a: JsonRef) =>
      presence ? test(a) : `(CASE WHEN ${a.isArray()} THEN ${this.exists(a, test)} ELSE ${test(a)} END)`;
    if (sub === undefined) return rest(top);
    return `(CASE WHEN ${top.isArray()} THEN ${this.exists(top, (e) => `${e.isObject()} AND ${test(e.member(sub))}`)} ELSE ${rest(top.member(sub))} END)`;
  }

  private comparison(filter: CompareFilter, attribute: AttributeDescriptor): Test {
    const { dialect } = this.scope;
    if (attribute.type === 'complex') {
      const value = findSubAttribute(attribute, 'value');
      if (value === undefined) throw badRequest('invalidFilter', `"${attribute.name}" is complex`);
      const inner = this.comparison(filter, value);
      return (ref) => `(${ref.isObject()} AND ${inner(ref.member(value.name))})`;
    }
    const op = filter.op === 'ne' ? 'eq' : filter.op;
    const value = filter.value;
    if (value === null) return (ref) => `(${ref.isNull()})`;
    const truth = (sql: string) => `((${sql}) IS TRUE)`;
    // On an indexed column, "IS TRUE" would hide the index; "AND column IS NOT NULL" is as NULL-free.
    const columnTruth = (ref: JsonRef, sql: string) =>
      ref instanceof TextColumnRef ? `(${sql} AND ${ref.column} IS NOT NULL)` : truth(sql);
    if (attribute.type === 'boolean') return (ref) => `(${ref.isBoolean(value as boolean)})`;
    if (attribute.type === 'integer' || attribute.type === 'decimal') {
      const p = dialect.numberParam(this.params.add(value as number));
      return (ref) => truth(`${ref.number()} ${op === 'eq' ? '=' : ORDERING[op]} ${p}`);
    }
    const text = value as string;
    if (attribute.type === 'dateTime' && (op === 'eq' || op in ORDERING)) {
      const iso = new Date(Date.parse(text)).toISOString();
      const sqlOp = op === 'eq' ? '=' : ORDERING[op]!;
      // A parameter per use: PostgreSQL types each one once, as text here and timestamptz there.
      return (ref) =>
        ref instanceof TextColumnRef && ref.kind === 'instant'
          ? columnTruth(ref, `${dialect.binary(ref.text())} ${sqlOp} ${this.params.add(iso)}`)
          : truth(`${dialect.instant(ref.text())} ${sqlOp} ${dialect.instantParam(this.params.add(iso))}`);
    }
    // What is left here is text (string, reference, binary) or a dateTime compared as text.
    const fold = !attribute.caseExact && attribute.type !== 'binary';
    if (op !== 'eq' && !(op in ORDERING) && text === '') return (ref) => `(${ref.text()} IS NOT NULL)`;
    const p = this.params.add(fold ? foldCase(text) : text);
    return (ref) => {
      const raw = ref.text();
      const subject = fold && !(ref instanceof TextColumnRef && ref.kind === 'folded') ? dialect.fold(raw) : raw;
      switch (op) {
        case 'eq':
          return columnTruth(ref, `${subject} = ${p}`);
        case 'co':
          return truth(dialect.contains(subject, p));
        case 'sw':
          return truth(dialect.startsWith(subject, p));
        case 'ew':
          return truth(dialect.endsWith(subject, p));
        default:
          return columnTruth(ref, `${dialect.binary(subject)} ${ORDERING[op]} ${p}`);
      }
    };
  }
}
