/**
 * scimgen as a user meets it: every package packed to a tarball (the registry's stand-in), then
 * in an empty folder outside the repository the flow the README gives — npm init, install the
 * packages, `scimgen init --server <framework> --client`, npm install, npm run build, npm start —
 * and SCIM over HTTP against what started, through curl-like requests and the generated typed
 * client from a script of the project's own. For each framework, and on PostgreSQL too.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/fs.js';
import { untilServing } from './helpers/serving.js';
import { postgresBackend } from './stores/backends.js';
import { freePort } from './server/app.js';

const exec = promisify(execFile);
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const TOOLKIT = ['@scimgen/runtime', '@scimgen/server', '@scimgen/stores', '@scimgen/client'];
/** npm installs (a SQLite driver compiles in each), builds and starts: minutes, not seconds. */
const STEP_TIMEOUT = 600_000;

let packs: string;
const tarball = async (name: string) => {
  const file = `${name.replace(/^@/, '').replace('/', '-')}-`;
  const found = (await readdir(packs)).find((f) => f.startsWith(file) && /^\d/.test(f.slice(file.length)));
  if (found === undefined) throw new Error(`no tarball for ${name} in ${packs}`);
  return path.join(packs, found);
};

async function npm(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await exec('npm', args, {
    cwd,
    maxBuffer: 64 * 1024 * 1024,
    // Offline but for the registry: nothing here may reach anything else.
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' },
  });
  return stdout;
}

beforeAll(async () => {
  packs = await mkdtemp(path.join(os.tmpdir(), 'scimgen-packs-'));
  // What a release does: every package packed by the one script (scripts/release/pack-all.mjs).
  await exec(process.execPath, ['scripts/release/pack-all.mjs', packs], { cwd: REPO_ROOT });
}, STEP_TIMEOUT);
afterAll(() => rm(packs, { recursive: true, force: true }));

/** npm init, the toolkit from the tarballs (the registry's stand-in), then `scimgen init` with these flags. */
async function scaffold(dir: string, ...flags: string[]): Promise<void> {
  await npm(dir, 'init', '-y');
  await npm(dir, 'install', ...(await Promise.all(TOOLKIT.map(tarball))));
  await npm(dir, 'install', '-D', await tarball('scimgen'));
  const init = await exec('npx', ['scimgen', 'init', ...flags], { cwd: dir });
  expect(init.stderr).toContain('next: `npm install`, then `npm run build` and `npm start`');
}

