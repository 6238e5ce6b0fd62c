import path from 'node:path';
import type { ScimgenTarget } from '../../config/define-config.js';
import { ConfigError, findConfig, loadConfig } from '../../config/load-config.js';
import type { WriteMode } from '../../output/write.js';
import type { Logger } from '../logger.js';
import { runTarget } from '../run-target.js';
import {
  SERVER_FRAMEWORKS,
  SERVER_STORES,
  type ServerDatabase,
  type ServerFramework,
  type ServerStore,
} from '../../emitters/server-options.js';
import { checkDatabaseFlag } from '../database-flag.js';
import { watchInputs } from '../watch.js';
import { EXIT, UsageError } from '../exit-codes.js';

export interface GenerateFlags {
  readonly config?: string;
  readonly schemas?: string[];
  readonly out?: string;
  readonly packageName?: string;
  readonly server?: string;
  readonly store?: string;
  readonly database?: string;
  readonly client?: boolean;
  readonly target?: string;
  readonly check?: boolean;
  readonly dryRun?: boolean;
  readonly emitIr?: string;
  readonly watch?: boolean;
  readonly lenient?: boolean;
  /** commander's --no-cache: false formats every file again. */
  readonly cache?: boolean;
}

/** Resolves the targets from flags or the config file; flags --schemas and --out make an ad-hoc target. */
export async function resolveTargets(
  flags: GenerateFlags,
  cwd: string,
): Promise<{ dir: string; targets: ScimgenTarget[]; configFile?: string }> {
  if (flags.server !== undefined && flags.schemas === undefined)
    throw new UsageError('--server goes with --schemas and --out; in a config file, set "server" on the target');
  if (flags.store !== undefined && flags.server === undefined) throw new UsageError('--store goes with --server');
  if (flags.store !== undefined && !SERVER_STORES.includes(flags.store as ServerStore))
    throw new UsageError(`--store must be one of ${SERVER_STORES.join(', ')}, not ${JSON.stringify(flags.store)}`);
  checkDatabaseFlag(flags);
  if (flags.schemas !== undefined || flags.out !== undefined) {
    if (flags.schemas === undefined || flags.out === undefined) throw new UsageError('--schemas and --out go together');
    if (flags.server !== undefined && !SERVER_FRAMEWORKS.includes(flags.server as ServerFramework))
      throw new UsageError(
        `--server must be one of ${SERVER_FRAMEWORKS.join(', ')}, not ${JSON.stringify(flags.server)}`,
      );
    const target: ScimgenTarget = {
      schemas: flags.schemas,
      out: flags.out,
      ...(flags.packageName !== undefined ? { package: { name: flags.packageName } } : {}),
      ...(flags.emitIr !== undefined ? { emitIr: flags.emitIr } : {}),
      ...(flags.client === true ? { client: true } : {}),
      ...(flags.lenient === true ? { lenient: true } : {}),
      ...(flags.server !== undefined
        ? {
            server: {
              framework: flags.server as ServerFramework,
              ...(flags.store !== undefined ? { store: flags.store as ServerStore } : {}),
              ...(flags.database !== undefined ? { database: flags.database as ServerDatabase } : {}),
            },
          }
        : {}),
    };
    return { dir: cwd, targets: [target] };
  }
  const file = flags.config !== undefined ? path.resolve(cwd, flags.config) : await findConfig(cwd);
  if (file === undefined) {
    throw new UsageError(
      'no scimgen.config.ts (or .mjs, .js, .json) here; pass --config, or --schemas and --out, or run `scimgen init`',
    );
  }
  const config = await loadConfig(file);
  let targets = [...config.targets];
  if (flags.target !== undefined) {
    targets = targets.filter((t) => t.name === flags.target);
    if (targets.length === 0) throw new UsageError(`no target named ${JSON.stringify(flags.target)} in ${file}`);
  }
  if (flags.emitIr !== undefined) {
    if (targets.length !== 1) throw new UsageError('--emit-ir needs a single target; add --target <name>');
    targets = [{ ...targets[0]!, emitIr: flags.emitIr }];
  }
  return { dir: config.dir, targets, configFile: config.file };
}

export async function generateCommand(flags: GenerateFlags, logger: Logger, cwd = process.cwd()): Promise<number> {
  if (flags.check && flags.dryRun) throw new UsageError('--check and --dry-run cannot be combined');
  if (flags.watch && (flags.check || flags.dryRun))
    throw new UsageError('--watch writes files; it cannot be combined with --check or --dry-run');
  let resolved;
  try {
    resolved = await resolveTargets(flags, cwd);
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(error.message);
      return EXIT.failure;
    }
    throw error;
  }
  const mode: WriteMode = flags.check ? 'check' : flags.dryRun ? 'dry-run' : 'write';
  const once = async (): Promise<number> => {
    const started = performance.now();
    let ok = true;
    let written = 0;
    let unchanged = 0;
    let deleted = 0;
    let yours = 0;
    let completed = 0;
    for (const target of resolved.targets) {
      const outcome = await runTarget(target, resolved.dir, mode, logger, {
        ...(resolved.configFile !== undefined ? { configFile: resolved.configFile } : {}),
        cache: flags.cache !== false,
      });
      ok &&= outcome.ok;
      written += outcome.result?.written.length ?? 0;
      unchanged += outcome.result?.unchanged.length ?? 0;
      deleted += outcome.result?.obsolete.length ?? 0;
      yours += outcome.result?.kept.length ?? 0;
      completed += outcome.result?.completed.length ?? 0;
      ok &&= (outcome.result?.problems.length ?? 0) === 0;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (mode === 'check') {
      if (ok) logger.success(`${unchanged} files up to date (${seconds}s)`);
      else logger.failure(`${written + deleted + completed} stale file(s); run \`scimgen generate\` (${seconds}s)`);
    } else if (ok) {
      const verb = mode === 'dry-run' ? 'would be written' : 'written';
      logger.success(
        `${written} ${verb}, ${unchanged} unchanged${deleted > 0 ? `, ${deleted} deleted` : ''}` +
          `${completed > 0 ? `, ${completed} of yours completed` : ''}${yours > 0 ? `, ${yours} of yours kept` : ''} (${seconds}s)`,
      );
    }
    return ok ? EXIT.ok : EXIT.failure;
  };
  const code = await once();
  if (!flags.watch) return code;
  const inputs = resolved.targets.flatMap((t) =>
    t.schemas.filter((s) => !s.startsWith('scimgen:')).map((s) => path.resolve(resolved.dir, s)),
  );
  if (resolved.configFile !== undefined) inputs.push(resolved.configFile);
  await watchInputs(inputs, logger, async () => {
    await once();
  });
  return EXIT.ok;
}
