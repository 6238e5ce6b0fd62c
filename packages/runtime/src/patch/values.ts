import { findSubAttribute, type AttributeDescriptor } from '../descriptor.js';
import { badRequest } from '../errors.js';
import { isDateTime } from '../datetime.js';
import { describe, isBase64 } from '../json.js';
import type { PatchNormalizations } from './profiles.js';

export interface ValueContext {
  readonly normalizations: PatchNormalizations;
  /** Records a normalization that was applied. */
  readonly normalized: (what: string) => void;
}

function invalid(path: string, expected: string, value: unknown): never {
  throw badRequest('invalidValue', `"${path}" must be ${expected}, got ${describe(value)}`);
}

/**
 * Checks a value against its attribute and returns it in canonical form: sub-attribute names in
 * their canonical case, booleans as booleans. A multi-valued attribute given one value gets it
 * wrapped in an array. Throws 400 invalidValue naming the attribute path.
 */
export function coerceValue(
  attribute: AttributeDescriptor,
  value: unknown,
  path: string,
  context: ValueContext,
): unknown {
  if (attribute.multiValued) {
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => coerceSingle(attribute, item, path, context));
  }
  return coerceSingle(attribute, value, path, context);
}

export function coerceSingle(
  attribute: AttributeDescriptor,
  value: unknown,
  path: string,
  context: ValueContext,
): unknown {
  switch (attribute.type) {
    case 'complex':
      return coerceComplex(attribute, value, path, context);
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (context.normalizations.booleanStrings && typeof value === 'string' && /^(true|false)$/i.test(value)) {
        context.normalized(`"${path}": the string ${JSON.stringify(value)} read as a boolean`);
        return value.toLowerCase() === 'true';
      }
      return invalid(path, 'true or false', value);
    case 'integer':
      return Number.isSafeInteger(value) ? value : invalid(path, 'an integer', value);
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? value : invalid(path, 'a number', value);
    case 'dateTime':
      return typeof value === 'string' && isDateTime(value) ? value : invalid(path, 'an xsd:dateTime string', value);
    case 'binary':
      return typeof value === 'string' && isBase64(value) ? value : invalid(path, 'base64 text', value);
    default:
      return typeof value === 'string' ? value : invalid(path, 'a string', value);
  }
}

function coerceComplex(
  attribute: AttributeDescriptor,
  value: unknown,
  path: string,
  context: ValueContext,
): Record<string, unknown> {
  if (
    typeof value === 'string' &&
    context.normalizations.bareManager &&
    findSubAttribute(attribute, 'value') !== undefined &&
    !attribute.multiValued
  ) {
    context.normalized(`"${path}": the bare string read as { "value": ${JSON.stringify(value)} }`);
    return { value };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return invalid(path, 'an object', value);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const sub = findSubAttribute(attribute, key);
    if (sub === undefined) throw badRequest('invalidValue', `"${path}" has no sub-attribute ${JSON.stringify(key)}`);
    if (inner === null) {
      if (context.normalizations.nullRef) {
        context.normalized(`"${path}.${sub.name}": null dropped`);
        continue;
      }
      return invalid(`${path}.${sub.name}`, `a ${sub.type} value`, inner);
    }
    out[sub.name] = coerceValue(sub, inner, `${path}.${sub.name}`, context);
  }
  return out;
}
