import { hasErrors } from '../../input/diagnostics.js';
import { loadSchemaFiles } from '../../input/load.js';
import { EXIT } from '../exit-codes.js';
import type { Logger } from '../logger.js';

export interface LintFlags {
  readonly json?: boolean;
  readonly strict?: boolean;
  readonly lenient?: boolean;
}

/** Lints schema files; --json prints the diagnostics to stdout for tools, --strict fails on warnings too. */
export async function lintCommand(
  paths: string[],
  flags: LintFlags,
  logger: Logger,
  cwd = process.cwd(),
): Promise<number> {
  const started = performance.now();
  const result = await loadSchemaFiles(paths, { cwd, lenient: flags.lenient === true });
  if (flags.json) process.stdout.write(`${JSON.stringify(result.diagnostics, null, 2)}\n`);
  else logger.diagnostics(result.diagnostics);
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const summary = `${result.schemas.length} schema(s), ${result.resourceTypes.length} resource type(s): ${errors} error(s), ${warnings} warning(s) (${seconds}s)`;
  const failed = hasErrors(result.diagnostics) || (flags.strict === true && warnings > 0);
  if (failed) logger.failure(summary);
  else logger.success(summary);
  return failed ? EXIT.failure : EXIT.ok;
}
