import {
  badRequest,
  parseAttrPath,
  resolvePath,
  type AttrPath,
  type AttributeDescriptor,
  type Filter,
  type ListQuery,
  type LogicalFilter,
  type NotFilter,
  type ResourceTypeDescriptor,
  type ScimType,
} from '@scimgen/runtime';

/**
 * Attributes never returned (`returned: "never"`, a password) cannot be asked about either: a
 * filter, sortBy or `attributes` naming one is refused, so a client that may read cannot learn a
 * password a character at a time (`password sw "a"`) or by its order among others.
 */
export function refuseHiddenInQuery(descriptor: ResourceTypeDescriptor, query: ListQuery): void {
  if (query.filter !== undefined) refuseHiddenInFilter(descriptor, query.filter);
  if (query.sortBy !== undefined) refuseHiddenPath(descriptor, query.sortBy, 'invalidValue', 'sortBy');
  refuseHiddenInAttributes(descriptor, query.attributes);
}

/** The `attributes` parameter of any request. */
export function refuseHiddenInAttributes(descriptor: ResourceTypeDescriptor, attributes: readonly string[]): void {
  for (const name of attributes) {
    let path: AttrPath;
    try {
      path = parseAttrPath(name);
    } catch {
      continue; // A name that is no path asks for nothing; projection ignores it.
    }
    refuseHiddenPath(descriptor, path, 'invalidValue', 'attributes');
  }
}

function refuseHiddenInFilter(descriptor: ResourceTypeDescriptor, filter: Filter): void {
  eachTerm(filter, (term) => {
    if (term.kind !== 'valuePath') {
      refuseHiddenPath(descriptor, term.path, 'invalidFilter', 'a filter');
      return;
    }
    const outer = refuseHiddenPath(descriptor, term.path, 'invalidFilter', 'a filter');
    // Inside `emails[…]` names are the attribute's sub-attributes.
    if (outer !== undefined)
      eachTerm(term.filter, (inner) => {
        const name = inner.path.segments[inner.path.segments.length - 1]?.toLowerCase();
        const sub = outer.subAttributes.find((s) => s.name.toLowerCase() === name);
        if (sub?.returned === 'never') refuse(`${outer.name}.${sub.name}`, 'invalidFilter', 'a filter');
      });
  });
}

/** Every attribute expression of a filter (through and, or and not), value paths as one term. */
function eachTerm(filter: Filter, visit: (term: Exclude<Filter, LogicalFilter | NotFilter>) => void): void {
  switch (filter.kind) {
    case 'and':
    case 'or':
      eachTerm(filter.left, visit);
      eachTerm(filter.right, visit);
      return;
    case 'not':
      eachTerm(filter.filter, visit);
      return;
    default:
      visit(filter);
  }
}

/** The attribute a path names (undefined when it names none: other checks word that error). */
function refuseHiddenPath(
  descriptor: ResourceTypeDescriptor,
  path: AttrPath,
  scimType: ScimType,
  where: string,
): AttributeDescriptor | undefined {
  let resolved;
  try {
    resolved = resolvePath(descriptor, path, scimType);
  } catch {
    return undefined;
  }
  if (resolved.attribute.returned === 'never' || resolved.subAttribute?.returned === 'never')
    refuse(resolved.canonical, scimType, where);
  return resolved.attribute;
}

function refuse(name: string, scimType: ScimType, where: string): never {
  throw badRequest(scimType, `${name} is never returned, so ${where} cannot name it`);
}
