import {
  findAttribute,
  findSubAttribute,
  knownSchema,
  type AttributeDescriptor,
  type ResourceTypeDescriptor,
} from '../descriptor.js';
import { at } from '../filter/lexer.js';
import { UnknownAttributeError, badRequest, type ScimType } from '../errors.js';
import type { AttrPath } from '../filter/ast.js';

/** An attribute path matched against a descriptor, in canonical case. */
export interface ResolvedPath {
  /** Canonical extension URN, or undefined for core and common attributes. */
  readonly extension: string | undefined;
  readonly attribute: AttributeDescriptor;
  readonly subAttribute: AttributeDescriptor | undefined;
  /** Canonical text: "name.givenName", "urn:…:enterprise:2.0:User:manager.value". */
  readonly canonical: string;
}

/**
 * Resolves a path against a resource type: names case-insensitively, URN prefixes of the core
 * schema or an extension, and the legacy "urn:…:User.attribute" form. `scimType` chooses the
 * error a caller reports (invalidFilter in filters, invalidPath in PATCH and attributes=).
 */
export function resolvePath(descriptor: ResourceTypeDescriptor, path: AttrPath, scimType: ScimType): ResolvedPath {
  const fail = (message: string): never => {
    throw badRequest(scimType, `${message} ${at(path.start)}`);
  };
  const unknown = (message: string): never => {
    throw new UnknownAttributeError(scimType, `${message} ${at(path.start)}`);
  };
  let extension: string | undefined;
  let segments = path.segments;
  if (path.uri !== undefined) {
    const schema = knownSchema(descriptor, path.uri);
    if (schema !== undefined) {
      extension = schema === descriptor.schema.id ? undefined : schema;
    } else {
      // Legacy: "urn:…:2.0:User.employeeNumber" was split at the last colon into "urn:…:2.0" and "User.employeeNumber".
      const joined = knownSchema(descriptor, `${path.uri}:${segments[0]}`);
      if (joined === undefined) unknown(`unknown schema ${JSON.stringify(path.uri)}`);
      extension = joined === descriptor.schema.id ? undefined : joined;
      segments = segments.slice(1);
    }
  }
  if (segments.length === 0 || segments.length > 2)
    fail(`${JSON.stringify(segments.join('.'))} is not an attribute path`);
  const found = findAttribute(descriptor, extension, segments[0]!);
  if (found === undefined) unknown(`unknown attribute ${JSON.stringify(segments.join('.'))}`);
  const attribute = found!.attribute;
  let subAttribute: AttributeDescriptor | undefined;
  if (segments.length === 2) {
    if (attribute.type !== 'complex') fail(`"${attribute.name}" has no sub-attributes`);
    subAttribute = findSubAttribute(attribute, segments[1]!);
    if (subAttribute === undefined) unknown(`unknown attribute ${JSON.stringify(`${attribute.name}.${segments[1]}`)}`);
  }
  const local = subAttribute === undefined ? attribute.name : `${attribute.name}.${subAttribute.name}`;
  return { extension, attribute, subAttribute, canonical: extension === undefined ? local : `${extension}:${local}` };
}

/** Resolves a path inside a value path filter: a sub-attribute of the complex attribute in brackets. */
export function resolveSubPath(parent: AttributeDescriptor, path: AttrPath, scimType: ScimType): AttributeDescriptor {
  const fail = (message: string): never => {
    throw badRequest(scimType, `${message} ${at(path.start)}`);
  };
  if (path.uri !== undefined || path.segments.length !== 1)
    fail(`inside "${parent.name}[…]" only sub-attributes of "${parent.name}" can be used`);
  const sub = findSubAttribute(parent, path.segments[0]!);
  if (sub === undefined) fail(`unknown attribute ${JSON.stringify(`${parent.name}.${path.segments[0]}`)}`);
  return sub!;
}
