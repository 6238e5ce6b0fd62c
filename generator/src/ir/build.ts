import type { LoadResult } from '../input/load.js';
import { COMMON_ATTRIBUTE_NAMES } from '../input/lint-schema.js';
import type { LintedAttribute, LintedSchema } from '../input/linted.js';
import { COMMON_ATTRIBUTES } from './common-attributes.js';
import { deepFreeze } from './freeze.js';
import { NameScope, pascalFragment, singular, typeName, valueIdentifier } from './naming.js';
import {
  VIEWS,
  type IrAttribute,
  type IrDocument,
  type IrResourceType,
  type IrSchema,
  type SchemaRole,
  type ViewName,
  type ViewTypeNames,
} from './types.js';
import { inView, viewSignature } from './views.js';

const VIEW_SUFFIX: Record<ViewName, string> = {
  resource: '',
  createRequest: 'CreateRequest',
  replaceRequest: 'ReplaceRequest',
  patchValue: 'PatchValue',
};

/**
 * Builds the frozen intermediate representation from linted input. The one naming pass lives
 * here: names are claimed in a fixed order (meta, resource types by name, schemas by id, then
 * attributes in source order), so the same input always yields the same names.
 */
export function buildIr(load: Pick<LoadResult, 'schemas' | 'resourceTypes'>): IrDocument {
  const scope = new NameScope();
  const metaTypeName = scope.claim('ResourceMeta');

  const rolesOf = (schema: LintedSchema): SchemaRole[] => {
    const id = schema.id.toLowerCase();
    const roles: SchemaRole[] = [];
    if (load.resourceTypes.some((rt) => rt.schema.toLowerCase() === id)) roles.push('resource');
    const usedAsExtension = load.resourceTypes.some((rt) =>
      rt.schemaExtensions.some((e) => e.schema.toLowerCase() === id),
    );
    if (usedAsExtension || (roles.length === 0 && /:extension:/i.test(schema.id))) roles.push('extension');
    if (roles.length === 0) roles.push('standalone');
    return roles;
  };

  const resourceTypes: IrResourceType[] = load.resourceTypes.map((rt) => {
    const typeNames = claimViewNames(scope, typeName(rt.name, 'Resource'), () => false);
    // The claimed name, unique in the package, also names the resource type's module.
    const identifier = typeNames.resource;
    return {
      kind: 'resourceType',
      id: rt.id,
      name: rt.name,
      description: rt.description,
      endpoint: rt.endpoint,
      schema: canonicalSchemaId(load.schemas, rt.schema),
      schemaExtensions: rt.schemaExtensions.map((e) => ({
        schema: canonicalSchemaId(load.schemas, e.schema),
        required: e.required,
      })),
      identifier,
      typeNames,
      commonAttributes: COMMON_ATTRIBUTES.map((a) =>
        toIr(a, '', rt.file, 'common', { scope, prefix: identifier, fixedComplexName: metaTypeName }, new NameScope()),
      ),
      source: { file: rt.file, pointer: rt.pointer },
    };
  });

  // Schema identifiers name modules and prefix element types, so they are unique among schemas.
  const schemaScope = new NameScope();
  const schemas: IrSchema[] = load.schemas.map((schema) => {
    const roles = rolesOf(schema);
    const identifier = schemaScope.claim(schemaIdentifier(schema));
    const ownTypes = roles.includes('extension') || roles.includes('standalone');
    // A schema only a server publishes (ServiceProviderConfig, ResourceType, Schema) is never sent by a client.
    const readOnlyDocument =
      !roles.includes('extension') && schema.attributes.every((a) => a.mutability === 'readOnly');
    const typeNames = ownTypes
      ? claimViewNames(
          scope,
          identifier,
          () => false,
          (view) => view === 'resource' || !readOnlyDocument,
        )
      : null;
    const attributes = roles.includes('resource')
      ? schema.attributes.filter(
          (a) => !(COMMON_ATTRIBUTE_NAMES as readonly string[]).some((c) => c.toLowerCase() === a.name.toLowerCase()),
        )
      : schema.attributes;
    const siblings = new NameScope();
    return {
      kind: 'schema',
      id: schema.id,
      name: schema.name,
      description: schema.description,
      roles,
      identifier,
      typeNames,
      attributes: attributes.map((a) => toIr(a, '', schema.file, 'schema', { scope, prefix: identifier }, siblings)),
      source: { file: schema.file, pointer: schema.pointer },
    };
  });

  return deepFreeze({ irVersion: 1, metaTypeName, schemas, resourceTypes });
}

