import {
  parsePatchPath,
  resolvePath,
  resolveSubPath,
  type AttributeDescriptor,
  type Filter,
  type ResourceTypeDescriptor,
} from '@scimgen/runtime';
import { diagnostic, type Diagnostic } from '../input/diagnostics.js';
import { childPointer } from '../input/json-pointer.js';
import type { IrDocument, IrResourceType } from '../ir/types.js';
import { valueIdentifier } from '../ir/naming.js';
import { assertIdentifier, commentText, stringLiteral } from '../render/escape.js';
import { resourceTypeDescriptors } from './descriptors.js';
import { fileStem, type FileSpec } from './file-spec.js';

/** How the application keeps one SCIM path: its field, the field's type, a lookup between values and ids. */
export interface FieldMappingConfig {
  readonly field: string;
  /** The field's type when it differs from the SCIM type (a boolean kept as 0/1 is "number"). */
  readonly type?: 'string' | 'number' | 'boolean';
  /** A lookup the application implements between SCIM values and its own ids (a department by name). */
  readonly lookup?: string;
}

/** Per resource type name: SCIM path → application field. */
export type MappingsConfig = Readonly<Record<string, Readonly<Record<string, string | FieldMappingConfig>>>>;

type AppType = 'string' | 'number' | 'boolean';

/** One mapped path, resolved against the schemas. */
interface Resolved {
  readonly path: string;
  readonly field: string;
  readonly extension: string | undefined;
  readonly attribute: AttributeDescriptor;
  /** For a complex attribute: the sub-attribute kept. */
  readonly sub: AttributeDescriptor | undefined;
  /** For a multi-valued complex attribute: the equalities that pick the one value (type eq "work"). */
  readonly where: readonly (readonly [string, string])[] | undefined;
  readonly scimType: AppType;
  readonly appType: AppType;
  readonly lookup: string | undefined;
}

const SCIM_TO_TS: Record<string, AppType> = {
  string: 'string',
  reference: 'string',
  binary: 'string',
  dateTime: 'string',
  boolean: 'boolean',
  integer: 'number',
  decimal: 'number',
};

/** `type eq "work" and primary eq "x"` as equalities; undefined for anything else. */
function equalities(filter: Filter): [string, string][] | undefined {
  if (filter.kind === 'and') {
    const left = equalities(filter.left);
    const right = equalities(filter.right);
    return left === undefined || right === undefined ? undefined : [...left, ...right];
  }
  if (
    filter.kind === 'compare' &&
    filter.op === 'eq' &&
    typeof filter.value === 'string' &&
    filter.path.segments.length === 1
  )
    return [[filter.path.segments[0]!, filter.value]];
  return undefined;
}

