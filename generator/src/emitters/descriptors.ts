import type { AttributeDescriptor, ResourceTypeDescriptor, SchemaDescriptor } from '@scimgen/runtime';
import type { IrAttribute, IrDocument, IrSchema } from '../ir/types.js';
import { valueIdentifier } from '../ir/naming.js';
import { assertIdentifier, commentText } from '../render/escape.js';
import { barrel, GENERATED_HEADER, type FileSpec } from './file-spec.js';

/** Path of the descriptors barrel below src/, for the package emitter to re-export. */
export const DESCRIPTORS_ENTRY = 'descriptors/index';

/** Data as a TypeScript expression: JSON text is valid TypeScript once U+2028/2029 are escaped. */
export function dataLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function attributeData(attribute: IrAttribute): AttributeDescriptor {
  return {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued,
    required: attribute.required,
    caseExact: attribute.caseExact,
    mutability: attribute.mutability,
    returned: attribute.returned,
    uniqueness: attribute.uniqueness,
    canonicalValues: attribute.canonicalValues,
    referenceTypes: attribute.referenceTypes,
    subAttributes: attribute.subAttributes.map(attributeData),
  };
}

/**
 * The resource type descriptors as values, for emitters that derive more from them at generation
 * time (the SQL migrations): the same data the descriptors module holds.
 */
export function resourceTypeDescriptors(ir: IrDocument): ResourceTypeDescriptor[] {
  const byId = new Map(ir.schemas.map((s) => [s.id, s]));
  const schema = (id: string) => {
    const s = byId.get(id)!;
    return { id: s.id, name: s.name, attributes: s.attributes.map(attributeData) } as SchemaDescriptor;
  };
  return ir.resourceTypes.map((rt) => ({
    name: rt.name,
    endpoint: rt.endpoint,
    schema: schema(rt.schema),
    extensions: rt.schemaExtensions.map((e) => ({ schema: schema(e.schema), required: e.required })),
    commonAttributes: rt.commonAttributes.map(attributeData) as AttributeDescriptor[],
  }));
}

export function schemaConstName(schema: IrSchema): string {
  return assertIdentifier(`${valueIdentifier(schema.identifier)}Schema`);
}

/**
 * The descriptors emitter: the attributes and characteristics of every schema and resource type
 * as plain constants typed by @scimgen/runtime, which reads them to parse paths, compile filters,
 * apply PATCH and project responses. Schema text enters only as JSON data.
 */
export function emitDescriptors(ir: IrDocument): FileSpec[] {
  const schemaConsts = ir.schemas.map(
    (schema) =>
      `/** ${commentText(schema.id)} */\nexport const ${schemaConstName(schema)}: SchemaDescriptor = ${dataLiteral({
        id: schema.id,
        name: schema.name,
        attributes: schema.attributes.map(attributeData),
      })};`,
  );
  const files: FileSpec[] = [
    {
      path: 'src/descriptors/schemas.ts',
      ownership: 'generated',
      contents: `${GENERATED_HEADER}\nimport type { SchemaDescriptor } from '@scimgen/runtime';\n\n${schemaConsts.join('\n\n')}\n`,
    },
  ];
  if (ir.resourceTypes.length > 0) {
    const byId = new Map(ir.schemas.map((s) => [s.id, s]));
    const used = new Set<string>();
    const common = ir.resourceTypes[0]!.commonAttributes.map(attributeData);
    const resourceConsts = ir.resourceTypes.map((rt) => {
      const core = schemaConstName(byId.get(rt.schema)!);
      used.add(core);
      const extensions = rt.schemaExtensions.map((e) => {
        const name = schemaConstName(byId.get(e.schema)!);
        used.add(name);
        return `{ schema: ${name}, required: ${e.required} }`;
      });
      return `/** The ${commentText(rt.name)} resource type at ${commentText(rt.endpoint)}. */\nexport const ${assertIdentifier(`${valueIdentifier(rt.identifier)}ResourceType`)}: ResourceTypeDescriptor = {\n  name: ${JSON.stringify(rt.name)},\n  endpoint: ${JSON.stringify(rt.endpoint)},\n  schema: ${core},\n  extensions: [${extensions.join(', ')}],\n  commonAttributes,\n};`;
    });
    const list = ir.resourceTypes.map((rt) => `${valueIdentifier(rt.identifier)}ResourceType`).join(', ');
    files.push({
      path: 'src/descriptors/resource-types.ts',
      ownership: 'generated',
      contents: [
        GENERATED_HEADER,
        "import type { AttributeDescriptor, ResourceTypeDescriptor } from '@scimgen/runtime';",
        `import { ${[...used].sort().join(', ')} } from './schemas.js';`,
        '',
        '/** id, externalId and meta: RFC 7643 §3.1, on every resource type. */',
        `const commonAttributes: readonly AttributeDescriptor[] = ${dataLiteral(common)};`,
        '',
        resourceConsts.join('\n\n'),
        '',
        '/** Every resource type of this package, by name. */',
        `export const resourceTypes: readonly ResourceTypeDescriptor[] = [${list}];`,
        '',
      ].join('\n'),
    });
  }
  files.push(barrel(DESCRIPTORS_ENTRY, files));
  return files;
}
