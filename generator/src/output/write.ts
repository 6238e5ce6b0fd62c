import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { mergeManifest } from './manifest-merge.js';
import path from 'node:path';
import { GENERATED_HEADER, type FileSpec, type RequiredMembers } from '../emitters/file-spec.js';
import type { ScaffoldCompletion } from './complete-scaffold.js';

// ts-morph and prettier load the first time a scaffold is completed or a manifest merged, so
// importing scimgen (for writeFiles or anything beside it) stays cheap.
async function completeScaffold(
  fileName: string,
  existing: string,
  required: RequiredMembers,
): Promise<ScaffoldCompletion> {
  return (await import('./complete-scaffold.js')).completeScaffold(fileName, existing, required);
}
async function formatFile(filePath: string, contents: string): Promise<string> {
  return (await import('./format.js')).formatFile(filePath, contents);
}

export type WriteMode = 'write' | 'check' | 'dry-run';

export interface WriteResult {
  /** Files created or changed (in check and dry-run mode: that would be). */
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  /** Generated files no longer produced (deleted in write mode). */
  readonly obsolete: readonly string[];
  /** Scaffold files left alone because the user owns them now. */
  readonly kept: readonly string[];
  /** Scaffold files that lacked methods the generated code needs: what was (or would be) added. */
  readonly completed: readonly { readonly path: string; readonly added: readonly string[] }[];
  /** Scaffold files that could not be completed, and why. */
  readonly problems: readonly { readonly path: string; readonly problem: string }[];
}

/** Resolves a planned path inside the output directory, refusing anything that would escape it. */
export function resolveInside(outDir: string, relative: string): string {
  if (relative === '' || path.isAbsolute(relative) || relative.split(/[\\/]/).includes('..')) {
    throw new Error(`refusing to write ${JSON.stringify(relative)}: outside the output directory`);
  }
  const root = path.resolve(outDir);
  const target = path.resolve(root, relative);
  if (!target.startsWith(root + path.sep)) {
    throw new Error(`refusing to write ${JSON.stringify(relative)}: outside the output directory`);
  }
  return target;
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Generated files under src/ that carry our header: the ones we may delete when no longer produced. */
async function generatedFilesOnDisk(outDir: string): Promise<string[]> {
  const root = path.join(path.resolve(outDir), 'src');
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (
        entry.isFile() &&
        entry.name.endsWith('.ts') &&
        (await readIfExists(full))?.startsWith(GENERATED_HEADER)
      ) {
        found.push(path.relative(path.resolve(outDir), full).split(path.sep).join('/'));
      }
    }
  };
  await walk(root);
  return found.sort();
}

/** Writes to a temporary file first and renames it into place, so a crash never leaves half a file. */
async function replaceFile(target: string, contents: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, contents, 'utf8');
  await rename(temporary, target);
}

/**
 * Brings the output directory in line with the plan. Unchanged files are not touched (their
 * mtimes stay, so watchers and incremental builds stay quiet); each write goes to a temporary
 * file first and is renamed into place, so a crash never leaves half a file.
 */
export async function writeFiles(outDir: string, files: readonly FileSpec[], mode: WriteMode): Promise<WriteResult> {
  const written: string[] = [];
  const unchanged: string[] = [];
  const kept: string[] = [];
  const completed: { path: string; added: readonly string[] }[] = [];
  const problems: { path: string; problem: string }[] = [];
  const planned = new Set(files.map((f) => f.path));
  for (const file of files) {
    const target = resolveInside(outDir, file.path);
    const existing = await readIfExists(target);
    if (file.ownership === 'scaffold' && existing !== undefined) {
      const completion =
        file.requiredMembers === undefined
          ? undefined
          : await completeScaffold(file.path, existing, file.requiredMembers);
      if (completion?.problem !== undefined) problems.push({ path: file.path, problem: completion.problem });
      if (completion === undefined || completion.added.length === 0) {
        kept.push(file.path);
        continue;
      }
      completed.push({ path: file.path, added: completion.added });
      if (mode === 'write') await replaceFile(target, await formatFile(file.path, completion.contents));
      continue;
    }
    // The package's manifest keeps what the user added to it (dependencies, scripts, fields).
    const contents =
      file.path === 'package.json' && existing !== undefined && existing !== file.contents
        ? await formatFile(file.path, mergeManifest(existing, file.contents))
        : file.contents;
    if (existing === contents) {
      unchanged.push(file.path);
      continue;
    }
    written.push(file.path);
    if (mode === 'write') await replaceFile(target, contents);
  }
  const obsolete = (await generatedFilesOnDisk(outDir)).filter((f) => !planned.has(f));
  if (mode === 'write') {
    for (const file of obsolete) await rm(resolveInside(outDir, file));
  }
  return { written, unchanged, obsolete, kept, completed, problems };
}
