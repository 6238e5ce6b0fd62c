import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ASSETS_ROOT } from '../../render/assets.js';

/** The schemas RFC 7643 defines whose attribute definitions a lenient repair may borrow. */
const RFC_SCHEMA_FILES = ['User.json', 'Group.json', 'EnterpriseUser.json'];

type RawAttribute = Record<string, unknown>;
let bySchema: Map<string, RawAttribute[]> | undefined;

function rfcSchemas(): Map<string, RawAttribute[]> {
  if (bySchema !== undefined) return bySchema;
  bySchema = new Map();
  for (const file of RFC_SCHEMA_FILES) {
    const schema = JSON.parse(readFileSync(path.join(ASSETS_ROOT, 'schemas/core', file), 'utf8')) as {
      id: string;
      attributes: RawAttribute[];
    };
    bySchema.set(schema.id.toLowerCase(), schema.attributes);
  }
  return bySchema;
}

/**
 * RFC 7643's definition of an attribute (`names` from the top level down, as "emails" or
 * "name", "givenName"), when `schemaId` is one of its core schemas and it defines the attribute.
 */
export function rfcAttribute(schemaId: string, names: readonly string[]): RawAttribute | undefined {
  let attributes: RawAttribute[] | undefined = rfcSchemas().get(schemaId.toLowerCase());
  let found: RawAttribute | undefined;
  for (const name of names) {
    found = attributes?.find((a) => String(a['name']).toLowerCase() === name.toLowerCase());
    if (found === undefined) return undefined;
    attributes = found['subAttributes'] as RawAttribute[] | undefined;
  }
  return found;
}
