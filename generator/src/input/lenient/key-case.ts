import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { childPointer } from '../json-pointer.js';
import { ATTRIBUTE_KEYS } from '../lint-attribute.js';
import { foldSpelling as fold } from './spellings.js';

/** The keys of attribute definitions and of Schema, ResourceType and ListResponse documents. */
const SCIM_KEYS = [
  ...ATTRIBUTE_KEYS,
  ...['schemas', 'id', 'attributes', 'meta', 'endpoint', 'schema', 'schemaExtensions'],
  ...['Resources', 'totalResults', 'itemsPerPage', 'startIndex'],
];
const BY_FOLDED = new Map(SCIM_KEYS.map((key) => [fold(key), key]));

/**
 * --lenient: a copy of a parsed document whose keys spelled in another case or with separators
 * ("SubAttributes", "multi_valued") are RFC 7643's, each renaming reported. A key whose RFC
 * spelling is present as well is left alone (the RFC one wins, the other is an unknown key).
 */
export function normalizeKeyCase(value: unknown, file: string, pointer: string, diagnostics: Diagnostic[]): unknown {
  if (Array.isArray(value))
    return value.map((item, i) => normalizeKeyCase(item, file, childPointer(pointer, i), diagnostics));
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    const rfc = BY_FOLDED.get(fold(key));
    const renamed =
      rfc !== undefined && rfc !== key && !Object.hasOwn(object, rfc) && !Object.hasOwn(out, rfc) ? rfc : key;
    if (renamed !== key)
      diagnostics.push(
        diagnostic('SCIM213', file, childPointer(pointer, key), `key ${JSON.stringify(key)} read as "${renamed}"`),
      );
    // Values of "name", "id" and the like are data, not keys; only objects and arrays are walked.
    Object.defineProperty(out, renamed, {
      value: normalizeKeyCase(item, file, childPointer(pointer, key), diagnostics),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * A pointer into the normalized document as a pointer into the document as written: each
 * segment that names a renamed key becomes the key the file holds.
 */
export function originalPointer(original: unknown, pointer: string): string {
  if (pointer === '') return pointer;
  let node = original;
  const segments: string[] = [];
  for (const escaped of pointer.slice(1).split('/')) {
    const segment = escaped.replace(/~1/g, '/').replace(/~0/g, '~');
    let key = segment;
    if (typeof node === 'object' && node !== null && !Array.isArray(node) && !Object.hasOwn(node, segment))
      key = Object.keys(node).find((k) => BY_FOLDED.get(fold(k)) === segment) ?? segment;
    segments.push(key);
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return segments.reduce((at, key) => childPointer(at, key), '');
}
