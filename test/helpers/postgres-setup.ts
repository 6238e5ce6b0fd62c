import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { fuzzSeed } from './fuzz.js';

/**
 * Vitest global setup: a throwaway PostgreSQL cluster on 127.0.0.1 for the store contract suite,
 * from the Debian packages (.ci/run installs them). SCIMGEN_TEST_POSTGRES_URL points the suite
 * at a server of your own instead. Without either, the suite fails, saying so: a store suite that
 * silently skipped PostgreSQL would prove nothing.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  // The property tests' seed, chosen and printed once here; the workers read it from the environment.
  process.env['SCIMGEN_FUZZ_SEED'] = String(fuzzSeed());
  const given = process.env['SCIMGEN_TEST_POSTGRES_URL'];
  if (given !== undefined && given !== '') {
    project.provide('postgresUrl', given);
    return () => {};
  }
  const bin = postgresBin();
  if (bin === undefined) {
    project.provide('postgresUrl', '');
    return () => {};
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  // initdb refuses to run as root; the Debian package creates the postgres user.
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (cmd: string, args: string[]) => {
    const [file, ...rest] = [...asUser, path.join(bin, cmd), ...args];
    execFileSync(file!, rest, { stdio: 'pipe' });
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-o',
    `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`,
    'start',
  ]);
  project.provide('postgresUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);
  return () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** The directory of initdb and pg_ctl from Debian's postgresql package, newest version first. */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
