import { execFile } from 'node:child_process';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, writeFiles } from '../generator/src/index.js';
import { main } from '../generator/src/cli/main.js';
import { createLogger } from '../generator/src/cli/logger.js';
import { compileProject } from './helpers/compile.js';
import { REPO_ROOT } from './helpers/fs.js';

const exec = promisify(execFile);
const TSC = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const SCRATCH = path.join(REPO_ROOT, '.vitest-tmp');

afterAll(async () => {
  await rm(SCRATCH, { recursive: true, force: true });
});

describe('the repository’s generated packages', () => {
  it('packages/core and examples/acme-models match the generator (scimgen generate --check)', async () => {
    let said = '';
    const logger = createLogger({ write: (s: string) => ((said += s), true) } as unknown as NodeJS.WritableStream, {});
    const previous = process.cwd();
    process.chdir(REPO_ROOT);
    try {
      expect(await main(['node', 'scimgen', 'generate', '--check'], logger), said).toBe(0);
    } finally {
      process.chdir(previous);
    }
    expect(said).toMatch(/✔ \d+ files up to date/);
  });

  it('packages/core builds with tsc -p of its own tsconfig', async () => {
    const { stdout } = await exec(process.execPath, [TSC, '-p', 'packages/core/tsconfig.json', '--noEmit'], {
      cwd: REPO_ROOT,
    });
    expect(stdout).toBe('');
  });

  it('a package generated anywhere in the workspace builds with its own tsconfig', async () => {
    const out = path.join(SCRATCH, 'nested/dir/scim-types');
    await mkdir(out, { recursive: true });
    const result = await generate({
      schemas: ['scimgen:rfc7643', 'scimgen:rfc7643-resource-types', 'schemas/examples/acme'],
      out,
      cwd: REPO_ROOT,
    });
    // The acme directory brings its own User resource type; the built-in one must then be left out.
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['SCIM303']);
    const ok = await generate({ schemas: ['scimgen:rfc7643', 'schemas/examples/acme'], out, cwd: REPO_ROOT });
    expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await writeFiles(out, ok.files, 'write');
    const { stdout } = await exec(process.execPath, [TSC, '-p', path.join(out, 'tsconfig.json')], { cwd: out });
    expect(stdout).toBe('');
  });

  it('another workspace package imports the generated acme types with full types', () => {
    // examples/acme-app resolves @scimgen-examples/acme-models through node_modules and its exports map.
    expect(compileProject(path.join(REPO_ROOT, 'examples/acme-app/tsconfig.json'))).toEqual([]);
  });

  it.each(['.', 'examples/acme-app'])('npx scimgen runs the workspace generator from %s', async (dir) => {
    // --no: never fetch from the registry; the bin must come from the workspace itself.
    const { stdout } = await exec('npx', ['--no', '--', 'scimgen', '--version'], { cwd: path.join(REPO_ROOT, dir) });
    expect(stdout.trim()).toBe(
      JSON.parse(await readFile(path.join(REPO_ROOT, 'generator/package.json'), 'utf8')).version,
    );
  });
});
