import {
  findAttribute,
  findSubAttribute,
  knownSchema,
  type AttributeDescriptor,
  type ResourceTypeDescriptor,
} from '../descriptor.js';
import { isObject } from '../json.js';
import { ValidationState, type ValidationOptions, type ValidationResult } from './state.js';

type Json = Record<string, unknown>;

/**
 * Validates a resource against its resource type by interpreting the descriptor, for schemas known
 * only at run time (a client talking to an unknown server). Generated packages carry compiled
 * validators with the same semantics. Returns the resource with canonical attribute names and
 * extension placement, or every problem found, as one 400 ScimError naming each attribute path.
 */
export function validateResource(
  input: unknown,
  descriptor: ResourceTypeDescriptor,
  options: ValidationOptions,
): ValidationResult {
  const s = new ValidationState(descriptor, options);
  if (!isObject(input)) return s.notAnObject(input);
  // "schemas" is settled last, from what the walk found, but leads the result as it should.
  const out: Json = { schemas: undefined };
  let declared: string[] | undefined;
  const present: string[] = [];
  for (const key of Object.keys(input)) {
    const value = input[key];
    if (key.toLowerCase() === 'schemas') {
      declared = s.schemas(value);
      continue;
    }
    const schema = key.toLowerCase().startsWith('urn:') ? knownSchema(descriptor, key) : undefined;
    if (schema !== undefined && schema !== descriptor.schema.id) {
      if (value === null || value === undefined) continue;
      if (!isObject(value)) {
        s.badExtension(schema, value);
        continue;
      }
      out[schema] = object(
        s,
        value,
        (name) => findAttribute(descriptor, schema, name)?.attribute,
        `${schema}:`,
        schema,
      );
      present.push(schema);
      continue;
    }
    const attribute = findAttribute(descriptor, undefined, key)?.attribute;
    if (attribute === undefined) {
      s.unknown(key, key);
      continue;
    }
    const checked = attributeValue(s, attribute, value, attribute.name, descriptor.schema.id);
    if (checked !== undefined) out[attribute.name] = checked;
  }
  required(s, descriptor.schema.attributes, out, '');
  if (s.context === 'response' || s.context === 'patchResult') required(s, descriptor.commonAttributes, out, '');
  for (const extension of descriptor.extensions) {
    const id = extension.schema.id;
    const data = out[id];
    if (isObject(data)) required(s, extension.schema.attributes, data, `${id}:`);
    else if (extension.required) s.requiredExtension(id, extension.schema.name);
  }
  s.immutables(out);
  out['schemas'] = s.agree(declared, present);
  return s.result(out);
}

/** Attributes of an object (an extension, or a complex value): canonical names, unknowns per options. */
function object(
  s: ValidationState,
  value: Json,
  lookup: (name: string) => AttributeDescriptor | undefined,
  prefix: string,
  schemaId: string,
): Json {
  const out: Json = {};
  for (const key of Object.keys(value)) {
    const attribute = lookup(key);
    if (attribute === undefined) {
      s.unknown(`${prefix}${key}`, key);
      continue;
    }
    const checked = attributeValue(s, attribute, value[key], `${prefix}${attribute.name}`, schemaId);
    if (checked !== undefined) out[attribute.name] = checked;
  }
  return out;
}

/** One attribute's value, or undefined when it is dropped (null, readOnly in a request, never in a response). */
function attributeValue(
  s: ValidationState,
  attribute: AttributeDescriptor,
  value: unknown,
  path: string,
  schemaId: string,
): unknown {
  if (value === null || value === undefined) return undefined;
  if (s.request && attribute.mutability === 'readOnly') {
    s.readOnlyIgnored(path);
    return undefined;
  }
  if (s.context === 'response' && (attribute.returned === 'never' || attribute.mutability === 'writeOnly'))
    return undefined;
  if (!s.count()) {
    s.tooManyValues(path);
    return undefined;
  }
  if (!attribute.multiValued) return single(s, attribute, value, path, schemaId);
  const list = s.array(value, path);
  if (list === undefined) return undefined;
  const items: unknown[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const checked = item === null ? undefined : single(s, attribute, item, `${path}[${i}]`, schemaId);
    if (checked !== undefined) items.push(checked);
  }
  if (attribute.type === 'complex') s.onePrimary(items, path);
  return items.length === 0 ? undefined : items;
}

function single(
  s: ValidationState,
  attribute: AttributeDescriptor,
  value: unknown,
  path: string,
  schemaId: string,
): unknown {
  switch (attribute.type) {
    case 'complex': {
      if (!isObject(value)) return s.wrong(path, 'an object', value);
      // Declared without sub-attributes (scimgen --lenient): an open object, kept as it is.
      if (attribute.subAttributes.length === 0) return value;
      const out = object(s, value, (name) => findSubAttribute(attribute, name), `${path}.`, schemaId);
      required(s, attribute.subAttributes, out, `${path}.`);
      return Object.keys(out).length === 0 ? undefined : out;
    }
    case 'boolean':
      return s.boolean(value, path);
    case 'integer':
      return s.integer(value, path);
    case 'decimal':
      return s.decimal(value, path);
    default:
      return s.text(
        value,
        path,
        attribute.type === 'dateTime' || attribute.type === 'binary' ? attribute.type : 'string',
        schemaId,
        attribute.canonicalValues,
        attribute.caseExact,
      );
  }
}

/**
 * Required attributes present. A readOnly one is the server's to supply, so only a response must
 * carry it; a "never" one is never in a response.
 */
function required(s: ValidationState, attributes: readonly AttributeDescriptor[], out: Json, prefix: string): void {
  for (const attribute of attributes) {
    if (!attribute.required || out[attribute.name] !== undefined) continue;
    if (attribute.mutability === 'readOnly' && s.context !== 'response') continue;
    if (s.context === 'response' && attribute.returned === 'never') continue;
    s.missing(`${prefix}${attribute.name}`);
  }
}
