import { ScimError } from './errors.js';

/** A weak entity tag (RFC 7232 §2.3) from a resource version: `W/"<version>"`. */
export function etagFromVersion(version: string | number): string {
  return `W/${JSON.stringify(String(version))}`;
}

/** The opaque part of an entity tag, without `W/` and quotes, for comparison. */
function opaque(tag: string): string {
  const trimmed = tag.trim().replace(/^W\//, '');
  return trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2 ? trimmed.slice(1, -1) : trimmed;
}

/** Splits an If-Match / If-None-Match header into entity tags; `*` stays `*`. */
export function parseEntityTags(header: string): string[] {
  const tags: string[] = [];
  const pattern = /\s*(\*|(?:W\/)?"[^"]*"|[^,\s]+)\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < header.length && (match = pattern.exec(header)) !== null) tags.push(match[1]!);
  return tags;
}

/**
 * If-Match (RFC 7644 §3.14): throws 412 when the header names no tag matching the current one.
 * SCIM versions are weak ETags, so the comparison is weak: `W/"3"` matches `"3"`. An absent
 * header passes. A missing resource only matches nothing (and `*` needs a resource).
 */
export function checkIfMatch(header: string | undefined, current: string | undefined): void {
  if (header === undefined) return;
  const tags = parseEntityTags(header);
  const ok = current !== undefined && tags.some((t) => t === '*' || opaque(t) === opaque(current));
  if (!ok)
    throw new ScimError(
      412,
      `the resource version ${current === undefined ? 'does not exist' : `is ${current}`}; If-Match asked for ${header}`,
    );
}

/**
 * If-None-Match on a read: true when the client's copy is current, and the answer is
 * 304 Not Modified (RFC 7232 §3.2).
 */
export function isNotModified(header: string | undefined, current: string | undefined): boolean {
  if (header === undefined || current === undefined) return false;
  return parseEntityTags(header).some((t) => t === '*' || opaque(t) === opaque(current));
}
