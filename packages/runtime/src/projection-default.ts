import type { AttributeDescriptor, ResourceTypeDescriptor } from './descriptor.js';

/** Canonical names of a resource type's attributes: top level (core and common), and per extension URN. */
interface CanonicalNames {
  readonly top: ReadonlyMap<string, AttributeDescriptor>;
  readonly extensions: ReadonlyMap<string, ReadonlyMap<string, AttributeDescriptor>>;
  readonly subs: WeakMap<AttributeDescriptor, ReadonlyMap<string, AttributeDescriptor>>;
}

const cache = new WeakMap<ResourceTypeDescriptor, CanonicalNames>();

function namesOf(descriptor: ResourceTypeDescriptor): CanonicalNames {
  let names = cache.get(descriptor);
  if (names === undefined) {
    const byName = (attributes: readonly AttributeDescriptor[]) => new Map(attributes.map((a) => [a.name, a]));
    names = {
      top: byName([...descriptor.commonAttributes, ...descriptor.schema.attributes]),
      extensions: new Map(descriptor.extensions.map((e) => [e.schema.id, byName(e.schema.attributes)])),
      subs: new WeakMap(),
    };
    cache.set(descriptor, names);
  }
  return names;
}

function shownByDefault(attribute: AttributeDescriptor): boolean {
  return attribute.returned !== 'never' && attribute.returned !== 'request';
}

function subsOf(names: CanonicalNames, attribute: AttributeDescriptor): ReadonlyMap<string, AttributeDescriptor> {
  let subs = names.subs.get(attribute);
  if (subs === undefined) names.subs.set(attribute, (subs = new Map(attribute.subAttributes.map((a) => [a.name, a]))));
  return subs;
}

/** A complex value that default projection keeps exactly: canonical, shown sub-attributes, not empty. */
function complexUnchanged(names: CanonicalNames, attribute: AttributeDescriptor, item: unknown): boolean {
  if (item === null || typeof item !== 'object') return true;
  const subs = subsOf(names, attribute);
  let count = 0;
  for (const key in item) {
    const sub = subs.get(key);
    if (sub === undefined || !shownByDefault(sub)) return false;
    count++;
  }
  return count > 0;
}

function valueUnchanged(names: CanonicalNames, attribute: AttributeDescriptor, value: unknown): boolean {
  if (!shownByDefault(attribute)) return false;
  // "always" values, and anything not complex, are returned as they are.
  if (attribute.type !== 'complex' || attribute.returned === 'always' || value === null || typeof value !== 'object')
    return true;
  if (!Array.isArray(value)) return complexUnchanged(names, attribute, value);
  if (value.length === 0) return false;
  for (const item of value) if (!complexUnchanged(names, attribute, item)) return false;
  return true;
}

/**
 * Whether projecting with neither `attributes` nor `excludedAttributes` would return the
 * resource exactly as it is: every name canonical and shown by default, no empty object or array
 * to drop. Stored resources nearly always are, and then the projection need not copy anything.
 */
export function unchangedByDefault(
  resource: Readonly<Record<string, unknown>>,
  descriptor: ResourceTypeDescriptor,
): boolean {
  const names = namesOf(descriptor);
  for (const key in resource) {
    if (key === 'schemas') continue;
    const value = resource[key];
    const attribute = names.top.get(key);
    if (attribute !== undefined) {
      if (!valueUnchanged(names, attribute, value)) return false;
      continue;
    }
    const extension = names.extensions.get(key);
    if (extension === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    let count = 0;
    for (const name in value) {
      const inner = extension.get(name);
      if (inner === undefined || !valueUnchanged(names, inner, (value as Record<string, unknown>)[name])) return false;
      count++;
    }
    if (count === 0) return false;
  }
  return true;
}
