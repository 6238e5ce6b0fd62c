import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Entries kept in each cache: a few runs of a large project's targets; the least recently used go first. */
const MAX_ENTRIES = 2000;

/**
 * What a library made of a text before (prettier's formatting, json-schema-to-typescript's
 * declarations), remembered by what it was given. Those two are most of what generate costs (a
 * validators file of 200 KB takes prettier half a second), and most runs give them text an
 * earlier run gave already: a regeneration, `--check`, the watcher. The key covers the library's
 * version, its options and the text, so a hit is exactly what the library would return, and on
 * a run where everything hits neither library is even loaded. Best effort: a cache that cannot be
 * read or written only makes the run slower.
 */
export class TextCache {
  private added = 0;

  /** `root` holds one folder per library; `name` is this one's. */
  constructor(root: string, name: string) {
    this.dir = path.join(root, name);
  }

  private readonly dir: string;

  static key(settings: string, text: string): string {
    return createHash('sha256').update(settings).update('\0').update(text).digest('hex');
  }

  /** The text remembered under the key; none when absent or damaged (its checksum line disagrees). */
  async get(key: string): Promise<string | undefined> {
    const file = path.join(this.dir, key);
    try {
      const entry = await readFile(file, 'utf8');
      const newline = entry.indexOf('\n');
      const text = entry.slice(newline + 1);
      if (newline !== 64 || entry.slice(0, 64) !== checksum(text)) return undefined;
      const now = new Date();
      await utimes(file, now, now);
      return text;
    } catch {
      return undefined;
    }
  }

  async set(key: string, text: string): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true });
      // Whole or not at all: a reader never sees half an entry.
      const temporary = path.join(this.dir, `.${key}.${process.pid}.tmp`);
      await writeFile(temporary, `${checksum(text)}\n${text}`, 'utf8');
      await rename(temporary, path.join(this.dir, key));
      this.added++;
    } catch {
      // Only slower next time.
    }
  }

  /** After a run that added entries: the least recently used go, down to the limit. */
  async prune(): Promise<void> {
    if (this.added === 0) return;
    this.added = 0;
    try {
      await this.dropLeastRecentlyUsed();
    } catch {
      // Tried again after the next run that adds something.
    }
  }

  private async dropLeastRecentlyUsed(): Promise<void> {
    const names = (await readdir(this.dir)).filter((name) => !name.startsWith('.'));
    if (names.length <= MAX_ENTRIES) return;
    const aged = await Promise.all(
      names.map(async (name) => ({ name, used: (await stat(path.join(this.dir, name))).mtimeMs })),
    );
    aged.sort((a, b) => a.used - b.used);
    for (const { name } of aged.slice(0, names.length - MAX_ENTRIES))
      await rm(path.join(this.dir, name), { force: true });
  }
}

const checksum = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Where the CLI keeps its caches: in the node_modules/.cache of the nearest folder at or above
 * `from` that has a node_modules, as other build tools do; none outside an npm project.
 */
export function defaultCacheDir(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return path.join(dir, 'node_modules', '.cache', 'scimgen');
    if (path.dirname(dir) === dir) return undefined;
  }
}