const FIELD = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function resolveMapping(
  descriptor: ResourceTypeDescriptor,
  path: string,
  config: string | FieldMappingConfig,
): Resolved | string {
  const entry = typeof config === 'string' ? { field: config } : config;
  if (!FIELD.test(entry.field)) return `field ${JSON.stringify(entry.field)} is not an identifier`;
  if (entry.lookup !== undefined && !FIELD.test(entry.lookup))
    return `lookup ${JSON.stringify(entry.lookup)} is not an identifier`;
  let parsed;
  let resolved;
  try {
    parsed = parsePatchPath(path);
    resolved = resolvePath(descriptor, parsed.path, 'invalidPath');
  } catch (error) {
    return (error as Error).message;
  }
  const { attribute } = resolved;
  let sub = resolved.subAttribute;
  if (parsed.subAttribute !== undefined) {
    try {
      sub = resolveSubPath(
        attribute,
        { ...parsed.path, uri: undefined, segments: [parsed.subAttribute] },
        'invalidPath',
      );
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (descriptor.commonAttributes.includes(attribute) && attribute.name !== 'externalId')
    return `${attribute.name} is kept by the server, not mapped`;
  let where: [string, string][] | undefined;
  if (parsed.filter !== undefined) {
    if (!attribute.multiValued || attribute.type !== 'complex')
      return `a value filter needs a multi-valued complex attribute, and ${attribute.name} is not one`;
    where = equalities(parsed.filter);
    if (where === undefined) return 'the value filter must be equalities joined by "and" (type eq "work")';
    for (const [name] of where) {
      const s = attribute.subAttributes.find((a) => a.name.toLowerCase() === name.toLowerCase());
      if (s === undefined || s.multiValued)
        return `${attribute.name} has no single-valued sub-attribute ${JSON.stringify(name)}`;
    }
    where = where.map(([name, value]) => [
      attribute.subAttributes.find((a) => a.name.toLowerCase() === name.toLowerCase())!.name,
      value,
    ]);
  } else if (attribute.multiValued)
    return `${attribute.name} is multi-valued: pick one value with a filter, as emails[type eq "work"].value`;
  const leaf = sub ?? attribute;
  if (leaf.type === 'complex') return `${leaf.name} is complex: map one of its sub-attributes`;
  if (leaf.multiValued) return `${leaf.name} is multi-valued and cannot be one field`;
  const scimType = SCIM_TO_TS[leaf.type]!;
  const appType = entry.lookup !== undefined ? (entry.type ?? 'number') : (entry.type ?? scimType);
  if (
    entry.lookup === undefined &&
    appType !== scimType &&
    !(scimType === 'boolean' && appType === 'number') &&
    !(scimType === 'string' && appType === 'number')
  )
    return `a ${leaf.type} cannot be kept as a ${appType}`;
  if (entry.lookup !== undefined && scimType !== 'string') return 'a lookup maps string values';
  return {
    path,
    field: entry.field,
    extension: resolved.extension,
    attribute,
    sub,
    where,
    scimType,
    appType,
    lookup: entry.lookup,
  };
}

const prop = (object: string, name: string) =>
  FIELD.test(name) ? `${object}.${name}` : `${object}[${stringLiteral(name)}]`;
const optionalProp = (object: string, name: string) =>
  FIELD.test(name) ? `${object}?.${name}` : `${object}?.[${stringLiteral(name)}]`;
const key = (name: string) => (FIELD.test(name) ? name : stringLiteral(name));

/** Reads the mapped SCIM value from `resource`. */
function reader(m: Resolved, resource: string): string {
  const at0 = m.extension === undefined ? prop(resource, m.attribute.name) : prop(resource, m.extension);
  let at = m.extension === undefined ? at0 : optionalProp(at0, m.attribute.name);
  if (m.where !== undefined) {
    const test = m.where.map(([name, value]) => `${prop('v', name)} === ${stringLiteral(value)}`).join(' && ');
    at = `${at}?.find((v) => ${test})`;
  }
  return m.sub === undefined ? at : optionalProp(at, m.sub.name);
}

/** SCIM value → field value. */
function toAppValue(m: Resolved, value: string): string {
  if (m.lookup !== undefined) return `${value} === undefined ? undefined : lookups.${m.lookup}.toApp(${value})`;
  if (m.scimType === m.appType) return value;
  if (m.scimType === 'boolean') return `${value} === undefined ? undefined : ${value} ? 1 : 0`;
  return `${value} === undefined ? undefined : Number(${value})`;
}

/** Field value → SCIM value. */
function toScimValue(m: Resolved, value: string): string {
  if (m.lookup !== undefined) return `${value} === undefined ? undefined : lookups.${m.lookup}.toScim(${value})`;
  if (m.scimType === m.appType) return value;
  if (m.scimType === 'boolean') return `${value} === undefined ? undefined : ${value} !== 0`;
  return `${value} === undefined ? undefined : String(${value})`;
}

/** The object literal of toScim: nested by extension, attribute and value filter. */
function scimLiteral(mappings: readonly Resolved[], schemas: readonly string[]): string {
  const groups = new Map<string, Map<string, Resolved[]>>();
  for (const m of mappings) {
    const ext = m.extension ?? '';
    if (!groups.has(ext)) groups.set(ext, new Map());
    const byAttribute = groups.get(ext)!;
    const list = byAttribute.get(m.attribute.name) ?? [];
    list.push(m);
    byAttribute.set(m.attribute.name, list);
  }
  const attributeValue = (list: Resolved[]): string => {
    const first = list[0]!;
    if (first.sub === undefined && first.where === undefined) return toScimValue(first, `record.${first.field}`);
    if (first.where === undefined)
      return `{ ${list.map((m) => `${key(m.sub!.name)}: ${toScimValue(m, `record.${m.field}`)}`).join(', ')} }`;
    // One element per value filter, holding its equalities and the mapped sub-attributes.
    const byWhere = new Map<string, Resolved[]>();
    for (const m of list) {
      const w = JSON.stringify(m.where);
      byWhere.set(w, [...(byWhere.get(w) ?? []), m]);
    }
    const elements = [...byWhere.values()].map((ms) => {
      const fields = ms.map((m) => `${key(m.sub!.name)}: ${toScimValue(m, `record.${m.field}`)}`);
      const present = ms.map((m) => `record.${m.field} !== undefined`).join(' || ');
      const equal = ms[0]!.where!.map(([name, value]) => `${key(name)}: ${stringLiteral(value)}`);
      return `...(${present} ? [{ ${[...equal, ...fields].join(', ')} }] : [])`;
    });
    return `[${elements.join(', ')}]`;
  };
  const parts = [`schemas: [${schemas.map(stringLiteral).join(', ')}]`];
  for (const [ext, byAttribute] of groups) {
    const members = [...byAttribute.entries()].map(([name, list]) => `${key(name)}: ${attributeValue(list)}`);
    if (ext === '') parts.push(...members);
    else parts.push(`${stringLiteral(ext)}: { ${members.join(', ')} }`);
  }
  return `{\n    ${parts.join(',\n    ')},\n  }`;
}

function stub(rt: IrResourceType, descriptor: ResourceTypeDescriptor, mappings: readonly Resolved[]): string {
  const Name = rt.identifier;
  const name = valueIdentifier(rt.identifier);
  const record = assertIdentifier(`${Name}Record`);
  const lookupsType = assertIdentifier(`${Name}Lookups`);
  const createType = assertIdentifier(rt.typeNames.createRequest);
  const lookups = [...new Set(mappings.flatMap((m) => (m.lookup === undefined ? [] : [m.lookup])))];
  // Without lookups the parameter is still there (the signature stays when you add one), unused.
  const lookupsParam = lookups.length === 0 ? '_lookups' : 'lookups';
  const usedExtensions = [...new Set(mappings.flatMap((m) => (m.extension === undefined ? [] : [m.extension])))];
  const requiredPaths = new Set(descriptor.schema.attributes.filter((a) => a.required).map((a) => a.name));
  const fields = mappings.map((m) => {
    const optional = !(
      m.extension === undefined &&
      m.sub === undefined &&
      m.where === undefined &&
      requiredPaths.has(m.attribute.name)
    );
    return `  /** ${commentText(m.path)}${m.lookup !== undefined ? ` (through the ${m.lookup} lookup)` : ''} */\n  ${m.field}${optional ? '?' : ''}: ${m.appType}${optional ? ' | undefined' : ''};`;
  });
  const lookupMembers = lookups.map(
    (l) => `  ${l}: { toApp(value: string): number | undefined; toScim(id: number): string | undefined };`,
  );
  const toApp = mappings.map((m) => `    ${m.field}: ${toAppValue(m, reader(m, 'resource'))},`);
  return `import { compactResource, type FieldMapping } from '@scimgen/runtime';
import type { ${createType} } from '../models/index.js';

// Scaffolded by scimgen from the "mappings" of the config, and yours to edit: later runs never
// overwrite this file. ${commentText(rt.name)} resources and the application's own records, both ways.
// When the schema gains a required attribute, ${name}ToScim stops compiling until you map it.

/** The application's ${commentText(rt.name)} record: the fields the SCIM attributes are kept in. */
export interface ${record} {
${fields.join('\n')}
}

/** Between SCIM values and the application's own ids; yours to implement over your tables. */
export interface ${lookupsType} {
${lookupMembers.join('\n')}
}

/** The SCIM paths the application keeps, for mapFilter(filter, descriptor, ${name}Fields) from @scimgen/runtime. */
export const ${name}Fields: readonly FieldMapping[] = [
${mappings.map((m) => `  { path: ${stringLiteral(m.path)}, field: ${stringLiteral(m.field)} },`).join('\n')}
];

/** A validated SCIM ${commentText(rt.name)} as the application's record. */
export function ${name}ToApp(resource: ${createType}, ${lookupsParam}: ${lookupsType}): ${record} {
  return {
${toApp.join('\n')}
  };
}

/** The application's record as a SCIM ${commentText(rt.name)}, with the attributes it keeps. */
export function ${name}ToScim(record: ${record}, ${lookupsParam}: ${lookupsType}): ${createType} {
  return compactResource<${createType}>(${scimLiteral(mappings, [descriptor.schema.id, ...usedExtensions])});
}
`;
}

export interface MappingsOutcome {
  readonly files: readonly FileSpec[];
  readonly diagnostics: readonly Diagnostic[];
  /** What the CLI prints: the attributes left unmapped, per resource type. */
  readonly notes: readonly string[];
}

/**
 * The mappings emitter: per resource type named in the config, src/mappings/<type>.ts with the
 * application's record type, toApp/toScim functions and the field list for filter translation.
 * A scaffold: written once, then yours. Paths are resolved against the schemas here, so a typo is
 * an error with its JSON pointer, and a required attribute left unmapped a warning.
 */
export function emitMappings(ir: IrDocument, config: MappingsConfig | undefined, source: string): MappingsOutcome {
  if (config === undefined) return { files: [], diagnostics: [], notes: [] };
  const descriptors = resourceTypeDescriptors(ir);
  const files: FileSpec[] = [];
  const diagnostics: Diagnostic[] = [];
  const notes: string[] = [];
  for (const [typeName, paths] of Object.entries(config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const index = ir.resourceTypes.findIndex((rt) => rt.name === typeName);
    const pointer = childPointer('/mappings', typeName);
    if (index < 0) {
      diagnostics.push(
        diagnostic('SCIM401', source, pointer, `no resource type ${JSON.stringify(typeName)} in these schemas`),
      );
      continue;
    }
    const rt = ir.resourceTypes[index]!;
    const descriptor = descriptors[index]!;
    const resolved: Resolved[] = [];
    const fieldsSeen = new Set<string>();
    for (const [path, entry] of Object.entries(paths)) {
      const at = childPointer(pointer, path);
      const result = resolveMapping(descriptor, path, entry);
      if (typeof result === 'string') diagnostics.push(diagnostic('SCIM401', source, at, result));
      else if (fieldsSeen.has(result.field))
        diagnostics.push(diagnostic('SCIM401', source, at, `field ${JSON.stringify(result.field)} is mapped twice`));
      else {
        fieldsSeen.add(result.field);
        resolved.push(result);
      }
    }
    for (const a of descriptor.schema.attributes.filter((a) => a.required))
      if (!resolved.some((m) => m.extension === undefined && m.attribute === a))
        diagnostics.push(
          diagnostic(
            'SCIM402',
            source,
            pointer,
            `${a.name} is required by the schema and not mapped; ${valueIdentifier(rt.identifier)}ToScim will not compile until it is`,
          ),
        );
    const unmapped = [
      ...descriptor.schema.attributes
        .filter(
          (a) => a.mutability !== 'readOnly' && !resolved.some((m) => m.extension === undefined && m.attribute === a),
        )
        .map((a) => a.name),
      ...descriptor.extensions.flatMap((e) =>
        e.schema.attributes
          .filter((a) => !resolved.some((m) => m.extension === e.schema.id && m.attribute === a))
          .map((a) => `${e.schema.id}:${a.name}`),
      ),
    ];
    if (unmapped.length > 0)
      notes.push(`${rt.name}: ${unmapped.length} attribute(s) not mapped: ${unmapped.join(', ')}`);
    files.push({
      path: `src/mappings/${fileStem(rt.identifier)}.ts`,
      ownership: 'scaffold',
      contents: stub(rt, descriptor, resolved),
    });
  }
  return { files, diagnostics, notes };
}
