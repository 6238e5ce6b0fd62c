import { NPM_PACKAGE_NAME } from '../render/npm-name.js';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import type { ScimgenTarget } from './define-config.js';
import { childPointer } from '../input/json-pointer.js';
import { pointerLocator } from '../input/locate.js';
import { ConfigError } from './config-error.js';
import { checkServer } from './check-server.js';
import { isPlainObject, refuseUnknownKeys } from './config-checks.js';
import { closest } from '../input/lenient/spellings.js';
import { DIAGNOSTIC_CODES } from '../input/diagnostics.js';

export const CONFIG_FILE_NAMES = [
  'scimgen.config.ts',
  'scimgen.config.mts',
  'scimgen.config.mjs',
  'scimgen.config.js',
  'scimgen.config.json',
];

export { ConfigError } from './config-error.js';

export interface LoadedConfig {
  readonly file: string;
  /** The directory every path in the config is relative to. */
  readonly dir: string;
  readonly targets: readonly ScimgenTarget[];
}

export async function findConfig(cwd: string): Promise<string | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(cwd, name);
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

/** Loads and checks a config file; every problem names the file and the JSON pointer. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const absolute = path.resolve(file);
  let raw: unknown;
  let locate: ((pointer: string) => { line: number; column: number } | undefined) | undefined;
  try {
    if (absolute.endsWith('.json')) {
      const text = await readFile(absolute, 'utf8');
      raw = JSON.parse(text) as unknown;
      locate = pointerLocator(text);
    } else {
      // jiti compiles TypeScript configs on the fly; Node 20 cannot import .ts itself.
      const jiti = createJiti(pathToFileURL(absolute).href, { interopDefault: true, moduleCache: false });
      raw = await jiti.import(absolute, { default: true });
    }
  } catch (error) {
    throw new ConfigError(`${file}: cannot load config: ${(error as Error).message}`);
  }
  return { file: absolute, dir: path.dirname(absolute), targets: checkConfig(raw, file, locate) };
}

/**
 * The targets of a loaded config, or a ConfigError naming the file, the JSON pointer and, where
 * the config is JSON text (`locate`), the line and column.
 */