interface Naming {
  /** The global scope every type name is claimed in. */
  readonly scope: NameScope;
  /** Prefix for element type names: the schema's or the parent complex type's name. */
  readonly prefix: string;
  /** For the common "meta" attribute, whose one shared type name is claimed up front. */
  readonly fixedComplexName?: string;
}

function toIr(
  attribute: LintedAttribute,
  parentPath: string,
  file: string,
  origin: IrAttribute['origin'],
  naming: Naming,
  siblings: NameScope,
): IrAttribute {
  const path = parentPath === '' ? attribute.name : `${parentPath}.${attribute.name}`;
  let typeNames: ViewTypeNames | null = null;
  if (attribute.type === 'complex') {
    typeNames =
      naming.fixedComplexName !== undefined
        ? uniformNames(naming.fixedComplexName)
        : complexNames(naming.scope, naming.prefix, attribute);
  }
  const children = new NameScope();
  const childNaming: Naming = { ...naming, prefix: typeNames?.resource ?? naming.prefix };
  return {
    kind: 'attribute',
    name: attribute.name,
    path,
    identifier: siblings.claim(valueIdentifier(attribute.name)),
    typeNames,
    type: attribute.type,
    multiValued: attribute.multiValued,
    description: attribute.description,
    required: attribute.required,
    canonicalValues: attribute.canonicalValues,
    caseExact: attribute.caseExact,
    mutability: attribute.mutability,
    returned: attribute.returned,
    uniqueness: attribute.uniqueness,
    referenceTypes: attribute.referenceTypes,
    subAttributes: attribute.subAttributes.map((sub) => toIr(sub, path, file, origin, childNaming, children)),
    origin,
    source: { file: origin === 'common' ? '' : file, pointer: attribute.pointer },
  };
}

function complexNames(scope: NameScope, prefix: string, attribute: LintedAttribute): ViewTypeNames {
  const fragment = pascalFragment(attribute.multiValued ? singular(attribute.name) : attribute.name) || 'Value';
  return claimViewNames(
    scope,
    typeName(`${prefix}${fragment}`),
    (view, earlier) => viewSignature(attribute, view) === viewSignature(attribute, earlier),
    (view) => inView(attribute, view),
  );
}

function uniformNames(name: string): ViewTypeNames {
  return { resource: name, createRequest: name, replaceRequest: name, patchValue: name };
}

/**
 * Claims one name per view. A view whose shape equals an earlier view's reuses that name; a view
 * the attribute does not appear in borrows the resource name (it is never emitted).
 */
function claimViewNames(
  scope: NameScope,
  base: string,
  sameShape: (view: ViewName, earlier: ViewName) => boolean,
  present: (view: ViewName) => boolean = () => true,
): ViewTypeNames {
  const names = {} as Record<ViewName, string>;
  const resourceName = scope.claim(base);
  const stem = resourceName; // keeps "User2CreateRequest" next to "User2"
  names.resource = resourceName;
  for (const view of VIEWS) {
    if (view === 'resource') continue;
    if (!present(view)) {
      names[view] = resourceName;
      continue;
    }
    const earlier = VIEWS.slice(0, VIEWS.indexOf(view)).find(
      (e) => (e === 'resource' || present(e)) && sameShape(view, e),
    );
    names[view] = earlier !== undefined ? names[earlier] : scope.claim(`${stem}${VIEW_SUFFIX[view]}`);
  }
  return names;
}

function schemaIdentifier(schema: LintedSchema): string {
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(schema.name)) return typeName(schema.name);
  const segment = schema.id.slice(schema.id.lastIndexOf(':') + 1);
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(segment)) return typeName(segment);
  return typeName(schema.name, 'Schema');
}

/** Resource types may spell a schema URN in another case; the IR uses the schema's own spelling. */
function canonicalSchemaId(schemas: readonly LintedSchema[], urn: string): string {
  return schemas.find((s) => s.id.toLowerCase() === urn.toLowerCase())?.id ?? urn;
}
