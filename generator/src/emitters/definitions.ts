import type { IrAttribute, IrDocument, IrSchema } from '../ir/types.js';
import { valueIdentifier } from '../ir/naming.js';
import { assertIdentifier, commentText } from '../render/escape.js';
import { dataLiteral } from './descriptors.js';
import { barrel, GENERATED_HEADER, type FileSpec } from './file-spec.js';
import { validatorNames } from './validators.js';

/** Path of the definitions barrel below src/, for the package emitter to re-export. */
export const DEFINITIONS_ENTRY = 'definitions/index';

/** An attribute as RFC 7643 §7 publishes it: optional members only where they say something. */
function attributeDocument(attribute: IrAttribute): unknown {
  return {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued,
    description: attribute.description,
    required: attribute.required,
    ...(attribute.canonicalValues.length > 0 ? { canonicalValues: attribute.canonicalValues } : {}),
    caseExact: attribute.caseExact,
    mutability: attribute.mutability,
    returned: attribute.returned,
    uniqueness: attribute.uniqueness,
    ...(attribute.type === 'reference' ? { referenceTypes: attribute.referenceTypes } : {}),
    ...(attribute.type === 'complex' ? { subAttributes: attribute.subAttributes.map(attributeDocument) } : {}),
  };
}

function schemaDocument(schema: IrSchema): unknown {
  return {
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(attributeDocument),
  };
}

/**
 * The definitions emitter: the Schema resources a server publishes at /Schemas, and per resource
 * type a ResourceTypeDefinition (descriptor, ResourceType text, compiled validators) that
 * @scimgen/server serves. Discovery is written from the same IR as everything else, so it always
 * tells the truth about the generated types and validators.
 */
export function emitDefinitions(ir: IrDocument): FileSpec[] {
  const files: FileSpec[] = [
    {
      path: 'src/definitions/schemas.ts',
      ownership: 'generated',
      contents: [
        GENERATED_HEADER,
        "import type { SchemaDocument } from '@scimgen/runtime';",
        '',
        '/** The Schema resources (RFC 7643 §7) of this package, as a server publishes them at /Schemas. */',
        `export const schemaDocuments: readonly SchemaDocument[] = ${dataLiteral(ir.schemas.map(schemaDocument))};`,
        '',
      ].join('\n'),
    },
  ];
  if (ir.resourceTypes.length > 0) {
    const descriptorNames = ir.resourceTypes.map((rt) =>
      assertIdentifier(`${valueIdentifier(rt.identifier)}ResourceType`),
    );
    const definitionNames = ir.resourceTypes.map((rt) =>
      assertIdentifier(`${valueIdentifier(rt.identifier)}Definition`),
    );
    const types = new Set<string>();
    const validators: string[] = [];
    const consts = ir.resourceTypes.map((rt, i) => {
      const [create, replace, patchResult, response] = validatorNames(rt) as [string, string, string, string];
      validators.push(create, replace, patchResult, response);
      const resource = assertIdentifier(rt.typeNames.resource);
      const createType = assertIdentifier(rt.typeNames.createRequest);
      const replaceType = assertIdentifier(rt.typeNames.replaceRequest);
      types.add(resource).add(createType).add(replaceType);
      return [
        `/** The ${commentText(rt.name)} resource type at ${commentText(rt.endpoint)}: descriptor, ResourceType text and compiled validators. */`,
        `export const ${definitionNames[i]}: ResourceTypeDefinition<${resource}, ${createType}, ${replaceType}> = {`,
        `  id: ${dataLiteral(rt.id)},`,
        `  description: ${dataLiteral(rt.description)},`,
        `  descriptor: ${descriptorNames[i]},`,
        `  validate: { create: ${create}, replace: ${replace}, patchResult: ${patchResult}, response: ${response} },`,
        '};',
      ].join('\n');
    });
    files.push({
      path: 'src/definitions/resource-types.ts',
      ownership: 'generated',
      contents: [
        GENERATED_HEADER,
        "import type { ResourceTypeDefinition } from '@scimgen/runtime';",
        `import { ${[...descriptorNames].sort().join(', ')} } from '../descriptors/resource-types.js';`,
        `import type { ${[...types].sort().join(', ')} } from '../models/index.js';`,
        `import { ${validators.sort().join(', ')} } from '../validators/index.js';`,
        '',
        consts.join('\n\n'),
        '',
        '/** Every resource type of this package, ready for @scimgen/server. */',
        `export const resourceTypeDefinitions = [${definitionNames.join(', ')}] as const;`,
        '',
      ].join('\n'),
    });
  }
  files.push(barrel(DEFINITIONS_ENTRY, files));
  return files;
}
