import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ScimgenTarget } from '../config/define-config.js';
import { generate } from '../generate.js';
import { hasErrors } from '../input/diagnostics.js';
import { defaultCacheDir } from '../output/text-cache.js';
import { writeFiles, type WriteMode, type WriteResult } from '../output/write.js';
import type { Logger } from './logger.js';

export interface RunOptions {
  /** The config file the target came from, named by diagnostics about it. */
  readonly configFile?: string;
  /** Remember formatted files and compiled types in node_modules/.cache/scimgen (default); false does all again. */
  readonly cache?: boolean;
}

export interface TargetOutcome {
  readonly ok: boolean;
  readonly result?: WriteResult;
}

/** Generates one target and brings its output directory in line (or checks it). */
export async function runTarget(
  target: ScimgenTarget,
  dir: string,
  mode: WriteMode,
  logger: Logger,
  { configFile, cache = true }: RunOptions = {},
): Promise<TargetOutcome> {
  const out = path.resolve(dir, target.out);
  const cacheDir = cache ? defaultCacheDir(dir) : undefined;
  const generated = await generate({
    ...target,
    out,
    cwd: dir,
    ...(cacheDir !== undefined ? { cacheDir } : {}),
    ...(configFile !== undefined ? { configFile: path.relative(process.cwd(), configFile) || configFile } : {}),
  });
  logger.diagnostics(generated.diagnostics.filter((d) => !(target.ignore ?? []).includes(d.code)));
  for (const note of generated.notes) logger.info(`  ${note}`);
  if (hasErrors(generated.diagnostics) || generated.ir === undefined) {
    const count = generated.diagnostics.filter((d) => d.severity === 'error').length;
    logger.failure(`${count} schema error(s); nothing written to ${target.out}`);
    return { ok: false };
  }
  if (target.emitIr !== undefined && mode === 'write') {
    const irFile = path.resolve(dir, target.emitIr);
    await mkdir(path.dirname(irFile), { recursive: true });
    await writeFile(irFile, `${JSON.stringify(generated.ir, null, 2)}\n`, 'utf8');
  }
  const result = await writeFiles(out, generated.files, mode);
  const verb = mode === 'write' ? 'added' : 'would add';
  for (const { path: file, added } of result.completed)
    logger.info(`  ${verb} ${added.join(', ')} to ${path.join(target.out, file)} (yours; nothing else changed)`);
  for (const { path: file, problem } of result.problems) logger.error(`${path.join(target.out, file)} ${problem}`);
  if (mode === 'check') {
    const stale = [...result.written, ...result.obsolete, ...result.completed.map((c) => c.path)];
    for (const file of stale) logger.info(`  stale: ${path.join(target.out, file)}`);
    return { ok: stale.length === 0, result };
  }
  if (mode === 'dry-run') {
    for (const file of result.written) logger.info(`  would write: ${path.join(target.out, file)}`);
    for (const file of result.obsolete) logger.info(`  would delete: ${path.join(target.out, file)}`);
  }
  return { ok: true, result };
}
