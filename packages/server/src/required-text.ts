import { badRequest, isJsonObject, type AttributeDescriptor, type ResourceTypeDescriptor } from '@scimgen/runtime';

/**
 * Required text is not blank: RFC 7643 §4.1.1 asks every User for a non-empty userName, and an
 * empty or whitespace-only value of any required string attribute (a Group's displayName) says
 * no more than an absent one. Checked on what the validator kept, for POST, PUT and PATCH alike.
 */
export function checkRequiredText(
  resource: Readonly<Record<string, unknown>>,
  descriptor: ResourceTypeDescriptor,
): void {
  checkAttributes(resource, descriptor.schema.attributes, '');
  for (const extension of descriptor.extensions) {
    const data = resource[extension.schema.id];
    if (isJsonObject(data)) checkAttributes(data, extension.schema.attributes, `${extension.schema.id}:`);
  }
}

function checkAttributes(
  holder: Readonly<Record<string, unknown>>,
  attributes: readonly AttributeDescriptor[],
  prefix: string,
): void {
  for (const attribute of attributes) {
    if (!attribute.required || attribute.multiValued || attribute.type !== 'string') continue;
    const value = holder[attribute.name];
    if (typeof value === 'string' && value.trim() === '')
      throw badRequest('invalidValue', `${prefix}${attribute.name} is required and must not be empty or blank`);
  }
}
