import type { JSONSchema as JSONSchema4 } from 'json-schema-to-typescript';
import type { IrAttribute, IrDocument, IrResourceType, IrSchema, ViewName } from '../../ir/types.js';
import { VIEWS } from '../../ir/types.js';
import { viewNodes, type ViewNode } from '../../ir/views.js';
import { assertIdentifier, commentText, stringLiteral } from '../../render/escape.js';

/** One named TypeScript declaration, described as the JSON Schema json-schema-to-typescript compiles. */
export interface TypeDeclaration {
  readonly name: string;
  readonly schema: JSONSchema4;
  /** Names of other declarations this one refers to. */
  readonly references: ReadonlySet<string>;
}

interface Property {
  readonly key: string;
  readonly schema: JSONSchema4;
  readonly optional: boolean;
}

const VIEW_DOC: Record<ViewName, string> = {
  resource: 'as a service provider returns it (attributes returned "never" are absent)',
  createRequest: 'as a client sends it to create a resource (POST; readOnly attributes are absent)',
  replaceRequest: 'as a client sends it to replace a resource (PUT; readOnly attributes are absent)',
  patchValue: 'as the value of a PATCH operation (every attribute optional; readOnly attributes are absent)',
};

class DeclarationBuilder {
  readonly references = new Set<string>();

  reference(name: string): JSONSchema4 {
    this.references.add(assertIdentifier(name));
    return { tsType: name };
  }

  /** `open`: a complex attribute declared without sub-attributes, whose values may hold any. */
  object(name: string, description: string, properties: readonly Property[], open = false): TypeDeclaration {
    const schema: JSONSchema4 = {
      title: assertIdentifier(name),
      type: 'object',
      additionalProperties: open,
      properties: Object.fromEntries(properties.map((p) => [p.key, p.schema])),
      required: properties.filter((p) => !p.optional).map((p) => p.key),
    };
    if (description !== '') schema.description = commentText(description);
    return { name, schema, references: this.references };
  }

  attribute(attribute: IrAttribute, view: ViewName): JSONSchema4 {
    const element = this.element(attribute, view);
    const schema: JSONSchema4 = attribute.multiValued ? { type: 'array', items: parenthesize(element) } : element;
    schema.description = commentText(attributeDoc(attribute));
    return schema;
  }

  private element(attribute: IrAttribute, view: ViewName): JSONSchema4 {
    switch (attribute.type) {
      case 'complex':
        return this.reference(attribute.typeNames![view]);
      case 'boolean':
        return { type: 'boolean' };
      case 'integer':
      case 'decimal':
        return { type: 'number' };
      default:
        // string, dateTime (xsd:dateTime text), binary (base64 text) and reference (a URI) are JSON strings.
        return attribute.canonicalValues.length > 0
          ? { tsType: openUnion(attribute.canonicalValues) }
          : { type: 'string' };
    }
  }
}

/** Canonical values are advice, not a closed set (RFC 7643 §7), so the union stays open. */
function openUnion(values: readonly string[]): string {
  return [...values.map(stringLiteral), '(string & {})'].join(' | ');
}

function closedUnion(values: readonly string[]): string {
  return values.map(stringLiteral).join(' | ');
}

function parenthesize(schema: JSONSchema4): JSONSchema4 {
  return typeof schema.tsType === 'string' && schema.tsType.includes('|') ? { tsType: `(${schema.tsType})` } : schema;
}

function attributeDoc(attribute: IrAttribute): string {
  const facts = [
    `${attribute.type}${attribute.multiValued ? ', multi-valued' : ''}`,
    attribute.required ? 'required' : '',
    `mutability ${attribute.mutability}`,
    `returned ${attribute.returned}`,
    attribute.uniqueness !== 'none' ? `uniqueness ${attribute.uniqueness}` : '',
    attribute.caseExact && attribute.type !== 'binary' ? 'case exact' : '',
    attribute.referenceTypes.length > 0 ? `references ${attribute.referenceTypes.join(', ')}` : '',
  ].filter((f) => f !== '');
  const text = attribute.description.trim();
  return `${text}${text === '' ? '' : '\n\n'}SCIM: ${facts.join('; ')}.`;
}

function properties(builder: DeclarationBuilder, nodes: readonly ViewNode<IrAttribute>[], view: ViewName): Property[] {
  return nodes.map((n) => ({
    key: n.attribute.name,
    schema: builder.attribute(n.attribute, view),
    optional: n.optional,
  }));
}

