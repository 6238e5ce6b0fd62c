import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  SERVER_FRAMEWORKS,
  SERVER_STORES,
  type ServerDatabase,
  type ServerFramework,
  type ServerStore,
} from '../../emitters/server-options.js';
import { checkDatabaseFlag } from '../database-flag.js';
import { EXIT, UsageError } from '../exit-codes.js';
import type { Logger } from '../logger.js';
import { projectPackageChanges, type InitChoices } from './init-project.js';

export interface InitFlags {
  readonly dir: string;
  readonly server?: string;
  readonly store?: string;
  readonly database?: string;
  readonly client?: boolean;
  readonly extension?: string;
}

/** Where the generated package goes: a workspace of the user's project (see init-project.ts). */
const OUT = 'generated/scim';

function config(choices: InitChoices): string {
  const server =
    choices.server === undefined
      ? ''
      : `\n  // A SCIM service provider (src/server/ of the package; handlers are yours to edit).\n  server: { framework: '${choices.server}', store: '${choices.store}'${choices.database === undefined ? '' : `, database: '${choices.database}'`} },`;
  const client = choices.client
    ? `\n  // A typed client for a server with these schemas (createClient).\n  client: true,`
    : '';
  return `import { defineConfig } from 'scimgen';

export default defineConfig({
  // The RFC 7643 schemas and the User and Group resource types ship with scimgen; your own
  // extension schemas live in ./schemas (the example joins User through its "endpoint").
  schemas: ['scimgen:rfc7643', 'scimgen:rfc7643-resource-types', './schemas'],
  out: './${OUT}',
  package: { name: 'scim', version: '0.1.0' },${server}${client}
});
`;
}

/** An example extension of User, attached to the resource type through its "endpoint". */
function extension(name: string): Record<string, unknown> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
    id: `urn:ietf:params:scim:schemas:extension:${slug}:2.0:User`,
    name: `${name}User`,
    description: `Attributes of ${name} users that are not in the core User schema.`,
    endpoint: '/Users',
    attributes: [
      {
        name: 'costCenter',
        type: 'string',
        multiValued: false,
        description: 'Cost center the user is billed to.',
        required: false,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        uniqueness: 'none',
      },
    ],
  };
}

/**
 * Starts the generated server the way `npm start` in this repository does: a bearer token made
 * on the first start and kept in data/bearer-token (owner-only), unless SCIM_BEARER_TOKEN is set.
 */
const START = `// Written by \`scimgen init\`; yours to edit. Starts the generated SCIM server.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

if (process.env.SCIM_BEARER_TOKEN === undefined) {
  const file = 'data/bearer-token';
  mkdirSync('data', { recursive: true, mode: 0o700 });
  if (!existsSync(file)) writeFileSync(file, \`\${randomBytes(24).toString('base64url')}\\n\`, { mode: 0o600 });
  process.env.SCIM_BEARER_TOKEN = readFileSync(file, 'utf8').trim();
  process.stdout.write(\`Bearer token (from \${file}; set SCIM_BEARER_TOKEN to choose one): \${process.env.SCIM_BEARER_TOKEN}\\n\`);
}
await import('./${OUT}/dist/server/main.js');
`;

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

function choicesOf(flags: InitFlags): InitChoices {
  if (flags.server !== undefined && !SERVER_FRAMEWORKS.includes(flags.server as ServerFramework))
    throw new UsageError(`--server is one of ${SERVER_FRAMEWORKS.join(', ')}, not ${JSON.stringify(flags.server)}`);
  if (flags.store !== undefined && !SERVER_STORES.includes(flags.store as ServerStore))
    throw new UsageError(`--store is one of ${SERVER_STORES.join(', ')}, not ${JSON.stringify(flags.store)}`);
  if (flags.store !== undefined && flags.server === undefined) throw new UsageError('--store goes with --server');
  const store = (flags.store as ServerStore | undefined) ?? 'sql';
  if (flags.database !== undefined && flags.server === undefined) throw new UsageError('--database goes with --server');
  checkDatabaseFlag({ store, ...(flags.database !== undefined ? { database: flags.database } : {}) });
  const extensionName = flags.extension ?? 'Example';
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(extensionName))
    throw new UsageError(
      `--extension is a name of letters and digits, such as Acme, not ${JSON.stringify(extensionName)}`,
    );
  return {
    ...(flags.server !== undefined ? { server: flags.server as ServerFramework } : {}),
    store,
    ...(flags.database !== undefined ? { database: flags.database as ServerDatabase } : {}),
    client: flags.client === true,
    extension: extensionName,
    out: OUT,
  };
}

/**
 * Scaffolds a project: scimgen.config.ts, an example extension attached to User, and (when
 * there is one) the project's package.json given what the choices need. Never overwrites a
 * file that is already there; running it again is safe.
 */
export async function initCommand(flags: InitFlags, logger: Logger, version: string): Promise<number> {
  const choices = choicesOf(flags);
  const files: [string, string][] = [
    ['scimgen.config.ts', config(choices)],
    [
      path.join('schemas', `${choices.extension}User.json`),
      `${JSON.stringify(extension(choices.extension), null, 2)}\n`,
    ],
    ...(choices.server !== undefined ? [['scim-start.mjs', START] as [string, string]] : []),
  ];
  let created = 0;
  for (const [relative, contents] of files) {
    const target = path.resolve(flags.dir, relative);
    if (await exists(target)) {
      logger.info(`  kept: ${relative} (already exists)`);
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, contents, 'utf8');
    logger.info(`  created: ${relative}`);
    created++;
  }
  // The package is generated now, so the first `npm install` links it with what it depends on.
  const { generateCommand } = await import('./generate.js');
  const generated = await generateCommand({}, logger, path.resolve(flags.dir));
  if (generated !== EXIT.ok) return generated;
  const manifest = path.resolve(flags.dir, 'package.json');
  if (await exists(manifest)) {
    const before = JSON.parse(await readFile(manifest, 'utf8')) as Record<string, unknown>;
    const { after, changes } = projectPackageChanges(before, choices, version);
    if (changes.length > 0) {
      await writeFile(manifest, `${JSON.stringify(after, null, 2)}\n`, 'utf8');
      for (const change of changes) logger.info(`  package.json: ${change}`);
    }
    logger.success(
      `${created} file(s) created; next: \`npm install\`, then \`npm run build\`${choices.server ? ' and `npm start`' : ''}`,
    );
  } else
    logger.success(
      `${created} file(s) created; next: \`npx scimgen generate\` (run \`npm init -y\` first to have package.json set up too)`,
    );
  return EXIT.ok;
}
