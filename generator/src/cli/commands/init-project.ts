import type { ServerDatabase, ServerFramework, ServerStore } from '../../emitters/server-options.js';

/** What `scimgen init` was told (or defaulted). */
export interface InitChoices {
  readonly server?: ServerFramework;
  readonly store: ServerStore;
  /** With the SQL store: one database only (default both). */
  readonly database?: ServerDatabase;
  readonly client: boolean;
  /** The example extension's name ("Acme" → AcmeUser). */
  readonly extension: string;
  /** Where the generated package goes, relative to the project. */
  readonly out: string;
}

type Manifest = Record<string, unknown>;

/** The placeholder `npm init -y` writes: replacing it loses nothing. */
const NPM_INIT_TEST = 'echo "Error: no test specified" && exit 1';

/**
 * The project's package.json as the choices need it, and each change said in words. The
 * generated package is a workspace of the project (`generated/*`), so a plain `npm install`
 * links it and its @scimgen/* dependencies resolve to the project's own, never a second copy.
 * Nothing the user set is changed: an existing script or dependency stays as it is (never
 * duplicated, never downgraded); only npm init's placeholder test script is replaced.
 */
export function projectPackageChanges(
  before: Manifest,
  choices: InitChoices,
  version: string,
): { after: Manifest; changes: string[] } {
  const after: Manifest = { ...before };
  const changes: string[] = [];
  const workspace = `${choices.out.split('/').slice(0, -1).join('/') || '.'}/*`;
  const workspaces = before['workspaces'];
  const list = Array.isArray(workspaces)
    ? workspaces
    : typeof workspaces === 'object' && workspaces !== null && Array.isArray((workspaces as Manifest)['packages'])
      ? ((workspaces as Manifest)['packages'] as unknown[])
      : undefined;
  if (workspaces === undefined) {
    after['workspaces'] = [workspace];
    changes.push(`workspaces: ${workspace} (the generated package)`);
  } else if (list !== undefined && !list.includes(workspace) && !list.includes(choices.out)) {
    const extended = [...list, workspace];
    after['workspaces'] = Array.isArray(workspaces) ? extended : { ...(workspaces as Manifest), packages: extended };
    changes.push(`workspaces: ${workspace} added`);
  }

  const scripts: Record<string, string> = { ...((before['scripts'] as Record<string, string> | undefined) ?? {}) };
  const wanted: Record<string, string> = {
    generate: 'scimgen generate',
    build: `scimgen generate && npm run build --workspace ${choices.out}`,
    test: 'scimgen generate --check',
    ...(choices.server !== undefined ? { start: 'node scim-start.mjs' } : {}),
  };
  for (const [name, command] of Object.entries(wanted)) {
    if (scripts[name] !== undefined && !(name === 'test' && scripts[name] === NPM_INIT_TEST)) continue;
    scripts[name] = command;
    changes.push(`scripts.${name}: ${command}`);
  }
  after['scripts'] = scripts;

  const range = `^${version}`;
  const needed = [
    '@scimgen/runtime',
    ...(choices.server !== undefined ? ['@scimgen/server'] : []),
    ...(choices.server !== undefined && choices.store === 'sql' ? ['@scimgen/stores'] : []),
    ...(choices.client ? ['@scimgen/client'] : []),
  ];
  const has = (name: string) =>
    ['dependencies', 'devDependencies', 'optionalDependencies'].some(
      (field) => (before[field] as Record<string, string> | undefined)?.[name] !== undefined,
    );
  const dependencies: Record<string, string> = { ...((before['dependencies'] as Record<string, string>) ?? {}) };
  for (const name of needed.filter((n) => !has(n))) {
    dependencies[name] = range;
    changes.push(`dependencies.${name}: ${range}`);
  }
  if (Object.keys(dependencies).length > 0) after['dependencies'] = dependencies;
  // npm asks before running install scripts; the SQLite driver compiles in one.
  const allowScripts = (before['allowScripts'] as Record<string, unknown> | undefined) ?? {};
  const sqlite = choices.server !== undefined && choices.store === 'sql' && choices.database !== 'postgres';
  if (sqlite && allowScripts['better-sqlite3'] === undefined) {
    after['allowScripts'] = { ...allowScripts, 'better-sqlite3': true };
    changes.push('allowScripts.better-sqlite3: true (it compiles the SQLite driver when it installs)');
  }
  if (!has('scimgen')) {
    after['devDependencies'] = { ...((before['devDependencies'] as Record<string, string>) ?? {}), scimgen: range };
    changes.push(`devDependencies.scimgen: ${range}`);
  }
  return { after, changes };
}
