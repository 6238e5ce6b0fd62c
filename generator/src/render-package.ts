import path from 'node:path';
import { DESCRIPTORS_ENTRY, emitDescriptors } from './emitters/descriptors.js';
import { emitModels, MODELS_ENTRY } from './emitters/models/index.js';
import { emitValidators, VALIDATORS_ENTRY } from './emitters/validators.js';
import { emitPackage } from './emitters/package.js';
import { DEFINITIONS_ENTRY, emitDefinitions } from './emitters/definitions.js';
import { emitOpenApi } from './emitters/openapi.js';
import { CLIENT_ENTRY, emitClient } from './emitters/client.js';
import { emitMappings } from './emitters/mappings.js';
import { emitServer } from './emitters/server.js';
import type { GenerateOptions, GenerateResult } from './generate.js';
import { hasErrors } from './input/diagnostics.js';
import type { LoadResult } from './input/load.js';
import { applyServerRules } from './input/server-rules.js';
import { buildIr } from './ir/build.js';
import { formatFile } from './output/format.js';
import { TextCache } from './output/text-cache.js';

/** Builds the IR from what was loaded and renders every file of the package, formatted. */
export async function renderLoaded(
  load: LoadResult,
  options: Omit<GenerateOptions, 'schemas'>,
): Promise<GenerateResult> {
  if (hasErrors(load.diagnostics)) return { ir: undefined, files: [], diagnostics: load.diagnostics, notes: [] };
  const source = options.configFile ?? 'scimgen.config';
  const ruled = applyServerRules(load, options.server?.resourceTypes, source);
  if (hasErrors(ruled.diagnostics))
    return { ir: undefined, files: [], diagnostics: [...load.diagnostics, ...ruled.diagnostics], notes: [] };
  const ir = buildIr(ruled.load);
  const mappings = emitMappings(ir, options.mappings, source);
  if (hasErrors(mappings.diagnostics))
    return { ir: undefined, files: [], diagnostics: [...load.diagnostics, ...mappings.diagnostics], notes: [] };
  const typesCache = options.cacheDir === undefined ? undefined : new TextCache(options.cacheDir, 'types');
  const models = await emitModels(ir, typesCache);
  const descriptors = emitDescriptors(ir);
  const validators = emitValidators(ir);
  const definitions = emitDefinitions(ir);
  const packageName = options.package?.name ?? defaultPackageName(options.out);
  const server =
    options.server === undefined
      ? []
      : [
          ...emitServer(ir, options.server),
          ...emitOpenApi(ir, { ...options.server, title: packageName, version: options.package?.version ?? '0.0.0' }),
        ];
  const client = options.client === true ? emitClient(ir) : [];
  const packageFiles = emitPackage(
    ir,
    {
      packageName,
      packageVersion: options.package?.version ?? '0.0.0',
      packageDescription: options.package?.description,
      packageDependencies: options.package?.dependencies,
      packageLicense: options.package?.license,
    },
    [
      MODELS_ENTRY,
      DESCRIPTORS_ENTRY,
      ...(validators.length > 0 ? [VALIDATORS_ENTRY] : []),
      DEFINITIONS_ENTRY,
      ...(client.length > 0 ? [CLIENT_ENTRY] : []),
    ],
    options.server,
    client.length > 0,
  );
  const cache = options.cacheDir === undefined ? undefined : new TextCache(options.cacheDir, 'format');
  const files = await Promise.all(
    [
      ...models,
      ...descriptors,
      ...validators,
      ...definitions,
      ...server,
      ...client,
      ...mappings.files,
      ...packageFiles,
    ].map(async (f) => ({
      ...f,
      contents: await formatFile(f.path, f.contents, cache),
    })),
  );
  await Promise.all([cache?.prune(), typesCache?.prune()]);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { ir, files, diagnostics: [...load.diagnostics, ...mappings.diagnostics], notes: mappings.notes };
}

/** An npm-valid name from a directory name: "My Models" → "my-models". */
export function defaultPackageName(out: string): string {
  const base = path
    .basename(path.resolve(out))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '');
  return base === '' ? 'scim-models' : base;
}
