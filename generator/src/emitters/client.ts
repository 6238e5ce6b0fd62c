import type { IrAttribute, IrDocument, IrResourceType } from '../ir/types.js';
import { valueIdentifier } from '../ir/naming.js';
import { inView } from '../ir/views.js';
import { assertIdentifier, commentText, stringLiteral } from '../render/escape.js';
import { GENERATED_HEADER, type FileSpec } from './file-spec.js';

/** Path of the client module below src/, for the package emitter to re-export. */
export const CLIENT_ENTRY = 'client/index';

/** A property of a TypeScript type expression, by name. */
const at = (type: string, name: string) => `${type}[${stringLiteral(name)}]`;
const present = (type: string) => `NonNullable<${type}>`;

interface PathEntry {
  readonly key: string;
  readonly type: string;
}

/**
 * The paths of one attribute, with the type each takes. `filter`: what a filter compares a path
 * with (a multi-valued attribute compares one value; a complex one its "value"). `patch`: what a
 * PATCH writes there (the whole array for a multi-valued attribute).
 */
function attributePaths(
  attribute: IrAttribute,
  prefix: string,
  holder: string,
  purpose: 'filter' | 'patch',
): PathEntry[] {
  const view = purpose === 'filter' ? 'resource' : 'replaceRequest';
  if (!inView(attribute, view)) return [];
  const self = present(at(holder, attribute.name));
  const path = `${prefix}${attribute.name}`;
  const entries: PathEntry[] = [];
  if (attribute.type !== 'complex') {
    entries.push({
      key: stringLiteral(path),
      type: attribute.multiValued && purpose === 'filter' ? `${self}[number]` : self,
    });
    return entries;
  }
  const element = attribute.multiValued ? `${self}[number]` : self;
  const subs = attribute.subAttributes.filter((s) => inView(s, view));
  if (purpose === 'patch') entries.push({ key: stringLiteral(path), type: self });
  else {
    const value = subs.find((s) => s.name === 'value' && !s.multiValued && s.type !== 'complex');
    if (value !== undefined) entries.push({ key: stringLiteral(path), type: present(at(element, value.name)) });
  }
  for (const sub of subs) {
    const subType = present(at(element, sub.name));
    const leaf = sub.multiValued && purpose === 'filter' ? `${subType}[number]` : subType;
    entries.push({ key: stringLiteral(`${path}.${sub.name}`), type: leaf });
    // emails[type eq "work"].value: one value picked by a filter.
    if (attribute.multiValued) entries.push({ key: `[path: \`${path}[\${string}].${sub.name}\`]`, type: leaf });
  }
  return entries;
}

function pathsOf(ir: IrDocument, rt: IrResourceType, purpose: 'filter' | 'patch'): PathEntry[] {
  const resource = assertIdentifier(purpose === 'filter' ? rt.typeNames.resource : rt.typeNames.replaceRequest);
  const byId = new Map(ir.schemas.map((s) => [s.id, s]));
  const entries: PathEntry[] = [];
  if (purpose === 'filter') {
    entries.push({ key: stringLiteral('id'), type: 'string' });
    for (const common of rt.commonAttributes.filter((a) => a.name !== 'id'))
      entries.push(...attributePaths(common, '', resource, purpose));
  } else
    entries.push(
      ...rt.commonAttributes
        .filter((a) => a.name === 'externalId')
        .flatMap((a) => attributePaths(a, '', resource, purpose)),
    );
  for (const attribute of byId.get(rt.schema)!.attributes)
    entries.push(...attributePaths(attribute, '', resource, purpose));
  for (const extension of rt.schemaExtensions) {
    const holder = present(at(resource, extension.schema));
    for (const attribute of byId.get(extension.schema)!.attributes)
      entries.push(...attributePaths(attribute, `${extension.schema}:`, holder, purpose));
  }
  // Index signatures (the value-path patterns) go last, after the named paths.
  return [...entries.filter((e) => !e.key.startsWith('[')), ...entries.filter((e) => e.key.startsWith('['))];
}

/**
 * The client emitter: per resource type the paths a filter and a PATCH may name, with their
 * types (derived from the model types, so they always agree), and `createClient(options)`
 * returning one typed endpoint per resource type on @scimgen/client. A wrong path or a value of
 * the wrong type in `client.users.list({ filter: (f) => f.eq(…) })` does not compile.
 */
export function emitClient(ir: IrDocument): FileSpec[] {
  if (ir.resourceTypes.length === 0) return [];
  const types = new Set<string>();
  const blocks: string[] = [];
  const members: string[] = [];
  for (const rt of ir.resourceTypes) {
    const t = rt.typeNames;
    for (const name of [t.resource, t.createRequest, t.replaceRequest]) types.add(assertIdentifier(name));
    const filterPaths = assertIdentifier(`${rt.identifier}FilterPaths`);
    const patchPaths = assertIdentifier(`${rt.identifier}PatchPaths`);
    const lines = (entries: PathEntry[]) => entries.map((e) => `  ${e.key}: ${e.type};`).join('\n');
    blocks.push(`/** What a filter on ${commentText(rt.name)} may name, and the type each path compares with. */
export interface ${filterPaths} {
${lines(pathsOf(ir, rt, 'filter'))}
}

/** What a PATCH of ${commentText(rt.name)} may write, and the value each path takes. */
export interface ${patchPaths} {
${lines(pathsOf(ir, rt, 'patch'))}
}`);
    const property = assertIdentifier(
      valueIdentifier(
        rt.endpoint
          .replace(/^\/+/, '')
          .replace(/[^A-Za-z0-9]+/g, ' ')
          .trim() || rt.identifier,
      ),
    );
    members.push(
      `    /** ${commentText(rt.name)} at ${commentText(rt.endpoint)}. */\n    ${property}: new TypedResourceClient<${assertIdentifier(t.resource)}, ${assertIdentifier(t.createRequest)}, ${assertIdentifier(t.replaceRequest)}, ${filterPaths}, ${patchPaths}>(\n      scim.resources(${stringLiteral(rt.endpoint)}),\n    ),`,
    );
  }
  return [
    {
      path: `src/${CLIENT_ENTRY}.ts`,
      ownership: 'generated',
      contents: `${GENERATED_HEADER}
import { ScimClient, TypedResourceClient, type TransportOptions } from '@scimgen/client';
import type { ${[...types].sort().join(', ')} } from '../models/index.js';

${blocks.join('\n\n')}

/** A client for a server with these schemas: one typed endpoint per resource type, and the untyped client as \`scim\`. */
export function createClient(options: TransportOptions) {
  const scim = new ScimClient(options);
  return {
    scim,
${members.join('\n')}
  };
}
`,
    },
  ];
}
