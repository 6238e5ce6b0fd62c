/**
 * The published packages as a consumer receives them: what `npm run pack:all` puts in each
 * tarball, and the one version the toolkit moves under.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/fs.js';
// @ts-expect-error: a plain .mjs script of the repository, without declarations.
import { TOOLKIT, toolkitProblems } from '../scripts/release/toolkit.mjs';

const exec = promisify(execFile);
const toolkit = TOOLKIT as [string, string][];
const VERSION = JSON.parse(await readFile(path.join(REPO_ROOT, 'generator/package.json'), 'utf8')).version as string;
/** Packages an application chooses among, so no toolkit package may pull them in. */
const APPLICATION_CHOICES = ['better-sqlite3', 'pg', 'express', 'fastify'];

let packs: string;
let tarballs: string[];
beforeAll(async () => {
  packs = await mkdtemp(path.join(os.tmpdir(), 'scimgen-packs-'));
  const { stdout } = await exec(process.execPath, ['scripts/release/pack-all.mjs', packs], { cwd: REPO_ROOT });
  tarballs = stdout.trim().split('\n');
}, 120_000);
afterAll(() => rm(packs, { recursive: true, force: true }));

const listing = async (tarball: string) =>
  (await exec('tar', ['-tzf', tarball], { maxBuffer: 16 * 1024 * 1024 })).stdout.trim().split('\n');
const member = async (tarball: string, file: string) =>
  (await exec('tar', ['-xzOf', tarball, `package/${file}`], { maxBuffer: 16 * 1024 * 1024 })).stdout;

describe('npm run pack:all', () => {
  it('packs every published package once, all at the generator version', () => {
    expect(tarballs.map((t) => path.basename(t))).toEqual(
      toolkit.map(([, name]) => `${name.replace(/^@/, '').replace('/', '-')}-${VERSION}.tgz`),
    );
  });

  it.each(toolkit)('%s: dist with declarations, README, LICENSE, and no tests', async (dir, name) => {
    const tarball = tarballs.find((t) => path.basename(t).startsWith(name.replace(/^@/, '').replace('/', '-') + '-'))!;
    const files = await listing(tarball);
    for (const required of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts'])
      expect(files, `${dir} lacks ${required}`).toContain(`package/${required}`);
    expect(files.filter((f) => /(^|\/)(test|tests|__tests__|node_modules)\/|\.test\.|\.tsbuildinfo$/.test(f))).toEqual(
      [],
    );
    expect(await member(tarball, 'LICENSE')).toBe(await readFile(path.join(REPO_ROOT, 'LICENSE'), 'utf8'));
    const manifest = JSON.parse(await member(tarball, 'package.json'));
    expect({
      name: manifest.name,
      version: manifest.version,
      license: manifest.license,
      type: manifest.type,
      node: manifest.engines?.node,
      private: manifest.private,
      entry: manifest.exports['.'].types ?? manifest.exports['.'].default,
    }).toEqual({
      name,
      version: VERSION,
      license: 'MIT',
      type: 'module',
      node: '>=20.19',
      private: undefined,
      entry: './dist/index.d.ts',
    });
    // A PostgreSQL user compiles no SQLite driver, an Express user gets no Fastify.
    expect(Object.keys(manifest.dependencies ?? {}).filter((d) => APPLICATION_CHOICES.includes(d))).toEqual([]);
    for (const peer of Object.keys(manifest.peerDependencies ?? {}))
      expect(manifest.peerDependenciesMeta?.[peer]?.optional, `${name} peer ${peer}`).toBe(true);
  });

  it('the CLI tarball runs: its bin, its templates and the built-in schemas are in it', async () => {
    const files = await listing(tarballs[0]!);
    expect(files).toEqual(
      expect.arrayContaining([
        'package/bin/scimgen.js',
        'package/assets/templates/package/package.json.hbs',
        'package/assets/schemas/core/User.json',
      ]),
    );
  });
});

describe('one version for the toolkit', () => {
  /** The published packages' manifests alone, in a folder laid out like the repository. */
  async function copyOfManifests(): Promise<string> {
    const root = await mkdtemp(path.join(os.tmpdir(), 'scimgen-version-'));
    for (const [dir] of toolkit) {
      await mkdir(path.join(root, dir), { recursive: true });
      await cp(path.join(REPO_ROOT, dir, 'package.json'), path.join(root, dir, 'package.json'));
    }
    return root;
  }

  it('holds in this repository', () => {
    expect(toolkitProblems(REPO_ROOT)).toEqual([]);
  });

  it('names a package out of step and a dependency on another version', async () => {
    const root = await copyOfManifests();
    try {
      const file = path.join(root, 'packages/client/package.json');
      const client = JSON.parse(await readFile(file, 'utf8'));
      client.version = '9.9.9';
      client.dependencies['@scimgen/runtime'] = '^0.0.1';
      await writeFile(file, JSON.stringify(client));
      expect(toolkitProblems(root)).toEqual([
        `packages/client/package.json: version 9.9.9, but scimgen is ${VERSION} (one version for all)`,
        `packages/client/package.json: dependencies.@scimgen/runtime is ^0.0.1, expected ^${VERSION}`,
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('npm run version:set moves every package and every range among them', async () => {
    const root = await copyOfManifests();
    try {
      await exec(process.execPath, ['scripts/release/set-version.mjs', '1.2.3-rc.1', root], { cwd: REPO_ROOT });
      expect(toolkitProblems(root)).toEqual([]);
      const generator = JSON.parse(await readFile(path.join(root, 'generator/package.json'), 'utf8'));
      expect(generator.version).toBe('1.2.3-rc.1');
      expect(generator.dependencies['@scimgen/runtime']).toBe('^1.2.3-rc.1');
      const refused = await exec(process.execPath, ['scripts/release/set-version.mjs', 'next', root], {
        cwd: REPO_ROOT,
      }).catch((e: { code: number; stderr: string }) => e);
      expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: npm run version:set') });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
