import { compareDiagnostics, formatDiagnostic, hasErrors, type Diagnostic } from '../../input/diagnostics.js';
import { loadSchemaFiles } from '../../input/load.js';
import { EXIT, UsageError } from '../exit-codes.js';
import type { Logger } from '../logger.js';

export interface LintFlags {
  readonly json?: boolean;
  readonly strict?: boolean;
  readonly lenient?: boolean;
  /** Print errors only. */
  readonly quiet?: boolean;
}

/** One set of inputs linted together: paths given, or one config target's schemas. */
interface InputSet {
  readonly schemas: readonly string[];
  readonly dir: string;
  readonly lenient: boolean;
  /** Warning codes the target's config says not to report. */
  readonly ignore: readonly string[];
}

/**
 * Without paths: each target of the config, linted as it generates (its schemas relative to the
 * config file, with its own `lenient`), since targets may define the same resource type differently.
 */
async function configTargets(cwd: string, lenient: boolean): Promise<InputSet[]> {
  // Loaded only here: reading a config takes a TypeScript loader the plain lint does not need.
  const { findConfig, loadConfig } = await import('../../config/load-config.js');
  const file = await findConfig(cwd);
  if (file === undefined)
    throw new UsageError('give the schema files or directories to lint, or run it where scimgen.config.ts is');
  const config = await loadConfig(file);
  return config.targets.map((t) => ({
    schemas: t.schemas,
    dir: config.dir,
    lenient: lenient || t.lenient === true,
    ignore: t.ignore ?? [],
  }));
}

/** Lints schema files; --json prints the diagnostics to stdout for tools, --strict fails on warnings too. */
export async function lintCommand(
  paths: string[],
  flags: LintFlags,
  logger: Logger,
  cwd = process.cwd(),
): Promise<number> {
  const started = performance.now();
  const lenient = flags.lenient === true;
  const sets =
    paths.length > 0 ? [{ schemas: paths, dir: cwd, lenient, ignore: [] }] : await configTargets(cwd, lenient);
  const reported = new Map<string, Diagnostic>();
  const schemas = new Set<string>();
  const resourceTypes = new Set<string>();
  for (const set of sets) {
    const result = await loadSchemaFiles(set.schemas, { cwd: set.dir, lenient: set.lenient });
    // A schema several targets share is reported once.
    for (const d of result.diagnostics) if (!set.ignore.includes(d.code)) reported.set(formatDiagnostic(d), d);
    for (const s of result.schemas) schemas.add(s.id);
    for (const r of result.resourceTypes) resourceTypes.add(`${r.name} ${r.endpoint}`);
  }
  const diagnostics = [...reported.values()].sort(compareDiagnostics);
  if (flags.json) process.stdout.write(`${JSON.stringify(diagnostics, null, 2)}\n`);
  else logger.diagnostics(flags.quiet === true ? diagnostics.filter((d) => d.severity === 'error') : diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const summary = `${schemas.size} schema(s), ${resourceTypes.size} resource type(s): ${errors} error(s), ${warnings} warning(s) (${seconds}s)`;
  const failed = hasErrors(diagnostics) || (flags.strict === true && warnings > 0);
  if (failed) logger.failure(summary);
  else logger.success(summary);
  return failed ? EXIT.failure : EXIT.ok;
}
