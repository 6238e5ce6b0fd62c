// The public API of scimgen: everything the CLI does is available to code.
export { defineConfig, type ScimgenConfig, type ScimgenTarget } from './config/define-config.js';
export { loadConfig, ConfigError } from './config/load-config.js';
export {
  generate,
  generateFromDocuments,
  type GenerateOptions,
  type GenerateResult,
  type PackageOptions,
} from './generate.js';
export { loadSchemaFiles, loadSchemaDocuments, type LoadOptions, type LoadResult } from './input/load.js';
export type { SourceDocument } from './input/sources.js';
export {
  DIAGNOSTIC_CODES,
  formatDiagnostic,
  hasErrors,
  type Diagnostic,
  type DiagnosticCode,
  type Severity,
} from './input/diagnostics.js';
export { DEFAULT_LIMITS, type InputLimits } from './input/limits.js';
export { buildIr } from './ir/build.js';
export type * from './ir/types.js';
export { viewNodes, inView, optionalInView } from './ir/views.js';
export { writeFiles, type WriteMode, type WriteResult } from './output/write.js';
export type { FileSpec } from './emitters/file-spec.js';
