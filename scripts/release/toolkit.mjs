// The packages scimgen publishes, released together under one version.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Workspace folder and npm name of every published package. */
export const TOOLKIT = [
  ['generator', 'scimgen'],
  ['packages/runtime', '@scimgen/runtime'],
  ['packages/server', '@scimgen/server'],
  ['packages/stores', '@scimgen/stores'],
  ['packages/client', '@scimgen/client'],
  ['packages/core', '@scimgen/core'],
];
const NAMES = new Set(TOOLKIT.map(([, name]) => name));
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

export function readManifest(root, dir) {
  return JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8'));
}

/**
 * What keeps the toolkit from being released as one: versions that differ, and a package that
 * depends on another of the toolkit by anything but ^<the version>. Empty when all is well.
 */
export function toolkitProblems(root) {
  const manifests = TOOLKIT.map(([dir, name]) => ({ dir, name, manifest: readManifest(root, dir) }));
  const version = manifests[0].manifest.version;
  const problems = [];
  for (const { dir, name, manifest } of manifests) {
    if (manifest.name !== name) problems.push(`${dir}/package.json: name is ${manifest.name}, expected ${name}`);
    if (manifest.version !== version)
      problems.push(
        `${dir}/package.json: version ${manifest.version}, but scimgen is ${version} (one version for all)`,
      );
    for (const field of DEPENDENCY_FIELDS)
      for (const [dependency, range] of Object.entries(manifest[field] ?? {}))
        if (NAMES.has(dependency) && range !== `^${version}`)
          problems.push(`${dir}/package.json: ${field}.${dependency} is ${range}, expected ^${version}`);
  }
  return problems;
}
