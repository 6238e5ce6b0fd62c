import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ASSETS_ROOT } from '../render/assets.js';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import type { InputLimits } from './limits.js';

/** One input document: where it came from and its text. */
export interface SourceDocument {
  /** Shown in diagnostics; for files, the path as the user gave it (forward slashes). */
  readonly file: string;
  readonly text: string;
}

/**
 * Schema sets that ship with scimgen, addressable from a config or the CLI so a project does
 * not have to copy the RFC text into its repository.
 */
export const BUILTIN_SOURCES: Readonly<Record<string, string>> = {
  'scimgen:rfc7643': 'core',
  'scimgen:rfc7643-resource-types': 'resource-types',
};

const BUILTIN_ROOT = path.join(ASSETS_ROOT, 'schemas');

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Expands files and directories (recursively, *.json) into documents, in a sorted order so
 * that the output never depends on the order the user listed them or the file system walk.
 */
export async function readSources(
  inputs: readonly string[],
  cwd: string,
  limits: InputLimits,
): Promise<{ documents: SourceDocument[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, string>(); // display name -> absolute path
  for (const input of inputs) {
    const builtin = BUILTIN_SOURCES[input];
    if (builtin === undefined && /^scimgen:/i.test(input)) {
      // A built-in set name with a typo is no path either: say which names there are.
      diagnostics.push(
        diagnostic(
          'SCIM005',
          input,
          '',
          `no built-in schema set is named ${JSON.stringify(input)}`,
          `one of ${Object.keys(BUILTIN_SOURCES).join(', ')}`,
        ),
      );
      continue;
    }
    const absolute = builtin !== undefined ? path.join(BUILTIN_ROOT, builtin) : path.resolve(cwd, input);
    const display = (abs: string) =>
      builtin !== undefined
        ? `${input}/${toPosix(path.relative(absolute, abs))}`
        : toPosix(path.relative(cwd, abs) || abs);
    let info;
    try {
      info = await stat(absolute);
    } catch {
      diagnostics.push(
        diagnostic(
          'SCIM005',
          toPosix(input),
          '',
          `no such file or directory: ${input}${path.isAbsolute(input) ? '' : ` (relative to ${toPosix(cwd)})`}`,
          'a schema file or a directory of them',
        ),
      );
      continue;
    }
    if (info.isDirectory()) {
      for (const file of await walk(absolute)) files.set(display(file), file);
    } else {
      files.set(display(absolute), absolute);
    }
  }
  const names = [...files.keys()].sort();
  if (names.length > limits.maxFiles) {
    diagnostics.push(
      diagnostic(
        'SCIM002',
        toPosix(inputs.join(', ')),
        '',
        `${names.length} input files`,
        `at most ${limits.maxFiles}`,
      ),
    );
    return { documents: [], diagnostics };
  }
  const documents: SourceDocument[] = [];
  for (const name of names) {
    const absolute = files.get(name)!;
    const size = (await stat(absolute)).size;
    if (size > limits.maxFileBytes) {
      diagnostics.push(
        diagnostic('SCIM002', name, '', `file is ${size} bytes`, `at most ${limits.maxFileBytes} bytes`),
      );
      continue;
    }
    try {
      documents.push({ file: name, text: await readFile(absolute, 'utf8') });
    } catch (error) {
      diagnostics.push(diagnostic('SCIM005', name, '', `cannot read file: ${(error as Error).message}`));
    }
  }
  return { documents, diagnostics };
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(full);
  }
  return out;
}
