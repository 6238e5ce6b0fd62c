import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generate, loadConfig, type ScimgenTarget } from '../generator/src/index.js';
import { compileInMemory } from './helpers/compile.js';
import { readTree, REPO_ROOT } from './helpers/fs.js';

/**
 * Golden files of generated output. The goldens of the repository's config targets (core, acme)
 * are the committed packages themselves (packages/core, examples/acme-models: example, published
 * type package and regression test in one); the hostile golden lives in test/golden. Set UPDATE_GOLDEN=1 to rewrite them after
 * an intended change, then review the diff like any other code change.
 */
const REPO_CONFIG = await loadConfig(path.join(REPO_ROOT, 'scimgen.config.ts'));
const HOSTILE: ScimgenTarget = {
  name: 'hostile',
  schemas: ['test/fixtures/hostile'],
  out: 'test/golden/hostile',
  package: { name: 'golden-hostile', version: '0.1.0' },
};
const CASES: [name: string, ScimgenTarget][] = [...REPO_CONFIG.targets, HOSTILE].map((t) => [t.name!, t]);

/**
 * Generated files only: the committed packages also hold node_modules and dist after a build,
 * and data/ (ignored by git) once a server of theirs has run there.
 */
async function readGolden(dir: string): Promise<Record<string, string>> {
  const tree = await readTree(dir);
  return Object.fromEntries(Object.entries(tree).filter(([file]) => !/^(node_modules|dist|data)\//.test(file)));
}

async function generateCase(name: string) {
  const target = CASES.find(([n]) => n === name)![1];
  const result = await generate({ ...target, cwd: REPO_ROOT });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return Object.fromEntries(result.files.map((f) => [f.path, f.contents]));
}

/** Files the generator owns; scaffolds are the user's once written (examples/snipeit-app edits them). */
async function generatedPaths(name: string): Promise<Set<string>> {
  const target = CASES.find(([n]) => n === name)![1];
  const result = await generate({ ...target, cwd: REPO_ROOT });
  return new Set(result.files.filter((f) => f.ownership === 'generated').map((f) => f.path));
}

describe.each(CASES)('golden output: %s', (name, { out }) => {
  const goldenDir = path.join(REPO_ROOT, out);

  it('matches the golden files byte for byte', async () => {
    const generated = await generatedPaths(name);
    const all = await generateCase(name);
    const files = Object.fromEntries(Object.entries(all).filter(([file]) => generated.has(file)));
    if (process.env['UPDATE_GOLDEN'] === '1') {
      // Only the generator's own files: scaffolds and the user's code in an example stay.
      for (const file of Object.keys(await readGolden(goldenDir)))
        if (generated.has(file)) await rm(path.join(goldenDir, file));
      for (const [file, contents] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(goldenDir, file)), { recursive: true });
        await writeFile(path.join(goldenDir, file), contents);
      }
    }
    const golden = await readGolden(goldenDir);
    expect(files).toEqual(Object.fromEntries(Object.entries(golden).filter(([file]) => generated.has(file))));
    // Every file of the golden directory is one the generator writes, or a scaffold, a license or code of the user's.
    const scaffolds = new Set(Object.keys(all));
    const usersOwn = (f: string) => f.startsWith('src/app/') || f === 'LICENSE';
    expect(Object.keys(golden).filter((f) => !scaffolds.has(f) && !usersOwn(f))).toEqual([]);
  });

  it('compiles with tsc --strict', async () => {
    const sources = Object.fromEntries(
      Object.entries(await readGolden(goldenDir)).filter(([file]) => file.endsWith('.ts')),
    );
    expect(Object.keys(sources).length).toBeGreaterThan(2);
    expect(compileInMemory(sources)).toEqual([]);
  });
});

describe('hostile schema', () => {
  it('imports without running anything its text contains', async () => {
    const golden = await readTree(path.join(REPO_ROOT, 'test/golden/hostile'));
    // Inside the repository, so the generated validators' import of @scimgen/runtime resolves.
    await mkdir(path.join(REPO_ROOT, '.vitest-import'), { recursive: true });
    const dir = await mkdtemp(path.join(REPO_ROOT, '.vitest-import', 'hostile-'));
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
    expect(Object.keys(exported).sort()).toEqual([
      'resourceTypeDefinitions',
      'resourceTypes',
      'schemaDocuments',
      'thingDefinition',
      'thingResourceType',
      'thingSchema',
      'validateThingCreateRequest',
      'validateThingPatchResult',
      'validateThingReplaceRequest',
      'validateThingResponse',
    ]);
    expect((globalThis as Record<string, unknown>)['__scimgenInjected']).toBeUndefined();
    await rm(dir, { recursive: true, force: true });
    // The hostile text arrives as data, byte for byte.
    const fixture = JSON.parse(await readFile(path.join(REPO_ROOT, 'test/fixtures/hostile/Thing.json'), 'utf8')) as {
      attributes: { name: string; canonicalValues?: string[] }[];
    };
    // The published Schema resource carries the hostile description as data too.
    const published = (
      exported['schemaDocuments'] as { description: string; attributes: { description: string }[] }[]
    )[0]!;
    expect(published.attributes.map((a) => a.description)).toEqual(
      (
        JSON.parse(await readFile(path.join(REPO_ROOT, 'test/fixtures/hostile/Thing.json'), 'utf8')) as {
          attributes: { description?: string }[];
        }
      ).attributes.map((a) => a.description ?? ''),
    );
    const schema = exported['thingSchema'] as { attributes: { name: string; canonicalValues: string[] }[] };
    expect(schema.attributes.find((a) => a.name === 'kind')!.canonicalValues).toEqual(
      fixture.attributes.find((a) => a.name === 'kind')!.canonicalValues,
    );
  });

  it('keeps hostile text inert: comments stay closed and literals stay quoted', async () => {
    const files = await generateCase('hostile');
    const thing = files['src/models/resources/thing.ts']!;
    expect(thing).not.toMatch(/\*\/ globalThis/);
    expect(thing).toContain('*\\/ globalThis.__scimgenInjected = true; /*');
    expect(thing).toContain(`'\`\${globalThis.__scimgenInjected = true}\`'`);
    expect(thing).toContain("'line\\nbreak'");
    expect(thing).toContain('\\@internal');
  });

  it('gives colliding and reserved names distinct safe identifiers', async () => {
    const files = await generateCase('hostile');
    const schema = files['src/models/schemas/thing.ts']!;
    expect(schema).toContain('export interface ThingItem {');
    expect(schema).toContain('export interface ThingItem2 {');
    expect(schema).toContain('export interface ThingConstructor {');
  });
});
