import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PACKAGES = ['runtime', 'server', 'stores', 'client'];

/**
 * Every `@scimgen/*` import a test reaches (its own, or one inside a package's source) resolved to
 * that package's TypeScript source, the way the tests import packages themselves: a run loads each
 * package once, from source, so an edit is tested at once and never beside a stale `dist`.
 * Processes a test starts (generated servers, the CLI) run the built packages, which `npm test`
 * builds first.
 */
export function sourceAliases(): { find: RegExp; replacement: string }[] {
  return PACKAGES.flatMap((name) => {
    const dir = path.join(ROOT, 'packages', name);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, string | { default: string }>;
    };
    return Object.entries(manifest.exports).map(([subpath, target]) => {
      const built = typeof target === 'string' ? target : target.default;
      const source = built.replace(/^\.\/dist\//, './src/').replace(/\.js$/, '.ts');
      const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
      return { find: new RegExp(`^${specifier.replace(/[/.]/g, '\\$&')}$`), replacement: path.join(dir, source) };
    });
  });
}
