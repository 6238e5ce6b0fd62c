import type { GenerateOptions } from '../generate.js';

/** One package to generate. Paths are relative to the config file's directory. */
export interface ScimgenTarget extends Omit<GenerateOptions, 'cwd' | 'configFile'> {
  /** Selects this target with `scimgen generate --target <name>`. */
  readonly name?: string;
  /** Also write the intermediate representation as JSON to this path. */
  readonly emitIr?: string;
}

export type ScimgenConfig = ScimgenTarget | { readonly targets: readonly ScimgenTarget[] };

/** Identity function that gives `scimgen.config.ts` its types. */
export function defineConfig<const T extends ScimgenConfig>(config: T): T {
  return config;
}
