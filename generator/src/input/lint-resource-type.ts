import { diagnostic, repairable, type Diagnostic } from './diagnostics.js';
import { childPointer } from './json-pointer.js';
import { describe, isExtensionKey } from './lint-attribute.js';
import type { LintedResourceType } from './linted.js';

const RESOURCE_TYPE_KEYS = new Set([
  'schemas',
  'id',
  'name',
  'description',
  'endpoint',
  'schema',
  'schemaExtensions',
  'meta',
]);

export function lintResourceType(
  raw: Record<string, unknown>,
  file: string,
  pointer: string,
  diagnostics: Diagnostic[],
  lenient = false,
): LintedResourceType | undefined {
  let failed = false;
  // Under --lenient a resource type that cannot be used is skipped with a warning.
  const problem = (code: 'SCIM301' | 'SCIM303', at: string, message: string, expected: string) => {
    failed = true;
    diagnostics.push(repairable(lenient, code, file, at, message, 'the resource type skipped', expected));
  };
  const fail = (key: string, message: string, expected: string) =>
    problem('SCIM301', childPointer(pointer, key), message, expected);

  const name = raw['name'];
  if (typeof name !== 'string' || name.trim() === '')
    fail('name', `resource type name must be a non-empty string, got ${describe(name)}`, 'a name such as "User"');
  const endpoint = raw['endpoint'];
  if (typeof endpoint !== 'string' || !/^\/[^\s?#]*$/.test(endpoint)) {
    fail(
      'endpoint',
      `resource type endpoint must be a path relative to the base URL, got ${describe(endpoint)}`,
      'a path such as "/Users"',
    );
  }
  const schema = raw['schema'];
  if (typeof schema !== 'string' || schema === '')
    fail('schema', `resource type schema must be a schema URI, got ${describe(schema)}`, 'a schema id');

  const unknown = Object.keys(raw).filter((k) => !RESOURCE_TYPE_KEYS.has(k) && !isExtensionKey(k));
  if (unknown.length > 0) {
    diagnostics.push(
      diagnostic(
        'SCIM204',
        file,
        pointer,
        `unknown key(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')} ignored on resource type`,
      ),
    );
  }

  const extensions: { schema: string; required: boolean }[] = [];
  const rawExtensions = raw['schemaExtensions'];
  if (rawExtensions !== undefined && !Array.isArray(rawExtensions)) {
    fail(
      'schemaExtensions',
      `schemaExtensions must be an array, got ${describe(rawExtensions)}`,
      'an array of { schema, required }',
    );
  } else if (Array.isArray(rawExtensions)) {
    rawExtensions.forEach((entry: unknown, index) => {
      const at = childPointer(childPointer(pointer, 'schemaExtensions'), index);
      if (typeof entry === 'string') {
        // ["urn:…"]: the URN without the object around it.
        const message = `schema extension ${JSON.stringify(entry)} is a string; each is an object { "schema": "…", "required": … }`;
        if (!lenient) return problem('SCIM301', at, message, 'an object { "schema", "required" }');
        diagnostics.push(
          diagnostic(
            'SCIM213',
            file,
            at,
            `${message}; read as { "schema": ${JSON.stringify(entry)}, "required": false }`,
          ),
        );
        entry = { schema: entry, required: false };
      }
      const e = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
      const extSchema = e['schema'];
      let required = e['required'];
      if (typeof extSchema !== 'string' || extSchema === '') {
        problem(
          'SCIM301',
          childPointer(at, 'schema'),
          `schema extension must name a schema URI, got ${describe(extSchema)}`,
          'a schema id',
        );
        return;
      }
      if (typeof required === 'string' && /^(true|false)$/i.test(required)) {
        diagnostics.push(
          diagnostic(
            'SCIM210',
            file,
            childPointer(at, 'required'),
            `required is the string ${JSON.stringify(required)}`,
            'a JSON boolean',
          ),
        );
        required = required.toLowerCase() === 'true';
      }
      if (required === undefined) required = false;
      if (typeof required !== 'boolean') {
        problem(
          'SCIM301',
          childPointer(at, 'required'),
          `required must be a boolean, got ${describe(required)}`,
          'true or false',
        );
        return;
      }
      if (
        extensions.some((x) => x.schema.toLowerCase() === extSchema.toLowerCase()) ||
        extSchema.toLowerCase() === String(schema).toLowerCase()
      ) {
        const message = `schema ${extSchema} is listed twice in this resource type`;
        if (!lenient) problem('SCIM303', childPointer(at, 'schema'), message, 'each schema once');
        else diagnostics.push(diagnostic('SCIM213', file, childPointer(at, 'schema'), `${message}; listed once`));
        return;
      }
      extensions.push({ schema: extSchema, required });
    });
  }

  if (failed) return undefined;
  const rawId = raw['id'];
  return {
    id: typeof rawId === 'string' && rawId !== '' ? rawId : String(name),
    name: String(name),
    description: typeof raw['description'] === 'string' ? raw['description'] : '',
    endpoint: String(endpoint),
    schema: String(schema),
    schemaExtensions: extensions,
    file,
    pointer,
  };
}
