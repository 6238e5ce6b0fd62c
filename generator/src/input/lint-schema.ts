import { diagnostic, repairable, type Diagnostic } from './diagnostics.js';
import { SCHEMA_URN } from './classify.js';
import { childPointer } from './json-pointer.js';
import { describe, isExtensionKey, lintAttributes } from './lint-attribute.js';
import type { InputLimits } from './limits.js';
import type { LintedAttribute, LintedSchema } from './linted.js';

// "endpoint": ConnId's customAttributesJSON names the resource type an extension belongs to.
const SCHEMA_KEYS = new Set(['schemas', 'id', 'name', 'description', 'attributes', 'meta', 'endpoint']);
/** An absolute URI: a scheme, a colon, and something after it. */
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

export function lintSchema(
  raw: Record<string, unknown>,
  file: string,
  pointer: string,
  limits: InputLimits,
  diagnostics: Diagnostic[],
  lenient = false,
): LintedSchema | undefined {
  const id = schemaId(raw, lenient);
  if (id === undefined || !ABSOLUTE_URI.test(id)) {
    diagnostics.push(
      repairable(
        lenient && id !== undefined,
        'SCIM101',
        file,
        childPointer(pointer, 'id'),
        `schema id must be a URI, got ${describe(raw['id'])}`,
        `kept as ${JSON.stringify(id)}`,
        'a URN such as "urn:ietf:params:scim:schemas:extension:acme:2.0:User"',
      ),
    );
    if (!lenient || id === undefined) return undefined;
  }
  const unknown = Object.keys(raw).filter((k) => !SCHEMA_KEYS.has(k) && !isExtensionKey(k));
  if (unknown.length > 0) {
    diagnostics.push(
      diagnostic(
        'SCIM204',
        file,
        pointer,
        `unknown key(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')} ignored on schema ${id}`,
      ),
    );
  }
  let name = raw['name'];
  if (typeof name !== 'string' || name.trim() === '') {
    name = id.slice(id.lastIndexOf(':') + 1) || id;
    diagnostics.push(
      diagnostic(
        'SCIM207',
        file,
        pointer,
        `schema ${id} has no name; using "${String(name)}"`,
        'a "name" such as "User"',
      ),
    );
  }
  const description = typeof raw['description'] === 'string' ? raw['description'] : '';

  const count = countAttributes(raw['attributes']);
  if (count > limits.maxAttributesPerSchema) {
    diagnostics.push(
      diagnostic(
        'SCIM112',
        file,
        childPointer(pointer, 'attributes'),
        `schema ${id} has ${count} attributes`,
        `at most ${limits.maxAttributesPerSchema}`,
      ),
    );
    return undefined;
  }
  const before = diagnostics.length;
  const attributes = lintAttributes(raw['attributes'], childPointer(pointer, 'attributes'), {
    file,
    diagnostics,
    depth: 0,
    nestingSanctioned: id === SCHEMA_URN,
    lenient,
    schemaId: id,
  });
  const failed = diagnostics.slice(before).some((d) => d.severity === 'error');
  const endpoint = typeof raw['endpoint'] === 'string' && raw['endpoint'].startsWith('/') ? raw['endpoint'] : undefined;
  return failed
    ? undefined
    : {
        id,
        name: String(name),
        description,
        attributes,
        file,
        pointer,
        ...(endpoint !== undefined ? { endpoint } : {}),
      };
}

/**
 * The schema's id; under --lenient any id without spaces or control characters, or the name
 * when there is no id at all, since every reference to the schema uses what the vendor wrote.
 */
function schemaId(raw: Record<string, unknown>, lenient: boolean): string | undefined {
  const id = raw['id'];
  if (typeof id === 'string' && (!lenient || /^[^\s\u0000-\u001f]+$/.test(id))) return id;
  if (!lenient) return undefined;
  const name = raw['name'];
  return id === undefined && typeof name === 'string' && /^[^\s\u0000-\u001f]+$/.test(name) ? name : undefined;
}

function countAttributes(raw: unknown): number {
  if (!Array.isArray(raw)) return 0;
  let n = 0;
  const stack: unknown[] = [...raw];
  while (stack.length > 0) {
    const item = stack.pop();
    n++;
    if (
      typeof item === 'object' &&
      item !== null &&
      Array.isArray((item as Record<string, unknown>)['subAttributes'])
    ) {
      stack.push(...((item as Record<string, unknown>)['subAttributes'] as unknown[]));
    }
  }
  return n;
}

/** Attribute names RFC 7643 §3.1 defines for every resource, which a schema should not redeclare. */
export const COMMON_ATTRIBUTE_NAMES = ['id', 'externalId', 'meta'] as const;

export function declaredCommonAttributes(schema: LintedSchema): LintedAttribute[] {
  return schema.attributes.filter((a) =>
    (COMMON_ATTRIBUTE_NAMES as readonly string[]).some((c) => c.toLowerCase() === a.name.toLowerCase()),
  );
}
