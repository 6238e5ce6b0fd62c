import { badRequest, isJsonObject, memberListAttribute, type ResourceTypeDescriptor } from '@scimgen/runtime';

/**
 * A patched resource holds no more values in one attribute than a POST may carry: PATCH after
 * PATCH must not grow a user to 80,000 emails that a PUT of the resource as read would then refuse.
 * The member list is exempt: it grows by deltas and is stored one row per member.
 */
export function checkArrayLengths(
  resource: Readonly<Record<string, unknown>>,
  descriptor: ResourceTypeDescriptor,
  maxArrayLength: number,
): void {
  const members = memberListAttribute(descriptor)?.name;
  const extensions = new Set(descriptor.extensions.map((e) => e.schema.id));
  for (const [name, value] of Object.entries(resource)) {
    if (name === members) continue;
    if (Array.isArray(value)) check(name, value, maxArrayLength);
    else if (extensions.has(name) && isJsonObject(value))
      for (const [inner, innerValue] of Object.entries(value))
        if (Array.isArray(innerValue)) check(`${name}:${inner}`, innerValue, maxArrayLength);
  }
}

function check(path: string, values: readonly unknown[], maxArrayLength: number): void {
  if (values.length > maxArrayLength)
    throw badRequest(
      'invalidValue',
      `${path} would have ${values.length} values after this PATCH; at most ${maxArrayLength} are accepted`,
    );
}