export function checkConfig(
  raw: unknown,
  file: string,
  locate?: (pointer: string) => { line: number; column: number } | undefined,
): ScimgenTarget[] {
  const fail = (pointer: string, message: string): never => {
    const at = locate?.(pointer);
    throw new ConfigError(`${at === undefined ? file : `${file}:${at.line}:${at.column} `}#${pointer}: ${message}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    fail('', 'config must export an object (use defineConfig)');
  const config = raw as Record<string, unknown>;
  if ('targets' in config) refuseUnknownKeys(config, ['targets'], '', fail);
  const list = 'targets' in config ? config['targets'] : [config];
  if (!Array.isArray(list) || list.length === 0) return fail('/targets', 'targets must be a non-empty array');
  const names = new Set<string>();
  return list.map((t: unknown, i) => {
    const at = 'targets' in config ? `/targets/${i}` : '';
    if (typeof t !== 'object' || t === null) return fail(at, 'a target must be an object with "schemas" and "out"');
    const target = t as Record<string, unknown>;
    refuseUnknownKeys(target, TARGET_KEYS, at, fail);
    const schemas = target['schemas'];
    if (!Array.isArray(schemas) || schemas.length === 0 || schemas.some((s) => typeof s !== 'string' || s === '')) {
      fail(`${at}/schemas`, 'schemas must be a non-empty array of paths');
    }
    if (typeof target['out'] !== 'string' || target['out'] === '') fail(`${at}/out`, 'out must be a directory path');
    checkIgnore(target['ignore'], `${at}/ignore`, fail);
    for (const key of ['client', 'lenient'] as const)
      if (target[key] !== undefined && typeof target[key] !== 'boolean')
        fail(`${at}/${key}`, `${key} must be true or false`);
    for (const key of ['name', 'emitIr'] as const) {
      if (target[key] !== undefined && typeof target[key] !== 'string') fail(`${at}/${key}`, `${key} must be a string`);
    }
    const pkg = target['package'];
    if (pkg !== undefined) {
      if (typeof pkg !== 'object' || pkg === null) fail(`${at}/package`, 'package must be an object');
      refuseUnknownKeys(pkg as Record<string, unknown>, PACKAGE_KEYS, `${at}/package`, fail);
      for (const key of ['name', 'version', 'description', 'license']) {
        const value = (pkg as Record<string, unknown>)[key];
        if (value !== undefined && typeof value !== 'string') fail(`${at}/package/${key}`, `${key} must be a string`);
      }
      const deps = (pkg as Record<string, unknown>)['dependencies'];
      if (
        deps !== undefined &&
        (typeof deps !== 'object' || deps === null || Object.values(deps).some((v) => typeof v !== 'string'))
      )
        fail(`${at}/package/dependencies`, 'dependencies must map package names to version ranges');
      const name = (pkg as Record<string, unknown>)['name'];
      if (typeof name === 'string' && !NPM_PACKAGE_NAME.test(name)) {
        fail(`${at}/package/name`, `${JSON.stringify(name)} is not a valid npm package name`);
      }
    }
    if (target['server'] !== undefined) checkServer(target['server'], `${at}/server`, fail);
    checkMappings(target['mappings'], `${at}/mappings`, fail);
    const name = target['name'];
    if (typeof name === 'string') {
      if (names.has(name)) fail(`${at}/name`, `target name ${JSON.stringify(name)} is used twice`);
      names.add(name);
    }
    return target as unknown as ScimgenTarget;
  });
}

/** What a target, its package and its server may say (GenerateOptions, PackageOptions, ServerScaffoldOptions). */
const TARGET_KEYS = [
  'name',
  'schemas',
  'out',
  'package',
  'server',
  'client',
  'mappings',
  'emitIr',
  'limits',
  'lenient',
  'ignore',
];
const WARNING_CODES = Object.entries(DIAGNOSTIC_CODES)
  .filter(([, d]) => d.severity === 'warning')
  .map(([code]) => code);
const PACKAGE_KEYS = ['name', 'version', 'description', 'license', 'dependencies'];

/** `ignore`: warning codes only, since an error cannot be looked past. */
function checkIgnore(ignore: unknown, at: string, fail: (pointer: string, message: string) => never): void {
  if (ignore === undefined) return;
  if (!Array.isArray(ignore)) fail(at, 'ignore is a list of warning codes such as ["SCIM202"]');
  (ignore as unknown[]).forEach((code, i) => {
    if (typeof code === 'string' && WARNING_CODES.includes(code)) return;
    const meant = typeof code === 'string' ? closest(code, WARNING_CODES) : undefined;
    fail(
      `${at}/${i}`,
      `${JSON.stringify(code)} is not a warning code${meant === undefined ? '' : ` (did you mean "${meant}"?)`}; errors cannot be ignored, warnings are ${WARNING_CODES.join(', ')}`,
    );
  });
}

/** `mappings`: { ResourceType: { "scim.path": "field" | { field, type?, lookup? } } }; paths are checked against the schemas later. */
function checkMappings(mappings: unknown, at: string, fail: (pointer: string, message: string) => never): void {
  if (mappings === undefined) return;
  const example = 'such as { User: { userName: "username" } }';
  if (!isPlainObject(mappings)) fail(at, `mappings must be an object ${example}`);
  for (const [type, paths] of Object.entries(mappings as Record<string, unknown>)) {
    const typeAt = childPointer(at, type);
    if (!isPlainObject(paths)) fail(typeAt, `the mappings of ${type} must be an object ${example}`);
    for (const [path, entry] of Object.entries(paths as Record<string, unknown>)) {
      const entryAt = childPointer(typeAt, path);
      if (typeof entry === 'string') continue;
      if (!isPlainObject(entry) || typeof entry['field'] !== 'string')
        fail(entryAt, 'a mapping is a field name, or { field, type?, lookup? }');
      const { type: kind, lookup } = entry as Record<string, unknown>;
      if (kind !== undefined && !['string', 'number', 'boolean'].includes(kind as string))
        fail(`${entryAt}/type`, 'type must be "string", "number" or "boolean"');
      if (lookup !== undefined && typeof lookup !== 'string') fail(`${entryAt}/lookup`, 'lookup must be a name');
    }
  }
}
