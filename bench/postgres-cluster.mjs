// A throwaway PostgreSQL cluster on 127.0.0.1 for the benchmarks, from Debian's postgresql package,
// with durable settings (fsync on), as a deployment would run.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function postgresCluster() {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort().pop() : undefined;
  if (version === undefined)
    throw new Error('PostgreSQL is not installed (apt-get install postgresql), or set BENCH_POSTGRES_URL');
  const bin = path.join(root, version, 'bin');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-bench-pg-'));
  chmodSync(dir, 0o777);
  const as = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (cmd, args) => {
    const [file, ...rest] = [...as, path.join(bin, cmd), ...args];
    execFileSync(file, rest, { stdio: 'pipe' });
  };
  const port = 55000 + Math.floor(Math.random() * 5000);
  run('initdb', ['-D', `${dir}/data`, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-o', `-h 127.0.0.1 -p ${port} -k ${dir}`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      run('pg_ctl', ['-D', `${dir}/data`, '-m', 'fast', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
