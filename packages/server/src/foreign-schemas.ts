import { isJsonObject, PATCH_PROFILES, type PatchProfileName } from '@scimgen/runtime';

/**
 * Schema URIs identity providers put in "schemas" that name no schema of any server: Microsoft
 * Entra ID adds its Active Directory group schema to every group it creates.
 */
const FOREIGN_SCHEMA_URIS = new Set(['http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group']);

/**
 * The body with known foreign schema URIs left out of "schemas" (and a note of each), when the
 * profile accepts them; the body as it is otherwise, for validation to refuse.
 */
export function withoutForeignSchemas(body: unknown, profile: PatchProfileName | undefined, notes: string[]): unknown {
  if (
    profile === undefined ||
    !PATCH_PROFILES[profile].foreignSchemas ||
    !isJsonObject(body) ||
    !Array.isArray(body['schemas'])
  )
    return body;
  const schemas = body['schemas'] as unknown[];
  const kept = schemas.filter((s) => !(typeof s === 'string' && FOREIGN_SCHEMA_URIS.has(s)));
  if (kept.length === schemas.length) return body;
  for (const s of schemas)
    if (!kept.includes(s)) notes.push(`"schemas": ${JSON.stringify(s)} names no schema here; left out`);
  return { ...body, schemas: kept };
}
