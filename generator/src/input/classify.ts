import { repairable, type Diagnostic } from './diagnostics.js';
import { childPointer } from './json-pointer.js';
import { describe } from './lint-attribute.js';

export const SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
export const RESOURCE_TYPE_URN = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const LIST_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export interface ClassifiedEntry {
  readonly kind: 'schema' | 'resourceType';
  readonly value: Record<string, unknown>;
  readonly pointer: string;
}

/**
 * Finds the Schema and ResourceType resources in a parsed document: a single resource, an
 * array of them, or a /Schemas or /ResourceTypes ListResponse (as a live server publishes).
 */
export function classifyDocument(
  value: unknown,
  file: string,
  diagnostics: Diagnostic[],
  lenient = false,
): ClassifiedEntry[] {
  const out: ClassifiedEntry[] = [];
  visit(value, '', true);
  return out;

  function visit(node: unknown, pointer: string, top: boolean): void {
    if (Array.isArray(node) && top) {
      node.forEach((item, index) => visit(item, childPointer(pointer, index), false));
      return;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      unrecognized(pointer, `expected a Schema or ResourceType resource, got ${describe(node)}`);
      return;
    }
    const obj = node as Record<string, unknown>;
    const declared = Array.isArray(obj['schemas'])
      ? obj['schemas'].filter((s): s is string => typeof s === 'string')
      : [];
    const says = (urn: string) => declared.some((s) => s.toLowerCase() === urn.toLowerCase());
    if (top && (says(LIST_RESPONSE_URN) || Array.isArray(obj['Resources']))) {
      const resources = obj['Resources'];
      if (!Array.isArray(resources)) {
        unrecognized(childPointer(pointer, 'Resources'), 'ListResponse has no "Resources" array');
        return;
      }
      resources.forEach((item, index) => visit(item, childPointer(childPointer(pointer, 'Resources'), index), false));
      return;
    }
    if (says(SCHEMA_URN) || (!says(RESOURCE_TYPE_URN) && 'attributes' in obj)) {
      out.push({ kind: 'schema', value: obj, pointer });
      return;
    }
    if (says(RESOURCE_TYPE_URN) || ('endpoint' in obj && 'schema' in obj)) {
      out.push({ kind: 'resourceType', value: obj, pointer });
      return;
    }
    unrecognized(
      pointer,
      'object is neither a Schema (no "attributes") nor a ResourceType (no "endpoint" and "schema")',
    );
  }

  function unrecognized(pointer: string, message: string): void {
    diagnostics.push(
      repairable(
        lenient,
        'SCIM004',
        file,
        pointer,
        message,
        'skipped',
        'a Schema resource, a ResourceType resource, an array of them, or a ListResponse',
      ),
    );
  }
}
