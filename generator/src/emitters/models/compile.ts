import { compile } from 'json-schema-to-typescript';
import type { TypeDeclaration } from './declarations.js';

/**
 * Compiles one declaration with json-schema-to-typescript. Each declaration is compiled on its
 * own, with references to other declarations as already-safe type names, so the library never
 * invents names or follows $refs; formatting is left to the output stage.
 */
export async function compileDeclaration(declaration: TypeDeclaration): Promise<string> {
  const code = await compile(declaration.schema, declaration.name, {
    bannerComment: '',
    format: false,
    additionalProperties: false,
    declareExternallyReferenced: true,
    strictIndexSignatures: true,
    unknownAny: true,
    enableConstEnums: false,
    ignoreMinAndMaxItems: true,
  });
  const declared = /export (?:interface|type) ([A-Za-z0-9_$]+)/.exec(code)?.[1];
  if (declared !== declaration.name) {
    throw new Error(`internal error: json-schema-to-typescript declared ${String(declared)} for ${declaration.name}`);
  }
  return code.trim();
}
