// The client provisioning into the SQLite-backed example server (examples/acme-server, its own
// process), and its own overhead against a bare fetch of the same request, in one run.
// Usage: npm run bench:client (BENCH_USERS, BENCH_CONCURRENCY, BENCH_LOOKUPS).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bearerToken, inPool } from '@scimgen/client';
import { createClient } from '@scimgen-examples/acme-models';

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const LOOKUPS = Number(process.env.BENCH_LOOKUPS ?? 3000);
const TOKEN = 'bench-token';
const TASKSET = existsSync('/usr/bin/taskset') ? '/usr/bin/taskset' : undefined;
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const dir = mkdtempSync(path.join(os.tmpdir(), 'scimgen-client-bench-'));
const port = 18000 + Math.floor(Math.random() * 1000);
const main = new URL('../examples/acme-server/dist/server/main.js', import.meta.url).pathname;
// The server on core 0, this process (the client) on the other.
const [command, args] = TASKSET ? [TASKSET, ['-c', '0', process.execPath, main]] : [process.execPath, [main]];
const server = spawn(command, args, {
  env: {
    ...process.env,
    PORT: String(port),
    SCIM_BEARER_TOKEN: TOKEN,
    DATABASE_URL: `sqlite:${path.join(dir, 'scim.db')}`,
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve, reject) => {
  server.stdout.on('data', (chunk) => String(chunk).includes('SCIM service provider at') && resolve());
  server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
});
const base = `http://127.0.0.1:${port}/scim/v2`;
const client = createClient({ baseUrl: base, auth: bearerToken(TOKEN) });

const user = (i) => ({
  schemas: [USER, ENTERPRISE],
  userName: `bench${i}@example.com`,
  externalId: `ext-${i}`,
  name: { givenName: `Given${i}`, familyName: 'Bench' },
  emails: [{ value: `bench${i}@example.com`, type: 'work', primary: true }],
  active: true,
  [ENTERPRISE]: { employeeNumber: String(i), department: `Dept ${i % 20}` },
});

try {
  process.stdout.write(
    `node ${process.version}; server on SQLite (synchronous: full), ${TASKSET ? 'pinned to core 0' : 'not pinned'}\n`,
  );
  let started = performance.now();
  const outcomes = await inPool(
    Array.from({ length: USERS }, (_, i) => i),
    CONCURRENCY,
    (i) => client.users.create(user(i), { lookupBy: 'externalId' }),
  );
  const seconds = (performance.now() - started) / 1000;
  const failed = outcomes.filter((o) => o.status === 'rejected').length;
  if (failed > 0) throw new Error(`${failed} creates failed`);
  process.stdout.write(
    `provision ${USERS} users, concurrency ${CONCURRENCY}: ${Math.round(USERS / seconds)} users/s (${seconds.toFixed(1)} s)\n`,
  );

  // The same GET by filter, through the typed client and through a bare fetch, interleaved.
  const bare = async (i) => {
    const url = `${base}/Users?filter=${encodeURIComponent(`userName eq "bench${i}@example.com"`)}`;
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/scim+json' },
    });
    const body = await response.json();
    if (body.totalResults !== 1) throw new Error('bare lookup found nothing');
  };
  const typed = async (i) => {
    const page = await client.users.list({ filter: (f) => f.eq('userName', `bench${i}@example.com`) });
    if (page.totalResults !== 1) throw new Error('client lookup found nothing');
  };
  const rounds = { bare: [], client: [] };
  for (let round = 0; round < 3; round++)
    for (const [name, run] of [
      ['bare', bare],
      ['client', typed],
    ]) {
      started = performance.now();
      for (let n = 0; n < LOOKUPS; n++) await run((n * 7919) % USERS);
      rounds[name].push(((performance.now() - started) * 1000) / LOOKUPS);
    }
  const best = (list) => Math.min(...list);
  process.stdout.write(
    `GET /Users?filter=userName eq …, sequential, best of 3 rounds of ${LOOKUPS}: bare fetch ${best(rounds.bare).toFixed(0)} µs, client ${best(rounds.client).toFixed(0)} µs; client overhead ${(best(rounds.client) - best(rounds.bare)).toFixed(0)} µs per request\n`,
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dir, { recursive: true, force: true });
}
