/**
 * RFC 7644 §3.4.2.2 "pr": the attribute has a non-empty value, or, for a complex attribute, a
 * non-empty sub-attribute; for a multi-valued attribute, at least one such value.
 */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  if (typeof value === 'object') {
    for (const key in value) if (isPresent((value as Record<string, unknown>)[key])) return true;
    return false;
  }
  return true;
}