/** `npm start` in the project, until it says where it serves; stopped with its process group. */
async function start(dir: string, env: Record<string, string>): Promise<{ base: string; token: string; stop(): void }> {
  const port = await freePort();
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: dir,
    detached: true,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const printed = await untilServing(child, 60_000);
  expect(printed()).toMatch(/Bearer token \(from data\/bearer-token/);
  const token = (await readFile(path.join(dir, 'data/bearer-token'), 'utf8')).trim();
  return {
    base: `http://127.0.0.1:${port}/scim/v2`,
    token,
    stop: () => {
      child.removeAllListeners('exit');
      process.kill(-child.pid!, 'SIGTERM');
    },
  };
}

/** A user's round trip over HTTP: create, read, filter, PATCH, delete. */
async function crud(base: string, token: string): Promise<void> {
  const call = async (method: string, target: string, body?: unknown) => {
    const response = await fetch(base + target, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
  };
  const created = await call('POST', '/Users', {
    schemas: [USER],
    userName: 'bjensen',
    name: { givenName: 'Barbara' },
  });
  expect(created.status).toBe(201);
  const id = created.json.id as string;
  expect((await call('GET', `/Users/${id}`)).json.userName).toBe('bjensen');
  const found = await call('GET', `/Users?filter=${encodeURIComponent('userName eq "BJENSEN"')}`);
  expect(found.json.Resources.map((u: { id: string }) => u.id)).toEqual([id]);
  const patched = await call('PATCH', `/Users/${id}`, {
    schemas: [PATCH_OP],
    Operations: [{ op: 'replace', path: 'name.givenName', value: 'Babs' }],
  });
  expect({ status: patched.status, given: patched.json.name.givenName }).toEqual({ status: 200, given: 'Babs' });
  expect((await call('DELETE', `/Users/${id}`)).status).toBe(204);
  expect((await call('GET', `/Users/${id}`)).status).toBe(404);
  expect((await fetch(`${base}/Users`)).status).toBe(401);
}

/** A script of the project's own that provisions a user through the generated typed client. */
const PROVISION = `import { bearerToken } from '@scimgen/client';
import { createClient } from 'scim';

const client = createClient({ baseUrl: process.env.SCIM_URL, auth: bearerToken(process.env.SCIM_TOKEN) });
const user = await client.users.create({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'typed.client',
  externalId: 'hr-1',
}, { lookupBy: 'externalId' });
const page = await client.users.list({ filter: (f) => f.eq('userName', 'typed.client') });
process.stdout.write(JSON.stringify({ id: user.id, found: page.Resources.map((u) => u.id) }));
`;

describe.each(['fastify', 'express', 'node'] as const)(
  'a new project with scimgen init --server %s --client',
  (framework) => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), `scimgen-project-${framework}-`));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it(
      'installs from the tarballs, scaffolds, installs what the scaffold needs and builds',
      async () => {
        await scaffold(dir, '--server', framework, '--client');
        await npm(dir, 'install');
        await npm(dir, 'run', 'build');
        const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
        expect(manifest.workspaces).toEqual(['generated/*']);
        // The generated package uses the project's @scimgen/* packages: no second copy anywhere.
        for (const name of TOOLKIT)
          await expect(readdir(path.join(dir, 'generated/scim/node_modules', name))).rejects.toThrow();
      },
      STEP_TIMEOUT,
    );

    it(
      'serves SCIM with npm start (a bearer token kept in data/bearer-token), and provisions through the typed client',
      async () => {
        const server = await start(dir, {});
        try {
          await crud(server.base, server.token);
          await writeFile(path.join(dir, 'provision.mjs'), PROVISION);
          const { stdout } = await exec(process.execPath, ['provision.mjs'], {
            cwd: dir,
            env: { ...process.env, SCIM_URL: server.base, SCIM_TOKEN: server.token },
          });
          const result = JSON.parse(stdout) as { id: string; found: string[] };
          expect(result.found).toEqual([result.id]);
        } finally {
          server.stop();
        }
      },
      STEP_TIMEOUT,
    );

    if (framework === 'fastify')
      it(
        'serves the same on PostgreSQL with DATABASE_URL',
        async () => {
          const database = postgresBackend();
          try {
            const server = await start(dir, { DATABASE_URL: await database.databaseUrl() });
            try {
              await crud(server.base, server.token);
              expect(await database.query('SELECT count(*)::int AS n FROM scim_user')).toEqual([{ n: 0 }]);
            } finally {
              server.stop();
            }
          } finally {
            await database.drop();
          }
        },
        STEP_TIMEOUT,
      );
  },
);

describe('a new project with scimgen init --server fastify --database postgres', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'scimgen-project-postgres-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it(
    'installs no SQLite driver, refuses to start without DATABASE_URL, and serves SCIM from PostgreSQL',
    async () => {
      await scaffold(dir, '--server', 'fastify', '--database', 'postgres');
      await npm(dir, 'install');
      await npm(dir, 'run', 'build');
      await expect(readdir(path.join(dir, 'node_modules/better-sqlite3'))).rejects.toThrow();
      await expect(readdir(path.join(dir, 'node_modules/pg'))).resolves.toContain('package.json');

      const refused = await exec('npm', ['start'], { cwd: dir, env: { ...process.env, PORT: '0' } }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(refused).toMatchObject({
        code: 1,
        stderr: expect.stringContaining(
          'this server keeps its data in PostgreSQL: set DATABASE_URL=postgres://user:password@host:5432/database',
        ),
      });
      // The store package alone, asked for SQLite here, says what to install.
      const sqlite = await exec(
        process.execPath,
        ['--input-type=module', '-e', "await (await import('@scimgen/stores')).openStore(undefined, [])"],
        { cwd: dir },
      ).catch((e: { stderr: string }) => e);
      expect(sqlite.stderr).toContain('the better-sqlite3 package is not installed');
      expect(sqlite.stderr).toContain('run npm install better-sqlite3');

      const database = postgresBackend();
      try {
        const server = await start(dir, { DATABASE_URL: await database.databaseUrl() });
        try {
          await crud(server.base, server.token);
        } finally {
          server.stop();
        }
      } finally {
        await database.drop();
      }
    },
    STEP_TIMEOUT,
  );
});
