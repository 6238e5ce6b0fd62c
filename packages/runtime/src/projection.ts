import {
  findAttribute,
  findSubAttribute,
  knownSchema,
  type AttributeDescriptor,
  type ResourceTypeDescriptor,
} from './descriptor.js';
import { parseAttrPath } from './filter/parser.js';
import { unchangedByDefault } from './projection-default.js';

/** attributes / excludedAttributes of RFC 7644 §3.4.2.5, as given (comma-separated or already split). */
export interface ProjectionRequest {
  readonly attributes?: string | readonly string[] | undefined;
  readonly excludedAttributes?: string | readonly string[] | undefined;
}

/** Which parts of a resource a request named: per location ("" for core), per attribute, all or some sub-attributes. */
type Selection = Map<string, Map<string, true | Set<string>>>;

function split(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? value.split(',') : value.flatMap((v) => v.split(','));
  return list.map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * Parses names against the descriptor. Names the resource type does not have are ignored, as
 * a client asking for an attribute a server lacks should still get the rest.
 */
function select(descriptor: ResourceTypeDescriptor, names: readonly string[]): Selection {
  const selection: Selection = new Map();
  const add = (location: string, attribute: string, sub: string | undefined) => {
    let attributes = selection.get(location);
    if (attributes === undefined) selection.set(location, (attributes = new Map()));
    const current = attributes.get(attribute);
    if (sub === undefined || current === true) attributes.set(attribute, true);
    else attributes.set(attribute, (current ?? new Set()).add(sub));
  };
  for (const name of names) {
    const whole = knownSchema(descriptor, name);
    if (whole !== undefined) {
      // A bare extension URN names the whole extension.
      if (whole !== descriptor.schema.id) selection.set(whole, new Map([['*', true]]));
      continue;
    }
    let path;
    try {
      path = parseAttrPath(name);
    } catch {
      continue;
    }
    let extension: string | undefined;
    let segments = path.segments;
    if (path.uri !== undefined) {
      extension = knownSchema(descriptor, path.uri) ?? knownSchema(descriptor, `${path.uri}:${segments[0]}`);
      if (extension === undefined) continue;
      if (knownSchema(descriptor, path.uri) === undefined) segments = segments.slice(1);
      if (extension === descriptor.schema.id) extension = undefined;
    }
    const found = findAttribute(descriptor, extension, segments[0] ?? '');
    if (found === undefined) continue;
    const sub = segments[1] === undefined ? undefined : findSubAttribute(found.attribute, segments[1]);
    if (segments[1] !== undefined && sub === undefined) continue;
    add(extension ?? '', found.attribute.name, sub?.name);
  }
  return selection;
}

/**
 * Shapes a resource for a response (RFC 7644 §3.4.2.5 and §3.9, RFC 7643 §2.2 "returned"):
 * "never" is always removed, "always" always kept (id, schemas), "request" only when asked for
 * by name, "default" unless `attributes` leaves it out or `excludedAttributes` names it.
 * The input is not changed. When the projection would change nothing (no attributes asked
 * for or left out, nothing hidden, every name canonical) the input itself is returned, so a
 * caller must not modify the result; otherwise a new object.
 */
export function projectResource(
  resource: Readonly<Record<string, unknown>>,
  descriptor: ResourceTypeDescriptor,
  request: ProjectionRequest = {},
): Record<string, unknown> {
  const include = split(request.attributes);
  const exclude = split(request.excludedAttributes);
  if (include.length === 0 && exclude.length === 0 && unchangedByDefault(resource, descriptor))
    return resource as Record<string, unknown>;
  const included = include.length > 0 ? select(descriptor, include) : undefined;
  const excluded = select(descriptor, exclude);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'schemas') {
      out[key] = value;
      continue;
    }
    const extension = knownSchema(descriptor, key);
    if (extension !== undefined && extension !== descriptor.schema.id) {
      if (value === null || typeof value !== 'object') continue;
      const shaped = shapeObject(
        value as Record<string, unknown>,
        (name) => findAttribute(descriptor, extension, name)?.attribute,
        extension,
        included,
        excluded,
      );
      if (Object.keys(shaped).length > 0) out[extension] = shaped;
      continue;
    }
    const attribute = findAttribute(descriptor, undefined, key)?.attribute;
    if (attribute === undefined) {
      if (included === undefined) out[key] = value;
      continue;
    }
    const shaped = shapeAttribute(attribute, value, decision(attribute, '', included, excluded));
    if (shaped !== undefined) out[attribute.name] = shaped;
  }
  return out;
}

type Decision = { keep: false } | { keep: true; subs: ((sub: AttributeDescriptor) => boolean) | undefined };

function decision(
  attribute: AttributeDescriptor,
  location: string,
  included: Selection | undefined,
  excluded: Selection,
): Decision {
  if (attribute.returned === 'never') return { keep: false };
  if (attribute.returned === 'always') return { keep: true, subs: undefined };
  const wanted = included?.get(location);
  const named = wanted?.get(attribute.name) ?? (wanted?.get('*') === true ? true : undefined);
  if (attribute.returned === 'request' && named === undefined) return { keep: false };
  if (included !== undefined && named === undefined) return { keep: false };
  const dropped =
    excluded.get(location)?.get(attribute.name) ?? (excluded.get(location)?.get('*') === true ? true : undefined);
  if (dropped === true) return { keep: false };
  const subs = (sub: AttributeDescriptor) => {
    if (sub.returned === 'never') return false;
    if (sub.returned === 'always') return true;
    if (named instanceof Set) return named.has(sub.name);
    if (sub.returned === 'request') return false;
    return !(dropped instanceof Set && dropped.has(sub.name));
  };
  return { keep: true, subs };
}

function shapeObject(
  value: Record<string, unknown>,
  lookup: (name: string) => AttributeDescriptor | undefined,
  location: string,
  included: Selection | undefined,
  excluded: Selection,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const attribute = lookup(key);
    if (attribute === undefined) continue;
    const shaped = shapeAttribute(attribute, inner, decision(attribute, location, included, excluded));
    if (shaped !== undefined) out[attribute.name] = shaped;
  }
  return out;
}

function shapeAttribute(attribute: AttributeDescriptor, value: unknown, decided: Decision): unknown {
  if (!decided.keep) return undefined;
  if (attribute.type !== 'complex' || decided.subs === undefined || value === null || typeof value !== 'object')
    return value;
  const keep = decided.subs;
  const shapeOne = (item: unknown): unknown => {
    if (item === null || typeof item !== 'object') return item;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(item as Record<string, unknown>)) {
      const sub = findSubAttribute(attribute, key);
      if (sub !== undefined && keep(sub)) out[sub.name] = inner;
    }
    return out;
  };
  if (Array.isArray(value)) {
    const items = value
      .map(shapeOne)
      .filter((item) => !(item !== null && typeof item === 'object' && Object.keys(item).length === 0));
    return items.length > 0 ? items : undefined;
  }
  const one = shapeOne(value) as Record<string, unknown>;
  return Object.keys(one).length > 0 ? one : undefined;
}
