import type { ResourceTypeDescriptor } from '@scimgen/runtime';
import type { StoredResource } from '@scimgen/server';

/** JSON from a row: SQLite returns text, PostgreSQL's pg parses jsonb already. */
export function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * Puts a resource's attributes in the order RFC 7643 shows them (schemas, id, externalId, the
 * core schema's attributes, extensions, meta last), whatever order the database kept them in:
 * PostgreSQL's jsonb reorders keys, and both stores answer alike.
 */
export function inSchemaOrder(
  descriptor: ResourceTypeDescriptor,
  id: string,
  document: Readonly<Record<string, unknown>>,
  extra: Readonly<Record<string, unknown>>,
  meta: StoredResource['meta'],
): StoredResource {
  const out: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined) out[key] = value;
  };
  put('schemas', document['schemas']);
  out['id'] = id;
  put('externalId', document['externalId']);
  for (const a of descriptor.schema.attributes) put(a.name, extra[a.name] ?? document[a.name]);
  for (const e of descriptor.extensions) put(e.schema.id, document[e.schema.id]);
  for (const key of Object.keys(document)) if (!(key in out) && key !== 'meta') put(key, document[key]);
  out['meta'] = meta;
  return out as StoredResource;
}
