import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generate } from '../generator/src/index.js';
import { compileInMemory } from './helpers/compile.js';
import { readTree, REPO_ROOT, tempDir } from './helpers/fs.js';

/**
 * Golden files of generated output. Set UPDATE_GOLDEN=1 to rewrite them after an intended
 * change, then review the diff like any other code change.
 */
const CASES: [name: string, schemas: string[]][] = [
  ['core', ['schemas/core', 'schemas/resource-types']],
  ['acme', ['schemas/core', 'schemas/resource-types/Group.json', 'schemas/examples/acme']],
  ['hostile', ['test/fixtures/hostile']],
];

async function generateCase(name: string, schemas: string[]) {
  const result = await generate({
    schemas,
    out: `golden-${name}`,
    package: { name: `golden-${name}`, version: '0.0.0' },
    cwd: REPO_ROOT,
  });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return Object.fromEntries(result.files.map((f) => [f.path, f.contents]));
}

describe.each(CASES)('golden output: %s', (name, schemas) => {
  const goldenDir = path.join(REPO_ROOT, 'test/golden', name);

  it('matches the golden files byte for byte', async () => {
    const files = await generateCase(name, schemas);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      await rm(goldenDir, { recursive: true, force: true });
      for (const [file, contents] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(goldenDir, file)), { recursive: true });
        await writeFile(path.join(goldenDir, file), contents);
      }
    }
    expect(files).toEqual(await readTree(goldenDir));
  });

  it('compiles with tsc --strict', async () => {
    const golden = await readTree(goldenDir);
    const sources = Object.fromEntries(Object.entries(golden).filter(([file]) => file.endsWith('.ts')));
    expect(Object.keys(sources).length).toBeGreaterThan(2);
    expect(compileInMemory(sources)).toEqual([]);
  });
});

describe('hostile schema', () => {
  it('imports without running anything its text contains', async () => {
    const golden = await readTree(path.join(REPO_ROOT, 'test/golden/hostile'));
    const dir = await tempDir();
    await writeFile(path.join(dir, 'package.json'), '{"type":"module"}');
    for (const [file, source] of Object.entries(golden)) {
      if (!file.endsWith('.ts')) continue;
      const js = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      }).outputText;
      const target = path.join(dir, file.replace(/\.ts$/, '.js'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, js);
    }
    const exported = (await import(pathToFileURL(path.join(dir, 'src/index.js')).href)) as Record<string, unknown>;
    expect(Object.keys(exported)).toEqual([]);
    expect((globalThis as Record<string, unknown>)['__scimgenInjected']).toBeUndefined();
  });

  it('keeps hostile text inert: comments stay closed and literals stay quoted', async () => {
    const files = await generateCase('hostile', ['test/fixtures/hostile']);
    const thing = files['src/models/resources/thing.ts']!;
    expect(thing).not.toMatch(/\*\/ globalThis/);
    expect(thing).toContain('*\\/ globalThis.__scimgenInjected = true; /*');
    expect(thing).toContain(`'\`\${globalThis.__scimgenInjected = true}\`'`);
    expect(thing).toContain("'line\\nbreak'");
    expect(thing).toContain('\\@internal');
  });

  it('gives colliding and reserved names distinct safe identifiers', async () => {
    const files = await generateCase('hostile', ['test/fixtures/hostile']);
    const schema = files['src/models/schemas/thing.ts']!;
    expect(schema).toContain('export interface ThingItem {');
    expect(schema).toContain('export interface ThingItem2 {');
    expect(schema).toContain('export interface ThingConstructor {');
  });
});
