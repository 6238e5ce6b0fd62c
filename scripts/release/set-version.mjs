// `npm run version:set -- <version>`: moves every published package to one version, and every
// dependency among them to ^<version>. Then `npm install` updates package-lock.json and
// `npm run build` the generated packages (their ranges come from the generator's manifest).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOOLKIT, readManifest, toolkitProblems } from './toolkit.mjs';

const [version, rootArgument] = process.argv.slice(2);
if (version === undefined || !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version)) {
  process.stderr.write('usage: npm run version:set -- <major.minor.patch[-prerelease]>\n');
  process.exit(2);
}
// A second argument names another checkout (the tests run it on a copy).
const root = path.resolve(rootArgument ?? fileURLToPath(new URL('../..', import.meta.url)));
const names = new Set(TOOLKIT.map(([, name]) => name));
for (const [dir] of TOOLKIT) {
  const manifest = readManifest(root, dir);
  manifest.version = version;
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'])
    for (const dependency of Object.keys(manifest[field] ?? {}))
      if (names.has(dependency)) manifest[field][dependency] = `^${version}`;
  writeFileSync(path.join(root, dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
const problems = toolkitProblems(root);
if (problems.length > 0) {
  process.stderr.write(`set-version: ${problems.join('; ')}\n`);
  process.exit(1);
}
process.stderr.write(`set-version: ${TOOLKIT.length} packages at ${version}; now npm install && npm run build\n`);
