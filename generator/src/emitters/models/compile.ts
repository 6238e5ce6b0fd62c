import { createRequire } from 'node:module';
import type { JSONSchema, Options } from 'json-schema-to-typescript';
import { TextCache } from '../../output/text-cache.js';
import { stringLiteral } from '../../render/escape.js';
import type { TypeDeclaration } from './declarations.js';

/** Names json-schema-to-typescript cannot take as property keys: it calls them on its schema objects. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/**
 * The declaration with every property named like an Object.prototype member ("hasOwnProperty",
 * "constructor", "__proto__") renamed to a placeholder, and the placeholders to put back.
 */
function withSafeKeys(schema: JSONSchema): { schema: JSONSchema; placeholders: Map<string, string> } {
  const placeholders = new Map<string, string>();
  const properties = schema.properties ?? {};
  const rename = (key: string) => {
    if (!PROTOTYPE_NAMES.has(key)) return key;
    let placeholder = `scimgenPrototypeKey${placeholders.size}`;
    while (Object.hasOwn(properties, placeholder)) placeholder += '_';
    placeholders.set(placeholder, key);
    return placeholder;
  };
  const renamed = Object.keys(properties).map((key) => [key, rename(key)] as const);
  if (placeholders.size === 0) return { schema, placeholders };
  const newName = new Map(renamed);
  return {
    schema: {
      ...schema,
      properties: Object.fromEntries(renamed.map(([key, name]) => [name, properties[key]!])),
      required: Array.isArray(schema.required)
        ? schema.required.map((key) => newName.get(key) ?? key)
        : schema.required,
    },
    placeholders,
  };
}

/**
 * Compiles one declaration with json-schema-to-typescript. Each declaration is compiled on its
 * own, with references to other declarations as already-safe type names, so the library never
 * invents names or follows $refs; formatting is left to the output stage.
 */
export async function compileDeclaration(declaration: TypeDeclaration, cache?: TextCache): Promise<string> {
  const safe = withSafeKeys(declaration.schema);
  let code = await compileSchema(safe.schema, declaration.name, cache);
  for (const [placeholder, key] of safe.placeholders)
    code = code.replace(new RegExp(`\\b${placeholder}\\b`, 'g'), stringLiteral(key));
  const declared = /export (?:interface|type) ([A-Za-z0-9_$]+)/.exec(code)?.[1];
  if (declared !== declaration.name) {
    throw new Error(`internal error: json-schema-to-typescript declared ${String(declared)} for ${declaration.name}`);
  }
  return code.trim();
}

const OPTIONS: Partial<Options> = {
  bannerComment: '',
  format: false,
  additionalProperties: false,
  declareExternallyReferenced: true,
  strictIndexSignatures: true,
  unknownAny: true,
  enableConstEnums: false,
  ignoreMinAndMaxItems: true,
};

/** The library's own version, part of every cache key, read without loading the library. */
const LIBRARY_VERSION = (
  createRequire(import.meta.url)('json-schema-to-typescript/package.json') as { version: string }
).version;

/** json-schema-to-typescript's declaration, from the cache when it compiled this schema before. */
async function compileSchema(schema: JSONSchema, name: string, cache?: TextCache): Promise<string> {
  const key =
    cache === undefined ? '' : TextCache.key(JSON.stringify([LIBRARY_VERSION, OPTIONS, name]), JSON.stringify(schema));
  const remembered = cache === undefined ? undefined : await cache.get(key);
  if (remembered !== undefined) return remembered;
  const { compile } = await import('json-schema-to-typescript');
  const code = await compile(schema, name, OPTIONS);
  await cache?.set(key, code);
  return code;
}