/** Element types of every complex attribute of a schema, one per distinct shape. */
export function complexDeclarations(attributes: readonly IrAttribute[], ownerDescription: string): TypeDeclaration[] {
  const out = new Map<string, TypeDeclaration>();
  for (const view of VIEWS) {
    const visit = (nodes: readonly ViewNode<IrAttribute>[]) => {
      for (const node of nodes) {
        const names = node.attribute.typeNames;
        if (names === null) continue;
        const name = names[view];
        if (!out.has(name)) {
          const builder = new DeclarationBuilder();
          const doc = `${node.attribute.multiValued ? 'One value of' : 'The value of'} the "${node.attribute.path}" attribute of ${ownerDescription}.`;
          out.set(
            name,
            builder.object(
              name,
              `${doc}\n\n${node.attribute.description}`,
              properties(builder, node.children, view),
              node.attribute.subAttributes.length === 0,
            ),
          );
        }
        visit(node.children);
      }
    };
    visit(viewNodes(attributes, view));
  }
  return [...out.values()];
}

/** The schema's own types, for an extension (or a schema no resource type uses). */
export function schemaDeclarations(schema: IrSchema): TypeDeclaration[] {
  if (schema.typeNames === null) return [];
  const standalone = schema.roles.includes('standalone');
  const out: TypeDeclaration[] = [];
  for (const view of VIEWS) {
    const name = schema.typeNames[view];
    if (view !== 'resource' && name === schema.typeNames.resource) continue;
    const builder = new DeclarationBuilder();
    const props = properties(builder, viewNodes(schema.attributes, view), view);
    if (standalone && view !== 'patchValue') {
      props.unshift({
        key: 'schemas',
        schema: { type: 'array', items: { tsType: closedUnion([schema.id]) } },
        optional: view !== 'resource',
      });
    }
    const what = standalone
      ? `A ${schema.name} resource (${schema.id})`
      : `The attributes of the ${schema.id} extension`;
    out.push(builder.object(name, `${what}, ${VIEW_DOC[view]}.\n\n${schema.description}`, props));
  }
  return out;
}

/** The four views of a resource type: core attributes, common attributes and extensions by URN. */
export function resourceTypeDeclarations(resourceType: IrResourceType, ir: IrDocument): TypeDeclaration[] {
  const core = ir.schemas.find((s) => s.id === resourceType.schema)!;
  const extensions = resourceType.schemaExtensions.map((e) => ({
    ...e,
    schema: ir.schemas.find((s) => s.id === e.schema)!,
  }));
  const urns = [core.id, ...extensions.map((e) => e.schema.id)];
  return VIEWS.map((view) => {
    const builder = new DeclarationBuilder();
    const props: Property[] = [];
    if (view !== 'patchValue') {
      props.push({
        key: 'schemas',
        schema: {
          type: 'array',
          items: { tsType: `(${closedUnion(urns)})` },
          description: commentText(
            'The schema URNs this resource carries: the core schema and each extension present.',
          ),
        },
        optional: false,
      });
    }
    for (const node of viewNodes(resourceType.commonAttributes, view)) {
      props.push({
        key: node.attribute.name,
        schema: builder.attribute(node.attribute, view),
        optional: node.optional,
      });
    }
    if (view === 'replaceRequest') {
      // PUT bodies commonly repeat the id; RFC 7644 §3.5.1 lets the server check it against the URL.
      const id = resourceType.commonAttributes.find((a) => a.name === 'id')!;
      props.push({ key: 'id', schema: builder.attribute(id, 'resource'), optional: true });
    }
    props.push(...properties(builder, viewNodes(core.attributes, view), view));
    for (const ext of extensions) {
      const schema = builder.reference(ext.schema.typeNames![view]);
      schema.description = commentText(
        `${ext.schema.name} extension (${ext.schema.id})${ext.required ? ', required for this resource type' : ''}.`,
      );
      props.push({ key: ext.schema.id, schema, optional: !ext.required || view === 'patchValue' });
    }
    const name = resourceType.typeNames[view];
    const doc = `A ${resourceType.name} (endpoint ${resourceType.endpoint}, schema ${core.id}), ${VIEW_DOC[view]}.\n\n${resourceType.description}`;
    return builder.object(name, doc, props);
  });
}

/** RFC 7643 §3.1 "meta", shared by every resource type. */
export function metaDeclaration(ir: IrDocument): TypeDeclaration[] {
  const meta = ir.resourceTypes[0]?.commonAttributes.find((a) => a.name === 'meta');
  if (meta === undefined) return [];
  const builder = new DeclarationBuilder();
  return [
    builder.object(
      ir.metaTypeName,
      'Resource metadata (RFC 7643 §3.1), maintained by the service provider.',
      properties(builder, viewNodes(meta.subAttributes, 'resource'), 'resource'),
    ),
  ];
}
