import { cp, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, generateFromDocuments } from '../generator/src/index.js';
import { REPO_ROOT, tempDir } from './helpers/fs.js';

const SCHEMA_DIRS = ['schemas/core', 'schemas/resource-types/Group.json', 'schemas/examples/acme'];

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function allSchemaFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const entry of SCHEMA_DIRS) {
    const full = path.join(REPO_ROOT, entry);
    if (entry.endsWith('.json')) files.push(full);
    else {
      for (const f of await readdir(full, { recursive: true })) if (f.endsWith('.json')) files.push(path.join(full, f));
    }
  }
  return files;
}

async function bytes(schemas: string[], cwd: string): Promise<string> {
  const result = await generate({ schemas, out: 'out', package: { name: 'determinism' }, cwd });
  expect(result.files.length).toBeGreaterThan(5);
  return JSON.stringify(result.files);
}

describe('determinism', () => {
  it('gives identical bytes for the same input listed in any order', async () => {
    const files = await allSchemaFiles();
    const reference = await bytes(files, REPO_ROOT);
    for (const seed of [1, 2, 3]) expect(await bytes(shuffled(files, seed), REPO_ROOT)).toBe(reference);
  });

  it('gives identical bytes whatever the file names and directory layout', async () => {
    const files = await allSchemaFiles();
    const reference = await bytes(files, REPO_ROOT);
    const dir = await tempDir();
    // Reverse-sorted names so the directory walk meets the files in the opposite order.
    await Promise.all(files.map((f, i) => cp(f, path.join(dir, `${String(files.length - i).padStart(3, '0')}.json`))));
    expect(await bytes(['.'], dir)).toBe(reference);
  });

  it('gives identical bytes from one /Schemas ListResponse in any order as from the files', async () => {
    const files = await allSchemaFiles();
    const docs = await Promise.all(
      files.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as Record<string, unknown>),
    );
    const render = async (seed: number) => {
      const list = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], Resources: shuffled(docs, seed) };
      const result = await generateFromDocuments([{ file: 'live.json', text: JSON.stringify(list) }], {
        out: 'out',
        package: { name: 'determinism' },
      });
      return JSON.stringify(result.files);
    };
    expect(await render(7)).toBe(await render(8));
    expect(await render(7)).toBe(await bytes(files, REPO_ROOT));
  });
});
