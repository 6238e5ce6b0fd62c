// `npm run pack:all [-- <folder>]`: every published package of the toolkit packed to a tarball
// (default folder ./packs), after checking they share one version and are built. Prints the
// tarballs' paths, one per line, for `npm install <tarballs…>`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOLKIT, readManifest, toolkitProblems } from './toolkit.mjs';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const destination = path.resolve(process.argv[2] ?? path.join(root, 'packs'));

const problems = toolkitProblems(root);
for (const [dir] of TOOLKIT)
  if (!existsSync(path.join(root, dir, 'dist', 'index.js')))
    problems.push(`${dir}/dist/index.js is missing: run \`npm run build\` first`);
if (problems.length > 0) {
  process.stderr.write(`pack-all: not packed\n${problems.map((p) => `  ${p}\n`).join('')}`);
  process.exit(1);
}

mkdirSync(destination, { recursive: true });
for (const [dir] of TOOLKIT) {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
      cwd: path.join(root, dir),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  process.stdout.write(`${path.join(destination, packed[0].filename)}\n`);
}
process.stderr.write(`pack-all: ${TOOLKIT.length} packages at ${readManifest(root, TOOLKIT[0][0]).version}\n`);
