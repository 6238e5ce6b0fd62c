import type { MappingsConfig } from './emitters/mappings.js';
import type { ServerScaffoldOptions } from './emitters/server-options.js';
import type { FileSpec } from './emitters/file-spec.js';
import { diagnostic, type Diagnostic } from './input/diagnostics.js';
import type { InputLimits } from './input/limits.js';
import { loadSchemaDocuments, loadSchemaFiles, type LoadResult } from './input/load.js';
import type { SourceDocument } from './input/sources.js';
import type { IrDocument } from './ir/types.js';

export interface PackageOptions {
  /** npm name of the generated package; defaults to the output directory's name. */
  readonly name?: string;
  readonly version?: string;
  readonly description?: string;
  /** More dependencies of the package, for the code you add to it (an application's database driver). */
  readonly dependencies?: Readonly<Record<string, string>>;
  /** SPDX license expression written to the package's `license` field, such as "MIT". */
  readonly license?: string;
}

export interface GenerateOptions {
  /** Schema files, directories, or built-in sets such as "scimgen:rfc7643". */
  readonly schemas: readonly string[];
  /** Output directory of the generated package. */
  readonly out: string;
  readonly package?: PackageOptions;
  /** Also scaffold a SCIM server over these resource types (src/server/). */
  readonly server?: ServerScaffoldOptions;
  /** Also a typed client for a server with these schemas (src/client/, on @scimgen/client). */
  readonly client?: boolean;
  /** Per resource type, SCIM path → application field: src/mappings/ stubs (toApp, toScim, fields). */
  readonly mappings?: MappingsConfig;
  /** The config file the options came from, named by diagnostics about them. */
  readonly configFile?: string;
  readonly limits?: Partial<InputLimits>;
  /**
   * Repair what vendors' schemas get wrong instead of failing, each repair a SCIM213 warning
   * (`scimgen generate --lenient`; `scimgen pull` always).
   */
  readonly lenient?: boolean;
  /** Warning codes not to print (`ignore: ['SCIM202']`); errors always are. */
  readonly ignore?: readonly string[];
  /** Directory relative paths are resolved against; defaults to process.cwd(). */
  readonly cwd?: string;
  /**
   * A directory to remember formatted files and compiled types in, so what was done before is not
   * done again (the CLI uses node_modules/.cache/scimgen); none by default.
   */
  readonly cacheDir?: string;
}

export interface GenerateResult {
  /** Undefined when the input had errors. */
  readonly ir: IrDocument | undefined;
  /** Formatted files, sorted by path; empty when the input had errors. */
  readonly files: readonly FileSpec[];
  readonly diagnostics: readonly Diagnostic[];
  /** What to tell the user beyond diagnostics (attributes no mapping keeps). */
  readonly notes: readonly string[];
}

/** Loads, lints, builds the IR and renders every file in memory. Touches no output file. */
export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const load = await loadSchemaFiles(options.schemas, {
    cwd: options.cwd,
    limits: options.limits,
    lenient: options.lenient === true,
  });
  return render(load, options);
}

/** As generate(), from documents already in memory (for example fetched from a server). */
export async function generateFromDocuments(
  documents: readonly SourceDocument[],
  options: Omit<GenerateOptions, 'schemas'>,
): Promise<GenerateResult> {
  return render(loadSchemaDocuments(documents, { limits: options.limits, lenient: options.lenient === true }), options);
}

/**
 * Renders, and turns a failure of the generator itself into a diagnostic: whatever the input,
 * the caller gets files or diagnostics, never an exception.
 */
async function render(load: LoadResult, options: Omit<GenerateOptions, 'schemas'>): Promise<GenerateResult> {
  try {
    // The emitters, the formatter and the compilers they use load here, the first time a package
    // is rendered: code that imports scimgen for defineConfig, the loader or the linter never pays for them.
    const { renderLoaded } = await import('./render-package.js');
    return await renderLoaded(load, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failure = diagnostic(
      'SCIM007',
      load.schemas[0]?.file ?? '(input)',
      '',
      `the generator failed on these schemas (${reason.slice(0, 300)}); nothing is written. Please report it with the schemas`,
    );
    return { ir: undefined, files: [], diagnostics: [...load.diagnostics, failure], notes: [] };
  }
}
