import type { ResourceTypeServerOptions } from '../emitters/server-options.js';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import { childPointer } from './json-pointer.js';
import type { LintedAttribute, LintedSchema } from './linted.js';
import type { LoadResult } from './load.js';

type Rules = Readonly<Record<string, ResourceTypeServerOptions>>;

/** Where a path lands: the schema, and the names from its top-level attribute down. */
interface Target {
  readonly schema: string;
  readonly names: readonly string[];
}

/**
 * The schemas as this service provider publishes them: the attributes a server target's
 * `resourceTypes.<Name>.required` names made required (with the parent of a sub-attribute), those
 * `ignored` names left out. A path that fits no attribute of the resource type, a rule on a
 * readOnly attribute or on one the schema requires, is a SCIM403 error on the config.
 */
export function applyServerRules(
  load: LoadResult,
  rules: Rules | undefined,
  source: string,
): { load: LoadResult; diagnostics: Diagnostic[] } {
  if (rules === undefined) return { load, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  const required: Target[] = [];
  const ignored: Target[] = [];
  for (const [typeName, options] of Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const pointer = childPointer('/server/resourceTypes', typeName);
    const rt = load.resourceTypes.find((r) => r.name === typeName);
    if (rt === undefined) {
      const names = load.resourceTypes.map((r) => r.name).join(', ');
      diagnostics.push(
        diagnostic('SCIM403', source, pointer, `no resource type ${JSON.stringify(typeName)} in these schemas`, names),
      );
      continue;
    }
    const schemaIds = [rt.schema, ...rt.schemaExtensions.map((e) => e.schema)];
    for (const kind of ['required', 'ignored'] as const)
      (options[kind] ?? []).forEach((path, i) => {
        const at = `${pointer}/${kind}/${i}`;
        const found = resolve(load.schemas, schemaIds, rt.schema, path);
        if (typeof found === 'string') return diagnostics.push(diagnostic('SCIM403', source, at, found));
        const problem = ruleProblem(kind, found.attributes, path);
        if (problem !== undefined) return diagnostics.push(diagnostic('SCIM403', source, at, problem));
        (kind === 'required' ? required : ignored).push(found.target);
      });
    for (const kind of ['allowedValues', 'references'] as const)
      for (const [path, target] of Object.entries(options[kind] ?? {})) {
        const at = childPointer(`${pointer}/${kind}`, path);
        const found = resolve(load.schemas, schemaIds, rt.schema, path);
        if (typeof found === 'string') diagnostics.push(diagnostic('SCIM403', source, at, found));
        else if (kind === 'references' && !load.resourceTypes.some((r) => r.name === target))
          diagnostics.push(
            diagnostic('SCIM403', source, at, `${path} refers to ${JSON.stringify(target)}, no resource type here`),
          );
      }
  }
  if (diagnostics.length > 0) return { load, diagnostics };
  const schemas = load.schemas.map((schema) => ({
    ...schema,
    attributes: overlay(
      schema.attributes,
      required.filter((t) => t.schema === schema.id).map((t) => t.names),
      ignored.filter((t) => t.schema === schema.id).map((t) => t.names),
    ),
  }));
  return { load: { ...load, schemas }, diagnostics };
}

/** The path's attributes from the top down, or why it fits none. */
function resolve(
  schemas: readonly LintedSchema[],
  schemaIds: readonly string[],
  core: string,
  path: string,
): { target: Target; attributes: LintedAttribute[] } | string {
  const lower = path.toLowerCase();
  const extension = schemaIds.find((id) => id !== core && lower.startsWith(`${id.toLowerCase()}:`));
  const schemaId = extension ?? core;
  const names = (extension === undefined ? path : path.slice(extension.length + 1)).split('.');
  const schema = schemas.find((s) => s.id === schemaId);
  if (schema === undefined || names.length > 2 || names.some((n) => n === ''))
    return `${JSON.stringify(path)} is not an attribute path such as "name.givenName" or "<extension URN>:manager"`;
  const attributes: LintedAttribute[] = [];
  let level = schema.attributes;
  for (const name of names) {
    const attribute = level.find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (attribute === undefined)
      return `${JSON.stringify(path)} names no attribute of ${schemaId}${attributes.length > 0 ? ` (${attributes[0]!.name} has ${level.map((a) => a.name).join(', ')})` : ''}`;
    attributes.push(attribute);
    level = attribute.subAttributes;
  }
  return { target: { schema: schemaId, names: attributes.map((a) => a.name) }, attributes };
}

function ruleProblem(kind: 'required' | 'ignored', attributes: LintedAttribute[], path: string): string | undefined {
  const last = attributes[attributes.length - 1]!;
  if (kind === 'required' && last.mutability === 'readOnly')
    return `${path} is readOnly: a client cannot send it, so it cannot be required`;
  if (kind === 'ignored' && last.required) return `${path} is required by the schema, so it cannot be ignored`;
  return undefined;
}

function overlay(
  attributes: readonly LintedAttribute[],
  required: readonly (readonly string[])[],
  ignored: readonly (readonly string[])[],
): readonly LintedAttribute[] {
  if (required.length === 0 && ignored.length === 0) return attributes;
  return attributes
    .filter((a) => !ignored.some((names) => names.length === 1 && names[0] === a.name))
    .map((a) => {
      const below = (list: readonly (readonly string[])[]) =>
        list.filter((names) => names.length > 1 && names[0] === a.name).map((names) => names.slice(1));
      const requiredHere = required.some((names) => names[0] === a.name);
      const subAttributes = overlay(a.subAttributes, below(required), below(ignored));
      return requiredHere || subAttributes !== a.subAttributes
        ? { ...a, required: a.required || requiredHere, subAttributes }
        : a;
    });
}
