import type { ResourceTypeDescriptor } from '../descriptor.js';
import { badRequest } from '../errors.js';
import type { CompareOp, Filter, FilterValue } from '../filter/ast.js';
import { parsePatchPath } from '../filter/parser.js';
import { printFilter } from '../filter/print.js';
import { resolvePath, resolveSubPath } from '../paths/resolve.js';

/** A SCIM path an application keeps in a field of its own: "userName", 'emails[type eq "work"].value', "urn:…:User:department". */
export interface FieldMapping {
  readonly path: string;
  readonly field: string;
}

/** A filter over an application's fields, for its own query language (SQL, an ORM, an API). */
export type AppFilter =
  | {
      readonly kind: 'compare';
      readonly field: string;
      readonly op: CompareOp;
      readonly value: FilterValue;
      /** Whether text compares case-sensitively (the SCIM attribute's caseExact). */
      readonly caseExact: boolean;
    }
  | { readonly kind: 'present'; readonly field: string }
  | { readonly kind: 'and' | 'or'; readonly left: AppFilter; readonly right: AppFilter }
  | { readonly kind: 'not'; readonly filter: AppFilter }
  | { readonly kind: 'true' };

interface Target {
  /** Canonical attribute (with its extension URN) and sub-attribute names, lower-cased for matching. */
  readonly attribute: string;
  readonly sub: string | undefined;
  /** The value filter of a mapping such as emails[type eq "work"].value, printed. */
  readonly where: string | undefined;
  readonly field: string;
  readonly caseExact: boolean;
}

function targets(descriptor: ResourceTypeDescriptor, mappings: readonly FieldMapping[]): Target[] {
  return mappings.map(({ path, field }) => {
    const parsed = parsePatchPath(path);
    const resolved = resolvePath(descriptor, parsed.path, 'invalidPath');
    const sub =
      parsed.subAttribute !== undefined
        ? resolveSubPath(
            resolved.attribute,
            { ...parsed.path, uri: undefined, segments: [parsed.subAttribute] },
            'invalidPath',
          )
        : resolved.subAttribute;
    const leaf = sub ?? resolved.attribute;
    return {
      attribute: `${resolved.extension ?? ''}:${resolved.attribute.name}`.toLowerCase(),
      sub: sub?.name.toLowerCase(),
      where: parsed.filter === undefined ? undefined : printFilter(parsed.filter).toLowerCase(),
      field,
      caseExact: leaf.caseExact,
    };
  });
}

/**
 * Translates a SCIM filter into one over the application's own fields, through the same
 * mappings its toApp/toScim stubs use, so an application can answer a list from its own table.
 * A field that holds one value of a multi-valued attribute (`emails[type eq "work"].value` →
 * `email`) answers filters on that attribute (`emails.value eq …`, `emails[type eq "work" and
 * value co …]`). Anything not mapped is a 400 invalidFilter naming it.
 */
export function mapFilter(
  filter: Filter,
  descriptor: ResourceTypeDescriptor,
  mappings: readonly FieldMapping[],
): AppFilter {
  const all = targets(descriptor, mappings);
  const unsupported = (what: string): never => {
    throw badRequest('invalidFilter', `filtering on ${what} is not supported here`);
  };
  const find = (attribute: string, sub: string | undefined) =>
    all.find((t) => t.attribute === attribute && t.sub === sub);
  const simplify = (kind: 'and' | 'or', left: AppFilter, right: AppFilter): AppFilter => {
    if (kind === 'and') return left.kind === 'true' ? right : right.kind === 'true' ? left : { kind, left, right };
    return left.kind === 'true' || right.kind === 'true' ? { kind: 'true' } : { kind, left, right };
  };
  const node = (f: Filter, inside: string | undefined): AppFilter => {
    switch (f.kind) {
      case 'and':
      case 'or':
        return simplify(f.kind, node(f.left, inside), node(f.right, inside));
      case 'not': {
        const inner = node(f.filter, inside);
        return inner.kind === 'true' ? unsupported(`"${printFilter(f)}"`) : { kind: 'not', filter: inner };
      }
      case 'valuePath': {
        const resolved = resolvePath(descriptor, f.path, 'invalidFilter');
        return node(f.filter, `${resolved.extension ?? ''}:${resolved.attribute.name}`.toLowerCase());
      }
      case 'present':
      case 'compare': {
        let attribute: string;
        let sub: string | undefined;
        if (inside !== undefined) {
          attribute = inside;
          sub = f.path.segments[f.path.segments.length - 1]!.toLowerCase();
          // The condition a mapping is defined by (type eq "work") holds for the field by construction.
          const text = printFilter(f).toLowerCase();
          if (all.some((t) => t.attribute === inside && t.where === text)) return { kind: 'true' };
        } else {
          const resolved = resolvePath(descriptor, f.path, 'invalidFilter');
          attribute = `${resolved.extension ?? ''}:${resolved.attribute.name}`.toLowerCase();
          sub = resolved.subAttribute?.name.toLowerCase();
        }
        const target = find(attribute, sub);
        if (target === undefined) return unsupported(`"${printFilter(f)}"`);
        return f.kind === 'present'
          ? { kind: 'present', field: target.field }
          : { kind: 'compare', field: target.field, op: f.op, value: f.value, caseExact: target.caseExact };
      }
    }
  };
  const mapped = node(filter, undefined);
  return mapped.kind === 'true' ? unsupported(`"${printFilter(filter)}" alone`) : mapped;
}

/**
 * A resource as built from an application's record: optional attributes may hold undefined
 * (a column that is NULL), required ones may not, so a missing required attribute is still a
 * compile error, with or without exactOptionalPropertyTypes.
 */
export type ResourceDraft<T> = T extends readonly (infer E)[]
  ? ResourceDraft<E>[]
  : T extends object
    ? { [K in keyof T]: undefined extends T[K] ? ResourceDraft<T[K]> | undefined : ResourceDraft<T[K]> }
    : T;

/**
 * A resource built from an application's record without its holes: undefined values, and objects
 * and arrays left empty by them, are dropped, so `name: { givenName: undefined }` is no `name`.
 */
export function compactResource<T>(value: ResourceDraft<T>): T {
  const compact = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const items = v.map(compact).filter((x) => x !== undefined);
      return items.length === 0 ? undefined : items;
    }
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) {
        const c = compact(inner);
        if (c !== undefined) out[k] = c;
      }
      return Object.keys(out).length === 0 ? undefined : out;
    }
    return v;
  };
  return (compact(value) ?? {}) as T;
}
